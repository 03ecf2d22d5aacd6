/**
 * Service clocks through the real stack on both backends: working-days targets with a receipt time
 * that has seconds, a disabled policy, and calendars the maths refuses (intake and the sweeper).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createUser, testConfig } from './factories.ts';
import { describeBothBackends } from './pg-util.ts';
import { createDeps } from '../src/deps.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { systemContext } from '../src/shared/unit-of-work.ts';
import { toDbJson, toDbTime } from '../src/storage/codec.ts';
import type { Database } from '../src/storage/database.ts';
import { clocksRepository } from '../src/storage/repositories/clocks.repository.ts';
import { unitOfWork } from '../src/storage/unit-of-work.ts';
import { FAILED_STEP_RETRY_MS, sweepDueClocks, type ServiceClock } from '../src/modules/clocks/index.ts';

const sys = systemContext('test');
// Monday 2 March 2026, 10:00:20 in London (GMT): a receipt time with seconds.
const RECEIVED = new Date('2026-03-02T10:00:20.000Z');
const OFFICE_WEEK = [...Array.from({ length: 5 }, () => [[540, 1050]]), [], []];

/** Inserts rows as stored, bypassing validation (a calendar saved before the rules, or by hand). */
const seedCalendar = (db: Database, id: string, week: unknown) =>
  db.write((tx) =>
    tx
      .insertInto('calendars')
      .values({
        id,
        name: id,
        time_zone: 'Europe/London',
        week: toDbJson(week),
        preset: null,
        created_at: toDbTime(RECEIVED),
        updated_at: toDbTime(RECEIVED),
      })
      .execute(),
  );

const seedPolicy = (db: Database, calendarId: string, targets: Record<string, unknown>) =>
  db.write((tx) =>
    tx
      .insertInto('service_policies')
      .values({
        id: 'pol_svc',
        name: 'Service',
        rank: 1,
        conditions: toDbJson({}),
        calendar_id: calendarId,
        targets: toDbJson({ acknowledge: null, firstResponse: null, keepInLoop: null, resolve: null, ...targets }),
        regulatory: null,
        pause_statuses: toDbJson(['waiting_on_customer']),
        warn_percents: toDbJson([50, 80]),
        preset: null,
        enabled: true,
        created_at: toDbTime(RECEIVED),
        updated_at: toDbTime(RECEIVED),
      })
      .execute(),
  );

const setup = async (db: Database) => {
  const clock = fixedClock(RECEIVED);
  const deps = createDeps(testConfig(), db, clock);
  const owner = await createUser(deps, 'agent');
  const open = async () =>
    (
      await deps.cases.openCase(sys, {
        customer: { name: 'Ann' },
        channel: 'web',
        description: 'Late',
        ownerId: owner.id,
      })
    ).case.id;
  const clocksOf = async (caseId: string) =>
    new Map((await deps.clocks.listCaseClocks(sys, caseId)).map((v) => [v.clock.key, v.clock]));
  return { deps, clock, open, clocksOf };
};

describeBothBackends('service clocks, calendars and policies', (backend) => {
  test('three working days from 10:00:20 are due at Thursday 17:30, and the target is stored', async (t) => {
    const db = await backend.open(t);
    await seedCalendar(db, 'cal_ldn', OFFICE_WEEK);
    await seedPolicy(db, 'cal_ldn', { resolve: { unit: 'working_days', amount: 3 } });
    const { open, clocksOf } = await setup(db);
    const resolve = (await clocksOf(await open())).get('resolve');
    assert.equal(resolve?.dueAt.toISOString(), '2026-03-05T17:30:00.000Z');
    assert.deepEqual(resolve?.target, { unit: 'working_days', amount: 3 });
  });

  test('a disabled policy still pauses the clocks of the cases recorded under it', async (t) => {
    const db = await backend.open(t);
    await seedCalendar(db, 'cal_ldn', OFFICE_WEEK);
    await seedPolicy(db, 'cal_ldn', { resolve: { unit: 'working_minutes', amount: 600 } });
    const { deps, clock, open, clocksOf } = await setup(db);
    const id = await open();
    await deps.cases.transitionCase(sys, id, { action: 'start_investigation' });
    await deps.cases.transitionCase(sys, id, { action: 'wait_on_customer' });
    assert.equal((await clocksOf(id)).get('resolve')?.state, 'paused');
    await db.write((tx) => tx.updateTable('service_policies').set({ enabled: false }).execute());
    deps.clockConfig.forget();
    clock.set(new Date('2026-03-02T11:00:00.000Z'));
    // A change that matters to clocks but does not choose the policy again.
    await deps.cases.recordMessage(sys, id, { direction: 'outbound', channel: 'email', body: 'Still waiting' });
    assert.equal((await clocksOf(id)).get('resolve')?.state, 'paused');
  });

  test('intake under a calendar the maths refuses opens the case; its clocks count every minute and say so', async (t) => {
    const db = await backend.open(t);
    // One working minute a week (saved before the weekly minimum existed): 600 minutes are years away.
    await seedCalendar(db, 'cal_sparse', [[[540, 541]], [], [], [], [], [], []]);
    await seedPolicy(db, 'cal_sparse', { acknowledge: { unit: 'working_minutes', amount: 100_000 } });
    const { open, clocksOf } = await setup(db);
    const id = await open();
    const ack = (await clocksOf(id)).get('acknowledge');
    assert.equal(ack?.calendarId, null);
    assert.equal(ack?.dueAt.toISOString(), new Date(RECEIVED.getTime() + 100_000 * 60_000).toISOString());
    const started = await db.read
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'clock.started')
      .where('subject_id', '=', id)
      .execute();
    const payload = (p: unknown) => (typeof p === 'string' ? JSON.parse(p) : p) as Record<string, unknown>;
    assert.deepEqual(
      started.map((e) => payload(e.payload).calendarFallback),
      [true],
    );
  });

  test('a clock whose calendar refuses is put off an hour; the rest of the batch is swept', async (t) => {
    const db = await backend.open(t);
    await seedCalendar(db, 'cal_closed', [[], [], [], [], [], [], []]);
    const row = (id: string, calendarId: string | null, nextAlertAt: Date): ServiceClock => ({
      id,
      caseId: `case_${id}`,
      key: 'resolve',
      kind: 'resolve',
      subjectId: null,
      cycle: 1,
      policyId: null,
      calendarId,
      startedAt: RECEIVED,
      target: { unit: 'working_minutes', amount: 120 },
      targetMinutes: 120,
      pausedAt: null,
      pausedMinutes: 0,
      dueAt: new Date(RECEIVED.getTime() + 120 * 60_000),
      warnPercents: [50],
      warningsSent: 0,
      nextAlertAt,
      state: 'running',
      breachedAt: null,
      settledAt: null,
      createdAt: RECEIVED,
      updatedAt: RECEIVED,
    });
    const at = (minutes: number) => new Date(RECEIVED.getTime() + minutes * 60_000);
    await db.write(async (tx) => {
      const repo = clocksRepository(tx);
      // The bad one comes first in due order.
      await repo.insertClocks([row('clk_bad', 'cal_closed', at(59)), row('clk_good', null, at(60))]);
    });
    const store = unitOfWork(db, (tx) => ({ clocks: clocksRepository(tx) }));
    const failed: string[] = [];
    const now = at(61);
    const result = await sweepDueClocks(store, sys, now, {
      batchSize: 10,
      onClockError: (clock) => failed.push(clock.id),
    });
    assert.deepEqual(failed, ['clk_bad']);
    assert.equal(result.warned, 1);
    const rows = await db.read
      .selectFrom('service_clocks')
      .select(['id', 'warnings_sent', 'next_alert_at'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [r.id, Number(r.warnings_sent), r.next_alert_at && new Date(r.next_alert_at).toISOString()]),
      [
        ['clk_bad', 0, new Date(now.getTime() + FAILED_STEP_RETRY_MS).toISOString()],
        ['clk_good', 1, at(120).toISOString()],
      ],
    );
  });
});
