import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseDto, CaseList } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createConfig,
  createTestOrg,
  openCaseAs,
  type TestOrg,
} from '../../../test/factories/cases.ts';

interface ErrorJson {
  error: { code: string; details?: { field: string }[] };
}

describe('cases over HTTP: intake, reading, listing', () => {
  let t: TestApp;
  let org: TestOrg;
  let config: Awaited<ReturnType<typeof createConfig>>;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
    config = await createConfig(t, org.admin);
  });
  after(() => t.close());

  const fieldOf = (body: string): string | undefined => (JSON.parse(body) as ErrorJson).error.details?.[0]?.field;

  test('a complaint opens a case with a reference, the creator as owner, their site, and a captured customer', async () => {
    const created = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, categoryId: config.spoiled });
    assert.match(created.ref, /^C-2026-\d{6}$/);
    assert.match(created.id, /^case_/);
    assert.equal(created.status, 'new');
    assert.match(created.customer.id, /^cus_/);
    assert.equal(created.customer.matchedBy, null);
    assert.equal(created.owner.id, org.agentA.id);
    assert.equal(created.siteId, org.siteA);
    assert.equal(created.description, '我三天前買的芒果全部爛了，你們是騙子');
    assert.equal(created.categoryKind, 'product_quality');
    assert.deepEqual(created.tags, ['cold-chain', 'mango']);
    assert.deepEqual(created.customer.phones, ['+886912345678']);

    const again = await openCaseAs(t, org.agentA, {
      customer: { name: '陳小姐', phone: '+886 912 345 678' },
      channel: 'phone',
      description: '又是爛的',
    });
    assert.equal(again.customer.id, created.customer.id, 'the known customer is matched by phone');
    assert.equal(again.customer.matchedBy, 'phone');
    assert.notEqual(again.ref, created.ref);
  });

  test('a case opened at a site the creator may not reach is not found; an owner must be able to work there', async () => {
    const otherSite = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: org.agentA.headers,
      payload: { ...complaintFixtures.parcel, siteId: org.siteB },
    });
    assert.equal(otherSite.statusCode, 404);
    const badOwner = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: org.agentA.headers,
      payload: { ...complaintFixtures.parcel, ownerId: org.agentB.id },
    });
    assert.equal(badOwner.statusCode, 400);
    assert.equal(fieldOf(badOwner.body), '/body/ownerId');
    const good = await openCaseAs(t, org.agentA, { ...complaintFixtures.parcel, ownerId: org.agentA2.id });
    assert.equal(good.owner.id, org.agentA2.id);
  });

  test('bad input is a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ customer: { name: 'x' }, channel: 'phone' }, '/body/description'],
      [{ ...complaintFixtures.refund, channel: 'pigeon' }, '/body/channel'],
      [{ ...complaintFixtures.refund, customer: { email: 'a@b.test' } }, '/body/customer/name'],
      [{ ...complaintFixtures.refund, expectedRemedy: 'revenge' }, '/body/expectedRemedy'],
      [{ ...complaintFixtures.refund, admin: true }, '/body/admin'],
      [{ ...complaintFixtures.refund, categoryId: 'cat_0000000000NOPE' }, '/body/categoryId'],
      [{ ...complaintFixtures.refund, tags: Array.from({ length: 21 }, (_, i) => `t${i}`) }, '/body/tags'],
    ];
    for (const [payload, field] of cases) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: org.agentA.headers,
        payload,
      });
      assert.equal(response.statusCode, 400, `${field}: ${response.body}`);
      assert.equal(fieldOf(response.body), field);
    }
  });

  test('roles without case:create are refused as not found; no credentials is 401', async () => {
    for (const who of [org.warehouseMember, org.analyst]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/cases',
        headers: who.headers,
        payload: complaintFixtures.refund,
      });
      assert.equal(response.statusCode, 404);
    }
    const anonymous = await t.app.inject({ method: 'POST', url: '/api/v1/cases', payload: complaintFixtures.refund });
    assert.equal(anonymous.statusCode, 401);
  });

  test('reading a case shows its customer, owner and timeline with actors; HTML stays text', async () => {
    const created = await openCaseAs(t, org.agentA, complaintFixtures.window);
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${created.id}`,
      headers: org.agentA.headers,
    });
    assert.equal(response.statusCode, 200);
    const view = response.json<CaseDto>();
    assert.equal(view.subject, 'Window regulator failed <script>alert(1)</script>');
    assert.equal(view.safety, true);
    assert.equal(view.severity, 'high', 'a safety complaint starts at high severity');
    assert.equal(view.owner.name, 'Test agent');
    assert.deepEqual(view.customer.emails, ['sarah.mitchell@example.com']);
    assert.equal(view.timeline?.[0]?.type, 'case.created');
    assert.equal(view.timeline?.[0]?.actorId, org.agentA.id);
    assert.equal(view.keyPeople?.[0]?.role, 'first_handler');
    assert.deepEqual(view.allowedActions, ['acknowledge', 'start_investigation', 'wait_on_internal']);
  });

  test('other sites, department members without a task and unknown ids all look alike: 404', async () => {
    const created = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    for (const who of [org.agentB, org.warehouseMember, org.billingMember]) {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${created.id}`, headers: who.headers });
      assert.equal(response.statusCode, 404, who.id);
      assert.equal(response.json<ErrorJson>().error.code, 'not_found');
    }
    const missing = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/case_00000000000000000000000000',
      headers: org.agentA.headers,
    });
    assert.equal(missing.statusCode, 404);
    const analyst = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${created.id}`,
      headers: org.analyst.headers,
    });
    assert.equal(analyst.statusCode, 200, 'a brand role reads across sites');
  });

  test('lists are narrowed by scope in the query, filter, search in any language and page by cursor', async () => {
    const bCase = await openCaseAs(t, org.agentB, complaintFixtures.parcel);
    const list = async (who: { headers: Record<string, string> }, query = '') => {
      const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases${query}`, headers: who.headers });
      assert.equal(response.statusCode, 200, response.body);
      return response.json<CaseList>();
    };
    const mine = await list(org.agentB);
    assert.deepEqual(
      mine.items.map((c) => c.id),
      [bCase.id],
    );
    assert.equal((await list(org.billingMember)).items.length, 0);
    const all = await list(org.analyst);
    assert.ok(all.items.length >= 5);
    assert.ok(
      all.items.every((c, i) => i === 0 || all.items[i - 1]!.id > c.id),
      'newest first',
    );

    const thai = await list(org.analyst, `?q=${encodeURIComponent('ยังไม่ได้รับ')}`);
    assert.ok(thai.items.some((c) => c.id === bCase.id));
    const chinese = await list(org.agentA, `?q=${encodeURIComponent('芒果')}`);
    assert.ok(chinese.items.length >= 1);
    assert.ok(chinese.items.every((c) => c.siteId === org.siteA));
    const percent = await list(org.analyst, `?q=${encodeURIComponent('%')}`);
    assert.equal(percent.items.length, 0, 'LIKE wildcards are searched literally');

    const first = await list(org.analyst, '?limit=2');
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await list(org.analyst, `?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`);
    assert.ok(second.items.every((c) => !first.items.some((f) => f.id === c.id)));
    const bySite = await list(org.analyst, `?siteId=${org.siteB}&status=new`);
    assert.deepEqual(
      bySite.items.map((c) => c.id),
      [bCase.id],
    );
    const updated = await list(org.analyst, '?sort=updated_desc&limit=1');
    assert.ok(updated.nextCursor);
    const bad = await t.app.inject({ method: 'GET', url: '/api/v1/cases?status=lost', headers: org.analyst.headers });
    assert.equal(bad.statusCode, 400);
    assert.equal(fieldOf(bad.body), '/querystring/status');
  });

  test('configuration: anyone reading cases sees categories and root causes; only administrators change them', async () => {
    const categories = await t.app.inject({ method: 'GET', url: '/api/v1/categories', headers: org.agentA.headers });
    assert.equal(categories.statusCode, 200);
    const items = categories.json<{ items: { id: string; kind: string; names: Record<string, string> }[] }>().items;
    assert.equal(items.find((c) => c.id === config.spoiled)?.kind, 'product_quality');
    assert.equal(items.find((c) => c.id === config.quality)?.names['zh-TW'], '產品品質');
    const causes = await t.app.inject({
      method: 'GET',
      url: '/api/v1/root-causes',
      headers: org.warehouseMember.headers,
    });
    assert.equal(causes.statusCode, 200);

    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories',
      headers: org.supervisorA.headers,
      payload: { names: { en: 'x' }, kind: 'service_process' },
    });
    assert.equal(refused.statusCode, 404);
    const mismatch = await t.app.inject({
      method: 'POST',
      url: '/api/v1/categories',
      headers: org.admin.headers,
      payload: { names: { en: 'Rude staff' }, kind: 'product_quality', parentId: config.service },
    });
    assert.equal(mismatch.statusCode, 422);
    const noName = await t.app.inject({
      method: 'POST',
      url: '/api/v1/root-causes',
      headers: org.admin.headers,
      payload: { code: 'x', names: { th: 'ไม่มีชื่อ' } },
    });
    assert.equal(fieldOf(noName.body), '/body/names/en');
    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/root-causes',
      headers: org.admin.headers,
      payload: { code: 'cold_chain_break', names: { en: 'Again' } },
    });
    assert.equal(duplicate.statusCode, 409);
  });
});
