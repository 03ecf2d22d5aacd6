import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { estimateSimilarity } from './minhash.ts';
import {
  caseText,
  classify,
  fingerprint,
  isoWeekLabel,
  isoWeekStart,
  NEAR_DUPLICATE,
  productKeyOf,
  SAME_CAUSE,
  weeklyCounts,
  type Comparable,
} from './recurrence.ts';
import { shinglesOf } from './shingles.ts';

/**
 * Template letters (one text sent by many customers with their own numbers and small edits),
 * unrelated complaints, and one complaint in both Chinese scripts — our own fixtures.
 */
const letters = {
  en: [
    'I am writing to dispute the following information in my credit file. The account listed below is not mine and was opened without my authorization. Under the Fair Credit Reporting Act you must investigate and delete this inaccurate account within 30 days. Account number 4417123456789012, reported on 01/15/2026.',
    'I am writing to dispute the following information in my credit file. The account listed below is not mine and was opened without my authorization. Under the Fair Credit Reporting Act you must investigate and remove this inaccurate account within 30 days. Account number 5500987654321098, reported on 02/03/2026.',
  ],
  'zh-TW': [
    '您好，我在三月一日於貴公司網站訂購的商品至今仍未收到，訂單編號20260301001。客服電話一直無人接聽，請盡快處理並全額退款，否則我將向消費者保護委員會申訴。',
    '您好，我在三月五日於貴公司網站訂購的商品至今仍未收到，訂單編號20260305042。客服電話一直無人接聽，請盡快處理並全額退款，不然我將向消費者保護委員會申訴。',
  ],
  'zh-CN': [
    '你好，我在京东旗舰店购买的电饭煲使用不到一周就无法加热，底部还有焦糊味。要求更换新机或者退货退款，订单号88812345678，请尽快给出处理方案。',
    '你好，我在京东旗舰店购买的电饭煲使用不到两周就无法加热，底部还有焦糊味。要求更换新机或者退货退款，订单号88898765432，请尽快给出处理方案！',
  ],
  th: [
    'เรียนฝ่ายบริการลูกค้า ดิฉันสั่งซื้อสินค้าผ่านเว็บไซต์เมื่อวันที่ 1 มีนาคม หมายเลขคำสั่งซื้อ 12345678 จนถึงวันนี้ยังไม่ได้รับสินค้า โทรไปหลายครั้งแต่ไม่มีใครรับสาย ขอให้คืนเงินเต็มจำนวนโดยเร็ว',
    'เรียนฝ่ายบริการลูกค้า ดิฉันสั่งซื้อสินค้าผ่านเว็บไซต์เมื่อวันที่ 3 มีนาคม หมายเลขคำสั่งซื้อ 87654321 จนถึงวันนี้ยังไม่ได้รับสินค้า โทรไปหลายครั้งแต่ไม่มีใครรับสาย ขอให้คืนเงินเต็มจำนวนโดยด่วน',
  ],
} as const;

const unrelated = {
  en: 'The waiter was rude to my mother and the soup arrived cold. We waited an hour for the main course.',
  'zh-TW': '櫃檯人員態度很差，對我母親大聲說話，等了一個小時餐點才送來而且是冷的。',
  'zh-CN': '快递员没有送货上门，直接把包裹放在小区门口，结果包裹被雨淋湿了。',
  th: 'พนักงานหน้าร้านพูดจาไม่สุภาพกับแม่ของฉัน รออาหารนานเกือบชั่วโมงและอาหารเย็นชืด',
} as const;

const comparable = (text: string, extra: Partial<Comparable> = {}): Comparable => {
  const found = fingerprint(text);
  assert.ok(found, `no fingerprint for ${text}`);
  return { signature: found.signature, categoryId: null, productKey: null, ...extra };
};

describe('similar complaints in four languages', () => {
  for (const language of ['en', 'zh-TW', 'zh-CN', 'th'] as const) {
    test(`${language}: near-identical template letters are near-duplicates`, () => {
      const [a, b] = letters[language];
      const link = classify(comparable(a), comparable(b));
      assert.equal(link?.kind, 'near_duplicate', `similarity ${link?.similarity}`);
      assert.ok((link?.similarity ?? 0) >= NEAR_DUPLICATE);
    });

    test(`${language}: a different complaint is not similar`, () => {
      const link = classify(comparable(letters[language][0]), comparable(unrelated[language]));
      assert.equal(link, null);
    });
  }

  test('the other languages’ letters do not match each other', () => {
    const all = Object.values(letters).map(([a]) => comparable(a));
    for (let i = 0; i < all.length; i += 1) {
      for (let j = i + 1; j < all.length; j += 1) {
        assert.ok(estimateSimilarity(all[i]!.signature, all[j]!.signature) < SAME_CAUSE, `${i} vs ${j}`);
      }
    }
  });

  test('one complaint in Traditional and in Simplified Chinese is the same complaint', () => {
    const traditional = '我三天前買的芒果全部爛了，打開箱子就聞到臭味。你們的冷鏈根本沒做好，我要求全額退款並道歉。';
    const simplified = '我三天前买的芒果全部烂了，打开箱子就闻到臭味。你们的冷链根本没做好，我要求全额退款并道歉。';
    assert.deepEqual(shinglesOf(traditional), shinglesOf(simplified));
    const link = classify(comparable(traditional), comparable(simplified));
    assert.deepEqual(link, { similarity: 1, kind: 'near_duplicate' });
  });

  test('a template with its numbers changed is the same letter: identifiers are not shingles', () => {
    const a = shinglesOf('Order 20260301001 never arrived, refund me');
    const b = shinglesOf('Order 20260305042 never arrived, refund me');
    assert.deepEqual(a, b);
    assert.ok(![...a].some((s) => /\d/.test(s)));
  });

  test('same category and the same product is the same cause even in other words', () => {
    const a = comparable(letters['zh-CN'][0], { categoryId: 'cat_1', productKey: productKeyOf(' RC-500 ') });
    const b = comparable(unrelated['zh-CN'], { categoryId: 'cat_1', productKey: productKeyOf('rc-500') });
    assert.equal(classify(a, b)?.kind, 'same_cause');
    assert.equal(classify(a, { ...b, categoryId: 'cat_2' }), null);
    assert.equal(classify({ ...a, productKey: null }, { ...b, productKey: null }), null);
  });

  test('a text too short to compare has no fingerprint', () => {
    assert.equal(fingerprint('Refund'), null);
    assert.equal(fingerprint('退款'), null);
    assert.equal(fingerprint('   '), null);
    assert.ok(fingerprint(caseText('芒果爛了', '我三天前買的芒果全部爛了')));
  });
});

describe('ISO weeks (UTC)', () => {
  test('labels and Monday starts, across a year boundary', () => {
    assert.equal(isoWeekLabel(new Date('2026-03-02T09:00:00Z')), '2026-W10');
    assert.equal(isoWeekLabel(new Date('2026-03-01T23:59:59Z')), '2026-W09');
    assert.equal(isoWeekLabel(new Date('2021-01-03T12:00:00Z')), '2020-W53');
    assert.equal(isoWeekLabel(new Date('2024-12-30T00:00:00Z')), '2025-W01');
    assert.equal(isoWeekStart(new Date('2026-03-08T23:00:00Z')).toISOString(), '2026-03-02T00:00:00.000Z');
  });

  test('weekly counts: this week and the seven before, oldest first; older dates are not counted', () => {
    const now = new Date('2026-03-04T10:00:00Z'); // Wednesday of 2026-W10
    const counts = weeklyCounts(
      [
        new Date('2026-03-04T09:00:00Z'),
        new Date('2026-03-02T00:00:00Z'),
        new Date('2026-03-01T23:59:59Z'),
        new Date('2026-01-12T00:00:00Z'), // Monday of W03, the first week shown
        new Date('2026-01-11T23:00:00Z'), // W02: too old
      ],
      now,
    );
    assert.equal(counts.length, 8);
    assert.equal(counts[0]?.week, '2026-W03');
    assert.equal(counts[7]?.week, '2026-W10');
    assert.deepEqual(
      counts.map((c) => c.count),
      [1, 0, 0, 0, 0, 0, 1, 2],
    );
  });
});
