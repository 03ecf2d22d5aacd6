import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EarlyWarningDto } from '@redress/contract';
import { buildTestApp, createStaff, bearerFor, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';
import {
  insertClock,
  insertCommitment,
  insertCompensation,
  insertEscalation,
  seedLadder,
} from '../../../test/factories/notifications.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

const HOUR = 3_600_000;

describeBothBackends('early warning', (backend) => {
  const setUp = async (
    cleanup: Parameters<typeof backend.open>[0],
  ): Promise<{
    t: TestApp;
    org: TestOrg;
    supervisorB: OrgUser;
    caseA: string;
    caseB: string;
    ids: Record<string, string>;
  }> => {
    const t = await buildTestApp({ db: await backend.open(cleanup) });
    const org = await createTestOrg(t);
    const b = await createStaff(t.deps, 'supervisor', 'supervisor.b@example.test', org.siteB);
    const supervisorB = { id: b.id, headers: await bearerFor(t.deps, b.id) };
    await seedLadder(t);
    const caseA = (await openCaseAs(t, org.agentA, complaintFixtures.mango)).id;
    const caseB = (await openCaseAs(t, org.agentB, complaintFixtures.parcel)).id;
    const now = t.clock.now().getTime();
    const at = (hours: number) => new Date(now + hours * HOUR);
    const ids = {
      resolveA: await insertClock(t, { caseId: caseA, key: 'resolve', dueAt: at(2) }),
      firstResponseA: await insertClock(t, { caseId: caseA, key: 'first_response', dueAt: at(-1), breachedAt: at(-1) }),
      keepInLoopA: await insertClock(t, { caseId: caseA, key: 'keep_in_loop', dueAt: at(30) }),
      metA: await insertClock(t, { caseId: caseA, key: 'acknowledge', dueAt: at(-2), state: 'met' }),
      pausedA: await insertClock(t, { caseId: caseA, key: 'regulatory', dueAt: at(1), state: 'paused' }),
      resolveB: await insertClock(t, { caseId: caseB, key: 'resolve', dueAt: at(1) }),
      promiseSoonA: await insertCommitment(t, { caseId: caseA, dueAt: at(3), madeBy: org.agentA.id }),
      promiseLateA: await insertCommitment(t, { caseId: caseA, dueAt: at(-0.5) }),
      promiseKeptA: await insertCommitment(t, { caseId: caseA, dueAt: at(1), status: 'kept' }),
      promiseB: await insertCommitment(t, { caseId: caseB, dueAt: at(5) }),
      escA1: await insertEscalation(t, { caseId: caseA, toRank: 1, createdAt: at(-3) }),
      escA2: await insertEscalation(t, { caseId: caseA, toRank: 2, createdAt: at(-1) }),
      escAckA: await insertEscalation(t, { caseId: caseA, toRank: 1, createdAt: at(-6), acknowledged: true }),
      escDownA: await insertEscalation(t, { caseId: caseA, toRank: 0, createdAt: at(-4), direction: 'down' }),
      escB: await insertEscalation(t, { caseId: caseB, toRank: 1, createdAt: at(-5) }),
      cmpA: await insertCompensation(t, {
        caseId: caseA,
        requiredRank: 2,
        proposedAt: at(-2),
        proposedBy: org.agentA.id,
      }),
      cmpDoneA: await insertCompensation(t, { caseId: caseA, requiredRank: 1, proposedAt: at(-3), status: 'approved' }),
      cmpB: await insertCompensation(t, { caseId: caseB, requiredRank: 1, proposedAt: at(-1) }),
    };
    return { t, org, supervisorB, caseA, caseB, ids };
  };

  const board = async (t: TestApp, who: OrgUser, query = ''): Promise<EarlyWarningDto> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/early-warning${query}`, headers: who.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<EarlyWarningDto>();
  };

  test("a supervisor sees their site's board, and nothing of another site", async (ctx) => {
    const { t, org, supervisorB, caseA, caseB, ids } = await setUp(ctx);
    try {
      const a = await board(t, org.supervisorA);
      assert.deepEqual(a.counts, {
        clocksDueSoon: 1,
        clocksBreached: 1,
        commitmentsDueSoon: 1,
        commitmentsOverdue: 1,
        escalationsWaiting: 2,
        approvalsWaiting: 1,
        spikes: 0,
      });
      assert.equal(a.hours, 24);
      assert.equal(a.horizon, '2026-03-03T09:00:00.000Z');
      const soon = a.clocks.dueSoon.items[0];
      assert.equal(soon?.clockId, ids.resolveA);
      assert.equal(soon?.caseId, caseA);
      assert.match(soon?.caseRef ?? '', /^C-/);
      assert.equal(soon?.siteId, org.siteA);
      assert.equal(soon?.ownerId, org.agentA.id);
      assert.equal(soon?.key, 'resolve');
      assert.equal(soon?.dueAt, '2026-03-02T11:00:00.000Z');
      assert.equal(a.clocks.breached.items[0]?.clockId, ids.firstResponseA);
      assert.equal(a.clocks.breached.items[0]?.breachedAt, '2026-03-02T08:00:00.000Z');
      assert.equal(a.commitments.dueSoon.items[0]?.commitmentId, ids.promiseSoonA);
      assert.equal(a.commitments.dueSoon.items[0]?.madeBy, org.agentA.id);
      assert.equal(a.commitments.overdue.items[0]?.commitmentId, ids.promiseLateA);
      assert.deepEqual(
        a.escalations.items.map((e) => e.escalationId),
        [ids.escA1, ids.escA2],
        'oldest first; acknowledged and downward ones are not waiting',
      );
      assert.deepEqual(
        a.escalations.byRank.map((r) => [r.rank, r.waiting, r.oldestSince, r.names?.en]),
        [
          [1, 1, '2026-03-02T06:00:00.000Z', 'Supervisor'],
          [2, 1, '2026-03-02T08:00:00.000Z', 'Manager'],
        ],
      );
      assert.deepEqual(
        a.approvals.items.map((c) => [c.compensationId, c.requiredRank, c.amount, c.currency, c.proposedBy]),
        [[ids.cmpA, 2, 250_000, 'TWD', org.agentA.id]],
      );
      assert.deepEqual(
        a.approvals.byRank.map((r) => [r.rank, r.waiting, r.names?.['zh-TW']]),
        [[2, 1, '經理']],
      );

      const b = await board(t, supervisorB);
      const everyCase = [
        ...b.clocks.dueSoon.items,
        ...b.clocks.breached.items,
        ...b.commitments.dueSoon.items,
        ...b.commitments.overdue.items,
        ...b.escalations.items,
        ...b.approvals.items,
      ].map((i) => i.caseId);
      assert.ok(everyCase.length > 0);
      assert.ok(
        everyCase.every((id) => id === caseB),
        'site B sees only site B',
      );
      assert.deepEqual(b.counts, {
        clocksDueSoon: 1,
        clocksBreached: 0,
        commitmentsDueSoon: 1,
        commitmentsOverdue: 0,
        escalationsWaiting: 1,
        approvalsWaiting: 1,
        spikes: 0,
      });
    } finally {
      // The backend closes the database when the test ends.
      await t.app.close();
    }
  });

  test('the brand sees every site; the window and the limit bound the lists, totals stay whole', async (ctx) => {
    const { t, org, ids } = await setUp(ctx);
    try {
      const all = await board(t, org.analyst);
      assert.deepEqual(
        all.clocks.dueSoon.items.map((c) => c.clockId),
        [ids.resolveB, ids.resolveA],
        'soonest first, across sites',
      );
      assert.equal(all.counts.escalationsWaiting, 3);
      assert.deepEqual(
        all.escalations.byRank.map((r) => [r.rank, r.waiting, r.oldestSince]),
        [
          [1, 2, '2026-03-02T04:00:00.000Z'],
          [2, 1, '2026-03-02T08:00:00.000Z'],
        ],
      );
      assert.equal(all.counts.approvalsWaiting, 2);

      const wider = await board(t, org.supervisorA, '?hours=48');
      assert.deepEqual(
        wider.clocks.dueSoon.items.map((c) => c.clockId),
        [ids.resolveA, ids.keepInLoopA],
      );
      const narrow = await board(t, org.analyst, '?hours=1&limit=1');
      assert.equal(narrow.clocks.dueSoon.total, 1);
      assert.equal(narrow.commitments.dueSoon.total, 0);
      const limited = await board(t, org.admin, '?limit=1');
      assert.equal(limited.clocks.dueSoon.items.length, 1);
      assert.equal(limited.clocks.dueSoon.total, 2);
      assert.equal(limited.escalations.items.length, 1);
      assert.equal(limited.escalations.total, 3);
    } finally {
      // The backend closes the database when the test ends.
      await t.app.close();
    }
  });

  test('a de-escalated (superseded) escalation no longer waits on the board', async (ctx) => {
    const { t, org, ids } = await setUp(ctx);
    await t.deps.db.write((tx) =>
      tx
        .updateTable('case_escalations')
        .set({ superseded_at: t.clock.now().toISOString() })
        .where('id', '=', ids.escA2 ?? '')
        .execute(),
    );
    const a = await board(t, org.supervisorA);
    assert.deepEqual(
      a.escalations.items.map((e) => e.escalationId),
      [ids.escA1],
    );
    assert.deepEqual(
      a.escalations.byRank.map((r) => [r.rank, r.waiting]),
      [[1, 1]],
    );
    assert.equal(a.counts.escalationsWaiting, 1);
  });

  test('a closed or merged case leaves the board: its clocks, promises, escalations and approvals', async (ctx) => {
    const { t, org, caseA, caseB, ids } = await setUp(ctx);
    const all = (w: EarlyWarningDto) =>
      [
        ...w.clocks.dueSoon.items,
        ...w.clocks.breached.items,
        ...w.commitments.dueSoon.items,
        ...w.commitments.overdue.items,
        ...w.escalations.items,
        ...w.approvals.items,
      ].map((item) => item.caseId);
    const before = await board(t, org.analyst);
    assert.ok(all(before).includes(caseA) && all(before).includes(caseB));
    assert.deepEqual(
      before.escalations.items.map((e) => e.escalationId),
      [ids.escB, ids.escA1, ids.escA2],
    );

    await t.deps.db.write((tx) => tx.updateTable('cases').set({ status: 'closed' }).where('id', '=', caseA).execute());
    const closed = await board(t, org.analyst);
    assert.ok(!all(closed).includes(caseA), 'nothing of the closed case');
    assert.deepEqual(
      closed.escalations.items.map((e) => e.escalationId),
      [ids.escB],
    );
    assert.deepEqual(
      closed.escalations.byRank.map((r) => [r.rank, r.waiting]),
      [[1, 1]],
      'the counts per level leave it too',
    );
    assert.equal(closed.counts.approvalsWaiting, 1);
    assert.equal(closed.counts.commitmentsOverdue, 0);

    // Merged into another case: the work goes on there, not here.
    await t.deps.db.write((tx) =>
      tx.updateTable('cases').set({ status: 'investigating', merged_into_id: caseA }).where('id', '=', caseB).execute(),
    );
    const merged = await board(t, org.analyst);
    assert.deepEqual(all(merged), []);
    assert.deepEqual(merged.counts, {
      clocksDueSoon: 0,
      clocksBreached: 0,
      commitmentsDueSoon: 0,
      commitmentsOverdue: 0,
      escalationsWaiting: 0,
      approvalsWaiting: 0,
      spikes: 0,
    });
  });

  test('front-line roles do not see it; bad windows are coded 400s', async (ctx) => {
    const { t, org } = await setUp(ctx);
    try {
      for (const who of [org.agentA, org.warehouseMember]) {
        const response = await t.app.inject({ method: 'GET', url: '/api/v1/early-warning', headers: who.headers });
        assert.equal(response.statusCode, 404);
      }
      for (const query of ['?hours=0', '?hours=100000', '?hours=abc', '?limit=0', '?site=x']) {
        const response = await t.app.inject({
          method: 'GET',
          url: `/api/v1/early-warning${query}`,
          headers: org.supervisorA.headers,
        });
        assert.equal(response.statusCode, 400, query);
        assert.equal(response.json<{ error: { code: string } }>().error.code, 'validation_failed');
      }
      const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/early-warning' });
      assert.equal(anonymous.statusCode, 401);
    } finally {
      // The backend closes the database when the test ends.
      await t.app.close();
    }
  });
});

test('a supervisor without a site sees an empty board, not everyone’s', async () => {
  const t = await buildTestApp();
  try {
    const org = await createTestOrg(t);
    const caseA = (await openCaseAs(t, org.agentA, complaintFixtures.mango)).id;
    await insertClock(t, { caseId: caseA, key: 'resolve', dueAt: new Date(t.clock.now().getTime() + HOUR) });
    const nowhere = await createStaff(t.deps, 'supervisor', 'nowhere@example.test', null);
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/early-warning',
      headers: await bearerFor(t.deps, nowhere.id),
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.json<EarlyWarningDto>().counts.clocksDueSoon, 0);
  } finally {
    await t.close();
  }
});
