import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';

describe('reading a case leaves a trace when it shows personal data', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

  test('an agent who sees the contact details is in the audit; a department member who cannot is not', async () => {
    const opened = await openCaseAs(t, org.agentA, Object.values(complaintFixtures)[0]!);
    const read = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.id}`, headers: org.agentA.headers });
    assert.equal(read.statusCode, 200);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/customers/${opened.customer.id}/audit`,
      headers: org.admin.headers,
    });
    assert.equal(audit.statusCode, 200, audit.body);
    const entries = audit.json<{ items: { actorId: string | null; action: string; detail: string | null }[] }>().items;
    const viaCase = entries.filter((e) => e.action === 'read' && e.detail === `via case ${opened.ref}`);
    assert.deepEqual(
      viaCase.map((e) => e.actorId),
      [org.agentA.id],
    );

    // Idempotent creation: the same key and body give the same case, not a second one.
    const body = Object.values(complaintFixtures)[1]!;
    const headers = { ...org.agentA.headers, 'idempotency-key': 'intake-42' };
    const first = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: body });
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/cases', headers, payload: body });
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json<{ id: string }>().id, first.json<{ id: string }>().id);
  });
});
