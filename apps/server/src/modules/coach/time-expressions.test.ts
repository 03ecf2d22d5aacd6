import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findTimeExpressions, MAX_TIME_EXPRESSIONS } from './time-expressions.ts';
import { parseCount } from './time-words.ts';

/** Monday 2 March 2026, 09:00 in Taipei (UTC+8), 08:00 in Bangkok (UTC+7). */
const NOW = new Date('2026-03-02T01:00:00.000Z');

/** [text, zone, the words found, due time (UTC), granularity] */
const CASES: readonly (readonly [string, string, string, string, string])[] = [
  // English
  ['We will call you back by Friday.', 'Asia/Taipei', 'by Friday', '2026-03-06T10:00:00.000Z', 'day'],
  ['within 2 hours', 'Asia/Taipei', 'within 2 hours', '2026-03-02T03:00:00.000Z', 'span'],
  ['I will ring tomorrow at 3 pm.', 'Asia/Taipei', 'tomorrow at 3 pm', '2026-03-03T07:00:00.000Z', 'time'],
  ['refunded by 3 p.m. tomorrow', 'Asia/Taipei', 'by 3 p.m. tomorrow', '2026-03-03T07:00:00.000Z', 'time'],
  ['within three working days', 'Asia/Taipei', 'within three working days', '2026-03-05T10:00:00.000Z', 'span'],
  ['by 12 March', 'Asia/Taipei', 'by 12 March', '2026-03-12T10:00:00.000Z', 'day'],
  ['next Monday', 'Asia/Taipei', 'next Monday', '2026-03-09T10:00:00.000Z', 'day'],
  ['by noon', 'Asia/Taipei', 'by noon', '2026-03-02T04:00:00.000Z', 'time'],
  // Chinese, either script
  ['明天之前给您答复', 'Asia/Shanghai', '明天之前', '2026-03-03T10:00:00.000Z', 'day'],
  ['週五前', 'Asia/Taipei', '週五前', '2026-03-06T10:00:00.000Z', 'day'],
  ['下午三點', 'Asia/Taipei', '下午三點', '2026-03-02T07:00:00.000Z', 'time'],
  ['三个工作日内', 'Asia/Shanghai', '三个工作日内', '2026-03-05T10:00:00.000Z', 'span'],
  ['我們會在明天下午三點前回電', 'Asia/Taipei', '明天下午三點前', '2026-03-03T07:00:00.000Z', 'time'],
  ['下週一', 'Asia/Taipei', '下週一', '2026-03-09T10:00:00.000Z', 'day'],
  ['24小時內', 'Asia/Taipei', '24小時內', '2026-03-03T01:00:00.000Z', 'span'],
  ['３月５日前', 'Asia/Taipei', '３月５日前', '2026-03-05T10:00:00.000Z', 'day'],
  ['晚上十點', 'Asia/Taipei', '晚上十點', '2026-03-02T14:00:00.000Z', 'time'],
  // Thai
  ['พรุ่งนี้', 'Asia/Bangkok', 'พรุ่งนี้', '2026-03-03T11:00:00.000Z', 'day'],
  ['จะแจ้งภายในวันศุกร์', 'Asia/Bangkok', 'ภายในวันศุกร์', '2026-03-06T11:00:00.000Z', 'day'],
  ['ก่อน 15.00 น.', 'Asia/Bangkok', 'ก่อน 15.00 น.', '2026-03-02T08:00:00.000Z', 'time'],
  ['จะโทรกลับภายในพรุ่งนี้', 'Asia/Bangkok', 'ภายในพรุ่งนี้', '2026-03-03T11:00:00.000Z', 'day'],
  ['บ่ายสามโมง', 'Asia/Bangkok', 'บ่ายสามโมง', '2026-03-02T08:00:00.000Z', 'time'],
  ['ภายใน ๒๔ ชั่วโมง', 'Asia/Bangkok', 'ภายใน ๒๔ ชั่วโมง', '2026-03-03T01:00:00.000Z', 'span'],
  ['วันศุกร์หน้า', 'Asia/Bangkok', 'วันศุกร์หน้า', '2026-03-13T11:00:00.000Z', 'day'],
];

describe('time expressions', () => {
  for (const [text, zone, words, due, granularity] of CASES) {
    test(`${text} (${zone})`, () => {
      const found = findTimeExpressions(text, NOW, zone);
      assert.equal(found.length, 1, JSON.stringify(found));
      const [expression] = found;
      assert.equal(expression?.text, words);
      assert.equal(text.slice(expression?.start, expression?.end), words);
      assert.equal(expression?.dueAt.toISOString(), due);
      assert.equal(expression?.granularity, granularity);
      assert.ok((expression?.from.getTime() ?? 0) <= (expression?.dueAt.getTime() ?? 0));
      assert.ok((expression?.to.getTime() ?? 0) >= (expression?.dueAt.getTime() ?? 0));
    });
  }

  test('the same words mean different instants in different zones', () => {
    const taipei = findTimeExpressions('tomorrow at 3 pm', NOW, 'Asia/Taipei')[0];
    const bangkok = findTimeExpressions('tomorrow at 3 pm', NOW, 'Asia/Bangkok')[0];
    assert.equal(taipei?.dueAt.toISOString(), '2026-03-03T07:00:00.000Z');
    assert.equal(bangkok?.dueAt.toISOString(), '2026-03-03T08:00:00.000Z');
  });

  test('a bare time that has passed today means tomorrow', () => {
    // 09:00 in Taipei: 8 am has gone.
    assert.equal(
      findTimeExpressions('by 8 am', NOW, 'Asia/Taipei')[0]?.dueAt.toISOString(),
      '2026-03-03T00:00:00.000Z',
    );
  });

  test('a day covers the whole local day; an exact time an hour either side', () => {
    const [friday] = findTimeExpressions('by Friday', NOW, 'Asia/Taipei');
    assert.equal(friday?.from.toISOString(), '2026-03-05T16:00:00.000Z');
    assert.equal(friday?.to.toISOString(), '2026-03-06T15:59:59.999Z');
    const [three] = findTimeExpressions('下午三點', NOW, 'Asia/Taipei');
    assert.equal(three?.from.toISOString(), '2026-03-02T06:00:00.000Z');
    assert.equal(three?.to.toISOString(), '2026-03-02T08:00:00.000Z');
  });

  test('Traditional and Simplified read the same, at the same places', () => {
    const a = findTimeExpressions('我們會在星期五下午兩點半之前回覆', NOW, 'Asia/Taipei');
    const b = findTimeExpressions('我们会在星期五下午两点半之前回复', NOW, 'Asia/Taipei');
    assert.deepEqual(
      a.map((e) => [e.start, e.end, e.dueAt.toISOString()]),
      b.map((e) => [e.start, e.end, e.dueAt.toISOString()]),
    );
    assert.equal(a[0]?.dueAt.toISOString(), '2026-03-06T06:30:00.000Z');
  });

  test('what is not a time is not found', () => {
    for (const text of [
      '請快一點',
      'Send 2 marks',
      'I sat on the sun deck',
      '我三天前買的芒果',
      'สั่งของไปแล้วยังไม่ได้รับ',
      '2月31日前',
      'order 12345',
    ]) {
      assert.deepEqual(findTimeExpressions(text, NOW, 'Asia/Taipei'), [], text);
    }
  });

  test('an unknown zone reads in UTC', () => {
    assert.equal(
      findTimeExpressions('tomorrow at 3 pm', NOW, 'Not/AZone')[0]?.dueAt.toISOString(),
      '2026-03-03T15:00:00.000Z',
    );
  });

  test('counts in digits, words, Chinese numerals and Thai digits', () => {
    assert.deepEqual(['3', 'three', '三', '十二', '二十四', '两', '๒๔', 'สาม', 'an', '百'].map(parseCount), [
      3,
      3,
      3,
      12,
      24,
      2,
      24,
      3,
      1,
      null,
    ]);
  });
});

describe('a long hostile text', () => {
  test('yields only the first MAX_TIME_EXPRESSIONS expressions, in order', () => {
    const text = '明天之前'.repeat(5_000);
    const found = findTimeExpressions(text, NOW, 'Asia/Shanghai');
    assert.equal(found.length, MAX_TIME_EXPRESSIONS);
    assert.deepEqual(
      found.slice(0, 3).map((t) => t.start),
      [0, 4, 8],
    );
    assert.equal(found.at(-1)?.start, (MAX_TIME_EXPRESSIONS - 1) * 4);
  });

  test('a day joined to a time still counts once at the limit', () => {
    const text = '明天下午三点前，'.repeat(MAX_TIME_EXPRESSIONS + 10);
    const found = findTimeExpressions(text, NOW, 'Asia/Shanghai');
    assert.equal(found.length, MAX_TIME_EXPRESSIONS);
    assert.ok(found.every((t) => t.text === '明天下午三点前' && t.granularity === 'time'));
  });
});
