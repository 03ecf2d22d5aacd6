import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { CategorySuggestionsDto, CreateCaseBody } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../../test/factories.ts';
import { createTestOrg, openCaseAs, type OrgUser, type TestOrg } from '../../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../../test/pg-util.ts';
import { DEFAULT_TTL_MS } from './category-model.service.ts';

/** A category tree named in all four languages; none of the names mentions cards or charges. */
const createTree = async (t: TestApp, admin: OrgUser) => {
  const post = async (url: string, payload: Record<string, unknown>): Promise<string> => {
    const response = await t.app.inject({ method: 'POST', url, headers: admin.headers, payload });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<{ id: string }>().id;
  };
  const rootCause = await post('/api/v1/root-causes', { code: 'process', names: { en: 'Process gap' } });
  const quality = await post('/api/v1/categories', {
    names: { en: 'Product quality', 'zh-TW': '產品品質', 'zh-CN': '产品质量', th: 'คุณภาพสินค้า' },
    kind: 'product_quality',
  });
  const spoiled = await post('/api/v1/categories', {
    names: { en: 'Spoiled food', 'zh-TW': '食品腐爛', 'zh-CN': '食品腐烂', th: 'อาหารเน่าเสีย' },
    parentId: quality,
  });
  const service = await post('/api/v1/categories', {
    names: { en: 'Service process', 'zh-TW': '服務流程', 'zh-CN': '服务流程', th: 'กระบวนการบริการ' },
    kind: 'service_process',
  });
  const late = await post('/api/v1/categories', {
    names: { en: 'Late delivery', 'zh-TW': '配送延誤', 'zh-CN': '配送延误', th: 'จัดส่งล่าช้า' },
    parentId: service,
  });
  const billing = await post('/api/v1/categories', {
    names: { en: 'Billing', 'zh-TW': '帳務', 'zh-CN': '账务', th: 'การเรียกเก็บ' },
    kind: 'service_process',
  });
  return { rootCause, quality, spoiled, service, late, billing };
};

type Tree = Awaited<ReturnType<typeof createTree>>;

const suggestText = async (t: TestApp, as: OrgUser, payload: Record<string, unknown>) => {
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/categories/suggest',
    headers: as.headers,
    payload,
  });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<CategorySuggestionsDto>();
};

const suggestCase = (t: TestApp, as: OrgUser, caseId: string) =>
  t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/category-suggestions`, headers: as.headers });

/** Opens a case in a category and resolves it (some closed too): a training example. */
const closeLabelled = async (t: TestApp, as: OrgUser, tree: Tree, body: CreateCaseBody, close: boolean) => {
  const opened = await openCaseAs(t, as, body);
  const act = async (url: string, payload: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${opened.id}${url}`,
      headers: as.headers,
      payload,
    });
    assert.equal(response.statusCode, 200, response.body);
  };
  await act('/transitions', { action: 'start_investigation' });
  await act('/transitions', {
    action: 'resolve',
    resolution: { text: 'Refunded', kind: 'final', rootCauseId: tree.rootCause },
  });
  if (close) {
    await act('/customer-decision', { accepted: true });
    await act('/transitions', { action: 'close' });
  }
  return opened.id;
};

const CHARGED_TWICE = [
  { language: 'en', text: 'My credit card was charged twice for one order' },
  { language: 'en', text: 'You charged my card twice, please fix the double charge' },
  { language: 'zh-TW', text: '信用卡被重複扣款兩次' },
  { language: 'zh-CN', text: '同一笔订单信用卡重复扣款' },
  { language: 'th', text: 'บัตรเครดิตถูกตัดเงินซ้ำสองครั้ง' },
  { language: 'th', text: 'ตัดเงินบัตรเครดิตซ้ำ' },
] as const;

describeBothBackends('category suggestions over HTTP', (backend) => {
  const setUp = async (cleanup: TestContext): Promise<{ t: TestApp; org: TestOrg; tree: Tree }> => {
    const t = await buildTestApp({ db: await backend.open(cleanup) });
    cleanup.after(() => t.app.close());
    const org = await createTestOrg(t);
    const tree = await createTree(t, org.admin);
    return { t, org, tree };
  };

  test('a freshly configured organisation gets suggestions from its category names', async (cleanup) => {
    const { t, org, tree } = await setUp(cleanup);
    const thai = await suggestText(t, org.agentA, { text: 'อาหารเน่าเสียหมดเลย กินไม่ได้' });
    assert.equal(thai.categories[0]?.id, tree.spoiled);
    assert.equal(thai.categories[0]?.name, 'อาหารเน่าเสีย');
    assert.equal(thai.kind?.kind, 'product_quality');
    assert.ok(thai.categories.length <= 3 && thai.categories.length > 1);

    const traditional = await suggestText(t, org.agentA, { text: '配送延誤了三天還沒到' });
    assert.equal(traditional.categories[0]?.id, tree.late);
    assert.equal(traditional.categories[0]?.name, '配送延誤');
    assert.equal(traditional.kind?.kind, 'service_process');
    const simplified = await suggestText(t, org.agentA, { text: '配送延误了三天还没到', limit: 1 });
    assert.deepEqual(
      simplified.categories.map((c) => [c.id, c.name]),
      [[tree.late, '配送延误']],
    );

    const english = await suggestText(t, org.agentA, { text: 'The food was spoiled', language: 'th' });
    assert.equal(english.categories[0]?.id, tree.spoiled);
    assert.equal(english.categories[0]?.name, 'อาหารเน่าเสีย', 'named in the language asked for');

    const opened = await openCaseAs(t, org.agentA, {
      customer: { name: 'สมชาย ใจดี', phone: '+66 81 234 5678', language: 'th' },
      channel: 'phone',
      description: 'จัดส่งล่าช้ามาก รอมาห้าวันแล้ว',
    });
    const forCase = await suggestCase(t, org.agentA, opened.id);
    assert.equal(forCase.statusCode, 200, forCase.body);
    assert.equal(forCase.json<CategorySuggestionsDto>().categories[0]?.id, tree.late);
  });

  test('after labelled cases close, the model suggests their category; other sites do not learn from them', async (cleanup) => {
    const { t, org, tree } = await setUp(cleanup);
    const complaint = 'Charged twice on my credit card';
    const before = await suggestText(t, org.agentA, { text: complaint });
    assert.notEqual(before.categories[0]?.id, tree.billing);

    let i = 0;
    for (const example of CHARGED_TWICE) {
      await closeLabelled(
        t,
        org.agentA,
        tree,
        {
          customer: { name: `Customer ${i}`, email: `c${i}@example.test`, language: example.language },
          channel: 'web',
          description: example.text,
          categoryId: tree.billing,
        },
        i % 2 === 0,
      );
      i += 1;
    }
    await closeLabelled(
      t,
      org.agentA,
      tree,
      {
        customer: { name: 'Other', email: 'other@example.test', language: 'en' },
        channel: 'web',
        description: 'The parcel arrived a week after the promised day',
        categoryId: tree.late,
      },
      true,
    );

    // Within the cache's time-to-live the model may still be the old one; past it, it is retrained.
    t.clock.advance(DEFAULT_TTL_MS + 1);
    for (const text of [complaint, '信用卡重複扣款', '信用卡重复扣款', 'บัตรเครดิตโดนตัดเงินซ้ำ']) {
      const after = await suggestText(t, org.agentA, { text });
      assert.equal(after.categories[0]?.id, tree.billing, text);
      assert.equal(after.kind?.kind, 'service_process');
    }
    const learnt = (await suggestText(t, org.agentA, { text: complaint })).categories[0]?.confidence ?? 0;
    assert.ok(learnt > (before.categories[0]?.confidence ?? 1), `${learnt}`);

    const fresh = await openCaseAs(t, org.agentA, {
      customer: { name: '林小姐', phone: '0912-000-111', language: 'zh-TW' },
      channel: 'phone',
      subject: '扣款問題',
      description: '我的信用卡被扣了兩次錢',
    });
    const forCase = await suggestCase(t, org.agentA, fresh.id);
    assert.equal(forCase.json<CategorySuggestionsDto>().categories[0]?.id, tree.billing);

    // An analyst oversees every site and learns from every site's cases.
    assert.equal((await suggestText(t, org.analyst, { text: complaint })).categories[0]?.id, tree.billing);

    // Site B's agent: the closed cases are all at site A, so nothing was learnt from them.
    const elsewhere = await suggestText(t, org.agentB, { text: complaint });
    assert.notEqual(elsewhere.categories[0]?.id, tree.billing);
    const hidden = await suggestCase(t, org.agentB, fresh.id);
    assert.equal(hidden.statusCode, 404);
  });

  test('refuses bad input, unknown cases and callers without case:read', async (cleanup) => {
    const { t, org } = await setUp(cleanup);
    const empty = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories/suggest',
      headers: org.agentA.headers,
      payload: { text: '' },
    });
    assert.equal(empty.statusCode, 400);
    const badLimit = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories/suggest',
      headers: org.agentA.headers,
      payload: { text: 'late', limit: 11 },
    });
    assert.equal(badLimit.statusCode, 400);
    const missing = await suggestCase(t, org.agentA, 'case_00000000000000000000000000');
    assert.equal(missing.statusCode, 404);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories/suggest',
      payload: { text: 'late' },
    });
    assert.equal(anonymous.statusCode, 401);
  });
});

test('with no categories configured, suggestions are empty and the kind is null', async (cleanup) => {
  const t = await buildTestApp();
  cleanup.after(() => t.close());
  const org = await createTestOrg(t);
  const result = await suggestText(t, org.agentA, { text: 'Late delivery' });
  assert.deepEqual(result, { categories: [], kind: null });
});
