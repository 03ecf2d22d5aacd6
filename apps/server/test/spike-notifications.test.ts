import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildTestApp, bearerFor, createStaff, type TestApp } from './factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type OrgUser } from './factories/cases.ts';
import { drainJobs } from './factories/notifications.ts';
import { describeBothBackends } from './pg-util.ts';
import { appendEvent } from '../src/storage/events.ts';

const spikeNotices = async (t: TestApp, who: OrgUser) => {
  const response = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: who.headers });
  assert.equal(response.statusCode, 200, response.body);
  return response
    .json<{ items: { kind: string; caseId: string | null }[] }>()
    .items.filter((n) => n.kind === 'recurrence_spike')
    .map((n) => n.caseId);
};

describeBothBackends('a spike across sites', (backend) => {
  test("each site's supervisors are told once, through that site's newest case", async (ctx) => {
    const t = await buildTestApp({ db: await backend.open(ctx) });
    try {
      const org = await createTestOrg(t);
      const staffB = await createStaff(t.deps, 'supervisor', 'supervisor.b@example.test', org.siteB);
      const supervisorB = { id: staffB.id, headers: await bearerFor(t.deps, staffB.id) };
      const a1 = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, siteId: org.siteA });
      const b1 = await openCaseAs(t, org.agentB, { ...complaintFixtures.mango, siteId: org.siteB });
      const b2 = await openCaseAs(t, org.agentB, { ...complaintFixtures.mango, siteId: org.siteB });
      const a2 = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, siteId: org.siteA });
      await drainJobs(t, { concurrency: 8, rounds: 1_000 });
      // Oldest first, as the recurrence sweep records them.
      await t.deps.db.write((tx) =>
        appendEvent(tx, {
          type: 'recurrence.spike_detected',
          subjectType: 'recurrence_spike',
          subjectId: 'spk_test',
          actorId: null,
          requestId: null,
          payload: { currentCount: 4, baselineAverage: 0.5, caseIds: [a1.id, b1.id, b2.id, a2.id] },
          occurredAt: t.clock.now(),
        }),
      );
      await drainJobs(t, { concurrency: 8, rounds: 1_000 });
      assert.deepEqual(await spikeNotices(t, org.supervisorA), [a2.id]);
      assert.deepEqual(await spikeNotices(t, supervisorB), [b2.id]);
      assert.deepEqual(await spikeNotices(t, org.agentA), [], 'the front line is not told');
    } finally {
      await t.app.close();
    }
  });
});
