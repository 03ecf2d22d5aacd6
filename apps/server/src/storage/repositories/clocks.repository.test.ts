import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { testConfig, createUser } from '../../../test/factories.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { createDeps } from '../../deps.ts';
import { sweepDueClocks, type ClockRepository, type ServiceClock } from '../../modules/clocks/index.ts';
import { fixedClock } from '../../shared/clock.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import { toDbJson, toDbTime } from '../codec.ts';
import type { Database } from '../database.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { clocksRepository } from './clocks.repository.ts';

const T0 = new Date('2026-03-02T09:00:00.000Z');
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);
const sys = systemContext('test');

/** A 24×7 policy (no calendar): acknowledge in 60 minutes, first response in 120, updates every 240. */
const seedPolicy = async (db: Database, pauseStatuses: string[] = ['waiting_on_customer']) => {
  await db.write((tx) =>
    tx
      .insertInto('service_policies')
      .values({
        id: 'pol_test',
        name: 'Test',
        rank: 1,
        conditions: toDbJson({}),
        calendar_id: null,
        targets: toDbJson({
          acknowledge: { unit: 'working_minutes', amount: 60 },
          firstResponse: { unit: 'working_minutes', amount: 120 },
          keepInLoop: { unit: 'working_minutes', amount: 240 },
          resolve: { unit: 'working_minutes', amount: 2400 },
        }),
        regulatory: null,
        pause_statuses: toDbJson(pauseStatuses),
        warn_percents: toDbJson([50, 80]),
        preset: null,
        enabled: true,
        created_at: toDbTime(T0),
        updated_at: toDbTime(T0),
      })
      .execute(),
  );
};

const setup = async (db: Database) => {
  const clock = fixedClock(T0);
  const deps = createDeps(testConfig(), db, clock);
  await seedPolicy(db);
  const owner = await createUser(deps, 'agent');
  const open = () =>
    deps.cases.openCase(sys, { customer: { name: 'Mei' }, channel: 'web', description: 'Late', ownerId: owner.id });
  return { deps, clock, open };
};

const clockEvents = async (db: Database, caseId?: string) => {
  let query = db.read
    .selectFrom('events')
    .select(['type', 'subject_id', 'payload'])
    .where('type', 'like', 'clock.%')
    .orderBy('seq');
  if (caseId) query = query.where('subject_id', '=', caseId);
  const rows = await query.execute();
  return rows.map((r) => ({
    type: r.type,
    caseId: r.subject_id,
    payload: (typeof r.payload === 'string' ? JSON.parse(r.payload) : r.payload) as Record<string, unknown>,
  }));
};

const clockRow = (id: string, caseId: string, due: Date, start = T0): ServiceClock => ({
  id,
  caseId,
  key: 'resolve',
  kind: 'resolve',
  subjectId: null,
  cycle: 1,
  policyId: null,
  calendarId: null,
  startedAt: start,
  target: null,
  targetMinutes: Math.round((due.getTime() - start.getTime()) / 60_000),
  pausedAt: null,
  pausedMinutes: 0,
  dueAt: due,
  warnPercents: [50],
  warningsSent: 0,
  nextAlertAt: new Date((start.getTime() + due.getTime()) / 2),
  state: 'running',
  breachedAt: null,
  settledAt: null,
  createdAt: start,
  updatedAt: start,
});

describeBothBackends('service clocks', (backend) => {
  test('intake starts the policy clocks, records the policy, and a reply meets and restarts', async (t) => {
    const db = await backend.open(t);
    const { deps, clock, open } = await setup(db);
    const opened = await open();
    const id = opened.case.id;
    const policy = await db.read.selectFrom('cases').select('policy_id').where('id', '=', id).executeTakeFirstOrThrow();
    assert.equal(policy.policy_id, 'pol_test');
    const views = await deps.clocks.listCaseClocks(sys, id);
    assert.deepEqual(views.map((v) => [v.clock.key, v.clock.dueAt.toISOString()]).sort(), [
      ['acknowledge', minutes(60).toISOString()],
      ['first_response', minutes(120).toISOString()],
      ['keep_in_loop', minutes(240).toISOString()],
      ['resolve', minutes(2400).toISOString()],
    ]);
    assert.deepEqual(
      (await clockEvents(db, id)).map((e) => e.type),
      ['clock.started', 'clock.started', 'clock.started', 'clock.started'],
    );

    clock.set(minutes(30));
    await deps.cases.recordMessage(sys, id, { direction: 'outbound', channel: 'email', body: 'We are checking' });
    const after = new Map((await deps.clocks.listCaseClocks(sys, id)).map((v) => [v.clock.key, v]));
    assert.equal(after.get('first_response')?.clock.state, 'met');
    assert.equal(after.get('first_response')?.percentUsed, 25);
    assert.equal(after.get('keep_in_loop')?.clock.cycle, 2);
    assert.equal(after.get('keep_in_loop')?.clock.dueAt.toISOString(), minutes(270).toISOString());
    assert.equal(after.get('acknowledge')?.clock.state, 'running', 'a message is not the acknowledge transition');

    // Waiting on the customer pauses; resuming an hour later moves the due time by that hour.
    await deps.cases.transitionCase(sys, id, { action: 'start_investigation' });
    await deps.cases.transitionCase(sys, id, { action: 'wait_on_customer' });
    const paused = new Map((await deps.clocks.listCaseClocks(sys, id)).map((v) => [v.clock.key, v.clock]));
    assert.equal(paused.get('resolve')?.state, 'paused');
    assert.equal(paused.get('acknowledge')?.state, 'met');
    clock.set(minutes(90));
    await deps.cases.transitionCase(sys, id, { action: 'resume' });
    const resumed = new Map((await deps.clocks.listCaseClocks(sys, id)).map((v) => [v.clock.key, v.clock]));
    assert.equal(resumed.get('resolve')?.state, 'running');
    assert.equal(resumed.get('resolve')?.dueAt.toISOString(), minutes(2460).toISOString());
  });

  test('a task is a clock: tracked when asked, met when answered', async (t) => {
    const db = await backend.open(t);
    const { deps, open } = await setup(db);
    const opened = await open();
    const dept = await createUser(deps, 'department_member', 'dept@example.test');
    const task = await deps.tasks.createTask(sys, opened.case.id, {
      userId: dept.id,
      question: 'Where is the parcel?',
      dueAt: minutes(100).toISOString(),
    });
    const tracked = (await deps.clocks.listCaseClocks(sys, opened.case.id)).find(
      (v) => v.clock.key === `task:${task.id}`,
    );
    assert.equal(tracked?.clock.kind, 'task');
    assert.equal(tracked?.clock.dueAt.toISOString(), minutes(100).toISOString());
    assert.equal(tracked?.clock.nextAlertAt?.toISOString(), minutes(50).toISOString());
    await deps.tasks.answerTask(sys, task.id, 'In the depot');
    const answered = (await deps.clocks.listCaseClocks(sys, opened.case.id)).find(
      (v) => v.clock.key === `task:${task.id}`,
    );
    assert.equal(answered?.clock.state, 'met');
    assert.equal(answered?.clock.nextAlertAt, null);
  });

  test('the sweep records each warning and the breach once, however often it runs', async (t) => {
    const db = await backend.open(t);
    const { deps, clock, open } = await setup(db);
    const { case: opened } = await open();
    clock.set(minutes(31));
    const first = await deps.clocks.sweep(sys);
    assert.deepEqual([first.warned, first.breached], [1, 0], 'only acknowledge has passed 50 %');
    assert.deepEqual((await deps.clocks.sweep(sys)).warned, 0);
    clock.set(minutes(61));
    await deps.clocks.sweep(sys);
    await deps.clocks.sweep(sys);
    const events = (await clockEvents(db, opened.id)).filter((e) => e.type !== 'clock.started');
    assert.deepEqual(
      events.map((e) => [e.type, e.payload.key, e.payload.percent ?? null]),
      [
        ['clock.warned', 'acknowledge', 50],
        // 61 minutes: acknowledge breached (its 80 % passed over), first response at 50 %.
        ['clock.breached', 'acknowledge', null],
        ['clock.warned', 'first_response', 50],
      ],
    );
    const payload = events[0]!.payload;
    assert.deepEqual(Object.keys(payload).sort(), ['clockId', 'cycle', 'dueAt', 'key', 'kind', 'percent', 'subjectId']);
  });

  test('a stale read writes nothing: the conditional update finds the row changed', async (t) => {
    const db = await backend.open(t);
    await db.write((tx) => clocksRepository(tx).insertClock(clockRow('clk_a', 'case_x', minutes(100))));
    const seen = await db.read.selectFrom('service_clocks').select('id').executeTakeFirstOrThrow();
    assert.equal(seen.id, 'clk_a');
    const row = (await clocksRepository(db.read).listCaseClocks('case_x'))[0]!;
    const step = { warningsSent: 1, nextAlertAt: minutes(100), breachedAt: null };
    assert.equal(await db.write((tx) => clocksRepository(tx).recordAlert(row, step, minutes(60))), true);
    assert.equal(await db.write((tx) => clocksRepository(tx).recordAlert(row, step, minutes(60))), false);
  });

  test('one bulk write changes exactly the rows still as read, and says which', async (t) => {
    const db = await backend.open(t);
    const breached = { ...clockRow('clk_c', 'case_c', minutes(100)), nextAlertAt: null, breachedAt: minutes(100) };
    await db.write(async (tx) => {
      const repo = clocksRepository(tx);
      await repo.insertClock(clockRow('clk_a', 'case_a', minutes(100)));
      await repo.insertClock(clockRow('clk_b', 'case_b', minutes(100)));
      await repo.insertClock(breached);
      await repo.insertClock(clockRow('clk_d', 'case_d', minutes(100)));
    });
    const read = async (caseId: string) => (await clocksRepository(db.read).listCaseClocks(caseId))[0]!;
    const [a, b, c, d] = await Promise.all(['case_a', 'case_b', 'case_c', 'case_d'].map(read));
    // After the read: another sweeper warned b, and d was restarted (a new cycle).
    await db.write((tx) =>
      tx.updateTable('service_clocks').set({ warnings_sent: 1 }).where('id', '=', 'clk_b').execute(),
    );
    await db.write((tx) => tx.updateTable('service_clocks').set({ cycle: 2 }).where('id', '=', 'clk_d').execute());
    const warn = { warningsSent: 1, nextAlertAt: minutes(100), breachedAt: null };
    const written = await db.write((tx) =>
      clocksRepository(tx).recordAlerts(
        [
          { seen: a!, update: warn },
          { seen: b!, update: warn },
          // Seen with null next alert and a breach: both compared as read (null included).
          { seen: c!, update: { warningsSent: 1, nextAlertAt: null, breachedAt: minutes(100) } },
          { seen: d!, update: warn },
          { seen: { ...a!, id: 'clk_gone' }, update: warn },
        ],
        minutes(60),
      ),
    );
    assert.deepEqual([...written].sort(), ['clk_a', 'clk_c']);
    const rows = await db.read
      .selectFrom('service_clocks')
      .select(['id', 'cycle', 'warnings_sent', 'next_alert_at', 'updated_at'])
      .orderBy('id')
      .execute();
    assert.deepEqual(
      rows.map((r) => [
        r.id,
        Number(r.cycle),
        Number(r.warnings_sent),
        r.next_alert_at === null ? null : new Date(r.next_alert_at).toISOString(),
        new Date(r.updated_at).toISOString(),
      ]),
      [
        ['clk_a', 1, 1, minutes(100).toISOString(), minutes(60).toISOString()],
        ['clk_b', 1, 1, minutes(50).toISOString(), T0.toISOString()],
        ['clk_c', 1, 1, null, minutes(60).toISOString()],
        ['clk_d', 2, 0, minutes(50).toISOString(), T0.toISOString()],
      ],
    );
    assert.equal((await db.write((tx) => clocksRepository(tx).recordAlerts([], minutes(60)))).size, 0);
  });

  test('a sweep that fails mid-run neither loses nor repeats a warning when run again', async (t) => {
    const db = await backend.open(t);
    const count = 25;
    await db.write(async (tx) => {
      for (let i = 0; i < count; i += 1) {
        await clocksRepository(tx).insertClock(
          clockRow(`clk_${String(i).padStart(3, '0')}`, `case_${i}`, minutes(100)),
        );
      }
    });
    let appended = 0;
    // The third batch's transaction fails as it appends its events (the 11th to the 15th), after its
    // conditional update: batches one and two are committed.
    const failing = unitOfWork(db, (tx) => {
      const real = clocksRepository(tx);
      const port: ClockRepository = {
        ...real,
        appendEvents: async (events) => {
          appended += events.length;
          if (appended >= 12) throw new Error('connection lost');
          await real.appendEvents(events);
        },
      };
      return { clocks: port };
    });
    await assert.rejects(sweepDueClocks(failing, sys, minutes(60), { batchSize: 5 }), /connection lost/);
    const midway = await clockEvents(db);
    assert.equal(midway.length, 10, 'two whole batches, nothing of the failed one');

    const store = unitOfWork(db, (tx) => ({ clocks: clocksRepository(tx) }));
    const rest = await sweepDueClocks(store, sys, minutes(60), { batchSize: 5 });
    assert.equal(rest.warned, count - 10);
    assert.equal((await sweepDueClocks(store, sys, minutes(61), { batchSize: 5 })).warned, 0);
    const events = await clockEvents(db);
    const perClock = new Map<string, number>();
    for (const e of events) perClock.set(String(e.payload.clockId), (perClock.get(String(e.payload.clockId)) ?? 0) + 1);
    assert.equal(perClock.size, count);
    assert.ok([...perClock.values()].every((n) => n === 1));
    const due = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM service_clocks WHERE next_alert_at <= ${toDbTime(minutes(60))}`.execute(db.read);
    assert.equal(Number(due.rows[0]?.n), 0);
  });
});
