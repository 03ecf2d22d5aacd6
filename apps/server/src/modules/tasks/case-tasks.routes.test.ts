import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseTaskList, TaskDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type OrgUser } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

const HOUR = 3_600_000;

describeBothBackends('a case’s internal tasks', (backend) => {
  test('listed open first, then by due time; outside my scope the case is not found', async (ctx) => {
    const t: TestApp = await buildTestApp({ db: await backend.open(ctx) });
    try {
      const org = await createTestOrg(t);
      const call = (as: OrgUser | null, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
        t.app.inject({
          method,
          url: `/api/v1${url}`,
          ...(as ? { headers: as.headers } : {}),
          ...(payload ? { payload } : {}),
        });
      const at = (hours: number) => new Date(t.clock.now().getTime() + hours * HOUR).toISOString();
      const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
      const ask = async (question: string, dueAt: string, to: Record<string, string>) => {
        const response = await call(org.agentA, 'POST', `/cases/${c.id}/tasks`, { question, dueAt, ...to });
        assert.equal(response.statusCode, 201, response.body);
        return response.json<TaskDto>();
      };
      const answered = await ask('Was the cold chain broken?', at(2), { teamId: org.warehouse });
      const later = await ask('Refund approved?', at(48), { teamId: org.billing });
      const sooner = await ask('Any stock left?', at(24), { teamId: org.warehouse });
      const reply = await call(org.warehouseMember, 'POST', `/tasks/${answered.id}/answer`, { answer: 'Yes, 4 h' });
      assert.equal(reply.statusCode, 200, reply.body);

      const listed = await call(org.agentA, 'GET', `/cases/${c.id}/tasks`);
      assert.equal(listed.statusCode, 200, listed.body);
      const items = listed.json<CaseTaskList>().items;
      assert.deepEqual(
        items.map((task) => [task.id, task.status]),
        [
          [sooner.id, 'open'],
          [later.id, 'open'],
          [answered.id, 'answered'],
        ],
      );
      assert.equal(items[2]?.answer, 'Yes, 4 h');

      // A department with a task on the case reads all of them, as it reads the case.
      assert.equal((await call(org.warehouseMember, 'GET', `/cases/${c.id}/tasks`)).statusCode, 200);
      // Another site's agent, and a missing case, get the same answer: not found.
      const elsewhere = await call(org.agentB, 'GET', `/cases/${c.id}/tasks`);
      assert.equal(elsewhere.statusCode, 404);
      assert.equal(elsewhere.json<{ error: { code: string } }>().error.code, 'not_found');
      assert.equal((await call(org.agentA, 'GET', '/cases/case_0000000000000000000000000/tasks')).statusCode, 404);
      assert.equal((await call(null, 'GET', `/cases/${c.id}/tasks`)).statusCode, 401);

      const empty = await openCaseAs(t, org.agentA, complaintFixtures.refund);
      assert.deepEqual((await call(org.agentA, 'GET', `/cases/${empty.id}/tasks`)).json<CaseTaskList>(), { items: [] });
    } finally {
      // The backend closes the database when the test ends.
      await t.app.close();
    }
  });
});
