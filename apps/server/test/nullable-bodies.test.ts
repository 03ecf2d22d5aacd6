import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { CaseDto, CustomerDto, TeamDto } from '@redress/contract';
import { buildTestApp, type TestApp } from './factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from './factories/cases.ts';

/**
 * An explicit `null` in a request body means "none" and must arrive as null. The validator coerces
 * types, so a nullable field whose string branch came first turned `null` into `''` (a team with
 * `siteId: null` failed with a 500 on the empty site id). The contract puts the null branch first.
 */
describe('explicit nulls in request bodies', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

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
});
