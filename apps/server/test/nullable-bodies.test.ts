import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CaseDto, CustomerDto, TeamDto } from '@redress/contract';
import { buildTestApp, type TestApp } from './factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from './factories/cases.ts';

/**
 * A JSON body is taken as sent. With type coercion on bodies, an explicit `null` turned into `''`
 * when a nullable field's string branch came first (a team with `siteId: null` failed with a 500 on
 * the empty site id), and `0` turned into `null` when the null branch came first (a ladder level
 * allowed to give nothing became a level with no limit at all).
 */
describe('request bodies are taken as sent', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

  const names = { en: 'Front line', 'zh-TW': '第一線', 'zh-CN': '第一线', th: 'ด่านหน้า' };
  const level = (rank: number, maxCompensation: number | null) => ({
    rank,
    names,
    roles: [rank === 0 ? 'agent' : 'supervisor'],
    teamId: null,
    maxCompensation,
    currency: maxCompensation === null ? null : 'TWD',
    remedies: ['refund'],
    responseMinutes: 60,
  });

  it('creates a brand-wide department with siteId null', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/teams',
      headers: org.admin.headers,
      payload: { name: '物流部', kind: 'department', siteId: null },
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(response.json<TeamDto>().siteId, null);
  });

  it('clears a case subject and category with null', async () => {
    const opened = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${opened.id}`,
      headers: org.agentA.headers,
      payload: { subject: null, categoryId: null },
    });
    assert.equal(response.statusCode, 200, response.body);
    const updated = response.json<CaseDto>();
    assert.equal(updated.subject, null);
    assert.equal(updated.categoryId, null);
  });

  it("clears a customer's preferred name with null", async () => {
    const opened = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const url = `/api/v1/customers/${opened.customer.id}`;
    const set = await t.app.inject({
      method: 'PATCH',
      url,
      headers: org.agentA.headers,
      payload: { preferredName: 'Ms Lin' },
    });
    assert.equal(set.statusCode, 200, set.body);
    const cleared = await t.app.inject({
      method: 'PATCH',
      url,
      headers: org.agentA.headers,
      payload: { preferredName: null },
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    assert.equal(cleared.json<CustomerDto>().preferredName, null);
  });

  it('keeps an authority of 0 as 0, never as no limit', async () => {
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/escalation/levels',
      headers: org.admin.headers,
      payload: { levels: [level(0, 0), level(1, null)] },
    });
    assert.equal(put.statusCode, 200, put.body);
    const read = await t.app.inject({ method: 'GET', url: '/api/v1/escalation/levels', headers: org.admin.headers });
    const levels = read.json<{ levels: { rank: number; maxCompensation: number | null }[] }>().levels;
    assert.deepEqual(
      levels.map((l) => [l.rank, l.maxCompensation]),
      [
        [0, 0],
        [1, null],
      ],
    );
  });

  it('refuses a number sent as text in a body instead of guessing', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?limit=2',
      headers: org.agentA.headers,
    });
    assert.equal(response.statusCode, 200, 'a query string is still read as numbers');
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/escalation/levels',
      headers: org.admin.headers,
      payload: { levels: [{ ...level(0, 100_000), rank: '0' }] },
    });
    assert.equal(put.statusCode, 400, put.body);
    assert.match(put.body, /\/body\/levels\/0\/rank/);
  });
});
