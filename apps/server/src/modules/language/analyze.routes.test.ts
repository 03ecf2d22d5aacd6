import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { MAX_ANALYZE_CHARS, type AnalyzeResultDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { createTestOrg, type OrgUser, type TestOrg } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { DEFAULT_TTL_MS } from './categories/category-model.service.ts';

const analyze = (t: TestApp, as: OrgUser | undefined, payload: unknown) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/analyze',
    ...(as ? { headers: as.headers } : {}),
    payload: payload as object,
  });

const analyzed = async (t: TestApp, as: OrgUser, payload: Record<string, unknown>): Promise<AnalyzeResultDto> => {
  const response = await analyze(t, as, payload);
  assert.equal(response.statusCode, 200, response.body);
  return response.json<AnalyzeResultDto>();
};

const kinds = (result: AnalyzeResultDto): string[] => result.signals.map((s) => s.kind).sort();

describeBothBackends('POST /api/v1/analyze', (backend) => {
  const setUp = async (cleanup: TestContext): Promise<{ t: TestApp; org: TestOrg }> => {
    const t = await buildTestApp({ db: await backend.open(cleanup) });
    cleanup.after(() => t.app.close());
    return { t, org: await createTestOrg(t) };
  };

  test('reads signals, risk and language in four languages, and not the same words in another role', async (cleanup) => {
    const { t, org } = await setUp(cleanup);
    const en = await analyzed(t, org.agentA, {
      text: 'Please fix this ASAP, I have called 3 times already. Otherwise I will contact my lawyer.',
    });
    assert.equal(en.language, 'en');
    assert.deepEqual(kinds(en), ['legal_threat', 'repeat_contact', 'urgency']);
    assert.ok(en.signals.every((s) => s.evidence.length > 0 && s.confidence > 0 && s.confidence <= 1));
    assert.ok(en.risk.score >= 50, `${en.risk.score}`);
    assert.deepEqual(en.categories, []);
    assert.equal('id' in en, false, 'the HTTP answer has no id');

    const tw = await analyzed(t, org.agentA, { text: '你們是騙子！我要退款，不然我就去消保官投訴。' });
    assert.equal(tw.language, 'zh-TW');
    assert.deepEqual(kinds(tw), ['insult', 'refund_demand', 'regulator_threat']);
    assert.ok(tw.signals.some((s) => s.evidence === '騙子'));

    const cn = await analyzed(t, org.agentA, { text: '你们是骗子，我要曝光，找你们经理来！' });
    assert.equal(cn.language, 'zh-CN');
    assert.deepEqual(kinds(cn), ['insult', 'manager_request', 'media_threat']);

    const th = await analyzed(t, org.agentA, { text: 'ขอคุยกับหัวหน้า จะไปแจ้ง สคบ. และขอคืนเงินด่วน' });
    assert.equal(th.language, 'th');
    assert.deepEqual(kinds(th), ['manager_request', 'refund_demand', 'regulator_threat', 'urgency']);

    for (const text of [
      'My manager at work said the company sued me last year.',
      '我們經理說這家店不錯，下次再來。',
      '这家店不错，服务很好，下次还来。',
      'ขับรถบนทางด่วนไปกินข้าว อร่อยมาก',
    ]) {
      const result = await analyzed(t, org.agentA, { text });
      assert.deepEqual(result.signals, [], text);
      assert.deepEqual(result.risk, { score: 0, level: 'low' }, text);
    }

    const given = await analyzed(t, org.agentA, { text: '我要退款', language: 'zh-TW' });
    assert.equal(given.language, 'zh-TW', 'the given language is kept');
  });

  test("uses the organisation's lexicon entries and suggests its categories", async (cleanup) => {
    const { t, org } = await setUp(cleanup);
    const text = 'จัดส่งล่าช้ามาก รอมาห้าวันแล้ว จะเอาเรื่องนี้ไปลงกระทู้';
    const before = await analyzed(t, org.agentA, { text });
    assert.deepEqual(before.categories, [], 'no categories configured: no suggestions');
    assert.equal(
      before.signals.some((s) => s.kind === 'media_threat'),
      false,
    );

    const added = await t.app.inject({
      method: 'POST',
      url: '/api/v1/language/lexicon',
      headers: org.admin.headers,
      payload: { signal: 'media_threat', language: 'th', kind: 'phrase', text: 'ไปลงกระทู้' },
    });
    assert.equal(added.statusCode, 201, added.body);
    const category = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories',
      headers: org.admin.headers,
      payload: {
        names: { en: 'Late delivery', 'zh-TW': '配送延誤', 'zh-CN': '配送延误', th: 'จัดส่งล่าช้า' },
        kind: 'service_process',
      },
    });
    assert.equal(category.statusCode, 201, category.body);
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories',
      headers: org.admin.headers,
      payload: {
        names: { en: 'Spoiled food', 'zh-TW': '食品腐爛', 'zh-CN': '食品腐烂', th: 'อาหารเน่าเสีย' },
        kind: 'product_quality',
      },
    });
    assert.equal(other.statusCode, 201, other.body);

    // The category model is re-checked after its time-to-live; the lexicon is forgotten on change.
    t.clock.advance(DEFAULT_TTL_MS + 1);
    const after = await analyzed(t, org.agentA, { text });
    const media = after.signals.find((s) => s.kind === 'media_threat');
    assert.equal(media?.evidence, 'ไปลงกระทู้');
    assert.equal(after.categories[0]?.id, category.json<{ id: string }>().id);
    assert.ok(after.categories.length <= 3);
    assert.ok(after.risk.score > before.risk.score);
  });

  test('refuses empty, too long, unknown-language and malformed bodies with coded 4xx, and anonymous callers', async (cleanup) => {
    const { t, org } = await setUp(cleanup);
    const refused = async (payload: unknown, status: number) => {
      const response = await analyze(t, org.agentA, payload);
      assert.equal(
        response.statusCode,
        status,
        `${JSON.stringify(payload).slice(0, 60)}: ${response.body.slice(0, 200)}`,
      );
      const body = response.json<{ error: { code: string } }>();
      assert.equal(typeof body.error.code, 'string');
      return body.error.code;
    };
    assert.equal(await refused({ text: '' }, 400), 'validation_failed');
    assert.equal(await refused({ text: 'x'.repeat(MAX_ANALYZE_CHARS + 1) }, 400), 'validation_failed');
    assert.equal(await refused({ text: 'refund please', language: 'fr' }, 400), 'validation_failed');
    assert.equal(await refused({ text: 'refund please', extra: true }, 400), 'validation_failed');
    assert.equal(await refused({}, 400), 'validation_failed');
    assert.equal(await refused({ text: 'x'.repeat(2 * 1024 * 1024) }, 413), 'payload_too_large');

    const longest = await analyze(t, org.agentA, {
      text: `${'I want my money back. '.repeat(2_000)}`.slice(0, MAX_ANALYZE_CHARS),
    });
    assert.equal(longest.statusCode, 200, 'the longest allowed text is analysed');

    const anonymous = await analyze(t, undefined, { text: 'refund please' });
    assert.equal(anonymous.statusCode, 401);
  });
});

test('every role that reads cases may analyse (department members included)', async (cleanup) => {
  const t = await buildTestApp();
  cleanup.after(() => t.close());
  const org = await createTestOrg(t);
  for (const user of [org.warehouseMember, org.analyst, org.supervisorA]) {
    const result = await analyzed(t, user, { text: 'I will never buy from you again' });
    assert.deepEqual(kinds(result), ['churn_threat']);
  }
});
