import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { systemContext } from '../../shared/unit-of-work.ts';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';

type ErrorJson = { error: { code: string; message: string; details?: { field: string }[] } };

describe('a task never carries a case to another site', () => {
  let t: TestApp;
  let org: TestOrg;
  let siteBDepartment: string;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
    siteBDepartment = (
      await t.deps.org.createTeam(systemContext('test'), { name: 'คลังสินค้า', kind: 'department', siteId: org.siteB })
    ).id;
  });
  after(() => t.close());

  const fixtures = Object.values(complaintFixtures);
  const dueAt = '2026-03-05T09:00:00.000Z';

  test("the owner cannot ask another site's department or person; a brand-wide department is fine", async () => {
    const opened = await openCaseAs(t, org.agentA, fixtures[0]!);
    const url = `/api/v1/cases/${opened.id}/tasks`;
    const otherTeam = await t.app.inject({
      method: 'POST',
      url,
      headers: org.agentA.headers,
      payload: { teamId: siteBDepartment, question: 'Where is it?', dueAt },
    });
    assert.equal(otherTeam.statusCode, 400, otherTeam.body);
    assert.equal(otherTeam.json<ErrorJson>().error.details?.[0]?.field, '/body/teamId');
    const otherPerson = await t.app.inject({
      method: 'POST',
      url,
      headers: org.agentA.headers,
      payload: { userId: org.agentB.id, question: 'Where is it?', dueAt },
    });
    assert.equal(otherPerson.statusCode, 400);
    assert.equal(otherPerson.json<ErrorJson>().error.details?.[0]?.field, '/body/userId');
    const brandWide = await t.app.inject({
      method: 'POST',
      url,
      headers: org.agentA.headers,
      payload: { teamId: org.billing, question: 'Was the refund paid?', dueAt },
    });
    assert.equal(brandWide.statusCode, 201, brandWide.body);
  });

  test('a department member cannot pass a task to someone at another site', async () => {
    const opened = await openCaseAs(t, org.agentA, fixtures[1]!);
    const created = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${opened.id}/tasks`,
      headers: org.agentA.headers,
      payload: { teamId: org.warehouse, question: 'Was it shipped?', dueAt },
    });
    assert.equal(created.statusCode, 201, created.body);
    const taskId = created.json<{ id: string }>().id;
    const moved = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/reassign`,
      headers: org.warehouseMember.headers,
      payload: { userId: org.agentB.id, reason: 'not ours' },
    });
    assert.equal(moved.statusCode, 400, moved.body);
    const seen = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.id}`, headers: org.agentB.headers });
    assert.equal(seen.statusCode, 404, 'the other site still cannot see the case');

    // The department sees the case and the customer's words, but not a number typed into a call log.
    const call = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${opened.id}/calls`,
      headers: org.agentA.headers,
      payload: {
        direction: 'outbound',
        counterpart: '陳美玲 +886912345678',
        startedAt: '2026-03-02T09:10:00.000Z',
        durationSeconds: 240,
        outcome: 'explained the delay',
      },
    });
    assert.equal(call.statusCode, 200, call.body);
    const asDepartment = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${opened.id}`,
      headers: org.warehouseMember.headers,
    });
    assert.equal(asDepartment.statusCode, 200);
    assert.equal(asDepartment.body.includes('886912345678'), false);
    const asOwner = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${opened.id}`,
      headers: org.agentA.headers,
    });
    assert.equal(asOwner.body.includes('886912345678'), true);
  });

  test('cases of different sites are neither linked nor merged', async () => {
    const a = await openCaseAs(t, org.admin, { ...fixtures[0]!, siteId: org.siteA });
    const b = await openCaseAs(t, org.admin, { ...fixtures[1]!, siteId: org.siteB });
    for (const [path, payload] of [
      ['links', { toCaseId: b.id, kind: 'related' }],
      ['merge', { duplicateId: b.id }],
    ] as const) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/cases/${a.id}/${path}`,
        headers: org.admin.headers,
        payload,
      });
      assert.equal(response.statusCode, 422, `${path}: ${response.body}`);
      assert.equal(response.json<ErrorJson>().error.code, 'rule_violated');
    }
  });

  test('opening a case for a known customer records that their stored contacts were shown', async () => {
    const first = await openCaseAs(t, org.agentA, fixtures[0]!);
    const again = await openCaseAs(t, org.agentB, { ...fixtures[0]!, siteId: undefined });
    assert.equal(again.customer.id, first.customer.id);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/api/v1/customers/${first.customer.id}/audit`,
      headers: org.admin.headers,
    });
    const entries = audit.json<{ items: { actorId: string | null; detail: string | null }[] }>().items;
    assert.ok(
      entries.some((e) => e.actorId === org.agentB.id && e.detail === `via intake ${again.ref}`),
      audit.body,
    );
  });
});
