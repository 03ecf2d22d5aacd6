import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ClockList } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';

describe('GET /cases/:id/clocks', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

  test('the case reader sees its clocks; other sites and unknown ids are not found', async () => {
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, siteId: org.siteA });
    const dept = await t.deps.tasks.createTask(
      { actor: { kind: 'system', name: 'test' }, requestId: null },
      opened.id,
      { userId: org.warehouseMember.id, question: 'Stock?', dueAt: '2026-03-02T19:00:00.000Z' },
    );
    const ok = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${opened.id}/clocks`,
      headers: org.agentA.headers,
    });
    assert.equal(ok.statusCode, 200);
    const body = ok.json<ClockList>();
    const task = body.items.find((c) => c.key === `task:${dept.id}`);
    assert.equal(task?.kind, 'task');
    assert.equal(task?.state, 'running');
    assert.equal(task?.breached, false);
    assert.equal(task?.percentUsed, 0);
    for (const headers of [org.agentB.headers]) {
      const hidden = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.id}/clocks`, headers });
      assert.equal(hidden.statusCode, 404);
    }
    const unknown = await t.app.inject({
      method: 'GET',
      url: '/api/v1/cases/case_nope/clocks',
      headers: org.agentA.headers,
    });
    assert.equal(unknown.statusCode, 404);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${opened.id}/clocks` });
    assert.equal(anonymous.statusCode, 401);
  });
});
