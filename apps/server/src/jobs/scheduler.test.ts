import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../test/pg-util.ts';
import { fixedClock } from '../shared/clock.ts';
import { AppError } from '../shared/errors.ts';
import { createLogger } from '../shared/logger.ts';
import { findCronSchedule, getJob } from '../storage/jobs.repository.ts';
import { createScheduler, upsertCronSchedule, type CronDefinition } from './scheduler.ts';

const logger = createLogger('silent');

const sweep: CronDefinition = {
  name: 'escalation.sweep',
  expression: '0 9 * * *',
  timeZone: 'Europe/London',
  jobName: 'escalation.run',
  payload: { window: 'P1D' },
};

describeBothBackends('cron scheduler', (backend) => {
  test('upsert stores the next slot in the schedule’s zone', async (t) => {
    const db = await backend.open(t);
    const saved = await upsertCronSchedule(db, sweep, new Date('2025-06-06T07:00:00Z'));
    assert.equal(saved.nextRunAt.toISOString(), '2025-06-06T08:00:00.000Z'); // 09:00 BST
    const row = await findCronSchedule(db.read, sweep.name);
    assert.deepEqual(row, { ...saved, lastRunAt: null });
    assert.equal(row?.enabled, true);
  });

  test('re-upserting unchanged timing keeps a slot that fell due while down; new timing recomputes', async (t) => {
    const db = await backend.open(t);
    await upsertCronSchedule(db, sweep, new Date('2025-06-06T07:00:00Z'));
    // Restarted at 10:00 UTC, after the 08:00 UTC slot: the slot must still fire.
    const kept = await upsertCronSchedule(
      db,
      { ...sweep, payload: { window: 'P2D' } },
      new Date('2025-06-06T10:00:00Z'),
    );
    assert.equal(kept.nextRunAt.toISOString(), '2025-06-06T08:00:00.000Z');
    assert.deepEqual(kept.payload, { window: 'P2D' });
    const moved = await upsertCronSchedule(db, { ...sweep, timeZone: 'Asia/Taipei' }, new Date('2025-06-06T10:00:00Z'));
    assert.equal(moved.nextRunAt.toISOString(), '2025-06-07T01:00:00.000Z'); // 09:00 Taipei
  });

  test('upsert rejects an invalid expression or zone', async (t) => {
    const db = await backend.open(t);
    const now = new Date('2025-06-06T07:00:00Z');
    await assert.rejects(upsertCronSchedule(db, { ...sweep, expression: '61 * * * *' }, now), AppError);
    await assert.rejects(upsertCronSchedule(db, { ...sweep, timeZone: 'Europe/Londres' }, now), /Unknown time zone/);
    assert.equal(await findCronSchedule(db.read, sweep.name), undefined);
  });

  test('a tick fires a due slot once, with a deterministic job id, and advances the schedule', async (t) => {
    const db = await backend.open(t);
    const clock = fixedClock('2025-06-06T07:00:00Z');
    await upsertCronSchedule(db, sweep, clock.now());
    const scheduler = createScheduler({ db, clock, logger });

    assert.deepEqual(await scheduler.tickOnce(), []);
    clock.set('2025-06-06T08:00:03Z');
    const fired = await scheduler.tickOnce();
    assert.deepEqual(fired, [
      {
        schedule: 'escalation.sweep',
        jobId: 'cron:escalation.sweep:2025-06-06T08:00:00.000Z',
        slot: new Date('2025-06-06T08:00:00Z'),
        enqueued: true,
      },
    ]);
    const job = await getJob(db.read, 'cron:escalation.sweep:2025-06-06T08:00:00.000Z');
    assert.equal(job?.name, 'escalation.run');
    assert.deepEqual(job?.payload, { window: 'P1D' });
    assert.equal(job?.status, 'queued');
    const schedule = await findCronSchedule(db.read, sweep.name);
    assert.equal(schedule?.nextRunAt.toISOString(), '2025-06-07T08:00:00.000Z');
    assert.equal(schedule?.lastRunAt?.toISOString(), '2025-06-06T08:00:00.000Z');

    assert.deepEqual(await scheduler.tickOnce(), [], 'the same slot never fires twice');
  });

  test('after downtime over several slots, one job for the latest missed slot', async (t) => {
    const db = await backend.open(t);
    const clock = fixedClock('2025-06-06T07:00:00Z');
    await upsertCronSchedule(db, { ...sweep, name: 'hourly', expression: '0 * * * *' }, clock.now());
    clock.set('2025-06-06T11:30:00Z'); // 08:00, 09:00, 10:00 and 11:00 UTC all missed
    const fired = await createScheduler({ db, clock, logger }).tickOnce();
    assert.deepEqual(
      fired.map((f) => f.jobId),
      ['cron:hourly:2025-06-06T11:00:00.000Z'],
    );
    assert.equal((await findCronSchedule(db.read, 'hourly'))?.nextRunAt.toISOString(), '2025-06-06T12:00:00.000Z');
  });

  test('disabled schedules do not fire', async (t) => {
    const db = await backend.open(t);
    const clock = fixedClock('2025-06-06T07:00:00Z');
    await upsertCronSchedule(db, { ...sweep, enabled: false }, clock.now());
    clock.set('2025-06-08T00:00:00Z');
    assert.deepEqual(await createScheduler({ db, clock, logger }).tickOnce(), []);
  });

  test('two schedulers ticking together fire each slot once', async (t) => {
    const db = await backend.open(t);
    const clock = fixedClock('2025-06-06T07:00:00Z');
    for (let i = 0; i < 10; i += 1) await upsertCronSchedule(db, { ...sweep, name: `s${i}` }, clock.now());
    clock.set('2025-06-06T08:00:00Z');
    const a = createScheduler({ db, clock, logger });
    const b = createScheduler({ db, clock, logger });
    const [firedA, firedB] = await Promise.all([a.tickOnce(), b.tickOnce()]);
    const enqueued = [...firedA, ...firedB].filter((f) => f.enqueued).map((f) => f.jobId);
    assert.equal(enqueued.length, 10);
    assert.equal(new Set(enqueued).size, 10);
  });

  test('a slot fired again from a stale schedule row enqueues nothing (deterministic id)', async (t) => {
    const db = await backend.open(t);
    const clock = fixedClock('2025-06-06T07:00:00Z');
    await upsertCronSchedule(db, sweep, clock.now());
    clock.set('2025-06-06T08:00:00Z');
    const scheduler = createScheduler({ db, clock, logger });
    assert.equal((await scheduler.tickOnce())[0]?.enqueued, true);
    // e.g. an instance that read the row before the tick wrote it back unchanged
    await db.write((tx) =>
      tx
        .updateTable('cron_schedules')
        .set({ next_run_at: '2025-06-06T08:00:00.000Z' })
        .where('name', '=', sweep.name)
        .execute(),
    );
    const again = await scheduler.tickOnce();
    assert.deepEqual(
      again.map((f) => [f.jobId, f.enqueued]),
      [['cron:escalation.sweep:2025-06-06T08:00:00.000Z', false]],
    );
  });

  test('start() ticks in the background and stop() ends it', async (t) => {
    const db = await backend.open(t);
    const clock = fixedClock('2025-06-06T07:00:00Z');
    await upsertCronSchedule(db, sweep, clock.now());
    clock.set('2025-06-06T08:00:00Z');
    const scheduler = createScheduler({ db, clock, logger, tickMs: 5 });
    scheduler.start();
    const deadline = performance.now() + 5_000;
    while (!(await getJob(db.read, 'cron:escalation.sweep:2025-06-06T08:00:00.000Z'))) {
      assert.ok(performance.now() < deadline, 'the background tick should fire the slot');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await scheduler.stop();
  });
});
