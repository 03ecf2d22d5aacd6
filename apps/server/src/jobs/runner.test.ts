import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
import { test } from 'node:test';
import { Type } from 'typebox';
import { describeBothBackends } from '../../test/pg-util.ts';
import { fixedClock } from '../shared/clock.ts';
import { createLogger } from '../shared/logger.ts';
import type { Database } from '../storage/database.ts';
import { claimJobs, countJobsByStatus, enqueueJob, finishJob, getJob } from '../storage/jobs.repository.ts';
import { createJobRegistry, defineJob, type JobDefinition } from './registry.ts';
import { createJobRunner } from './runner.ts';

const START = '2025-06-06T12:00:00.000Z';
const logger = createLogger('silent');
const retry = { baseMs: 1_000, maxMs: 60_000 };

/** A job that records each payload it ran with and fails while `failuresLeft` > 0. */
const recordingJob = (name = 'test.record') => {
  const runs: Array<{ n: number; attempt: number }> = [];
  const state = { failuresLeft: 0 };
  const definition = defineJob({
    name,
    schema: Type.Object({ n: Type.Integer() }),
    handler: async (payload, ctx) => {
      runs.push({ n: payload.n, attempt: ctx.attempt });
      if (state.failuresLeft > 0) {
        state.failuresLeft -= 1;
        throw new Error('smtp unreachable');
      }
    },
  });
  return { definition, runs, state };
};

const setup = (
  db: Database,
  jobs: readonly JobDefinition[],
  overrides: { concurrency?: number; workerId?: string } = {},
) => {
  const clock = fixedClock(START);
  const runner = createJobRunner({
    db,
    registry: createJobRegistry(jobs),
    clock,
    logger,
    workerId: overrides.workerId ?? 'worker-a',
    concurrency: overrides.concurrency ?? 4,
    pollIntervalMs: 10,
    leaseMs: 30_000,
    retry,
  });
  const enqueue = (name: string, payload: unknown, extra: { runAt?: Date; id?: string; maxAttempts?: number } = {}) =>
    db.write((tx) => enqueueJob(tx, { name, payload, ...extra }, clock.now()));
  return { clock, runner, enqueue };
};

describeBothBackends('job runner', (backend) => {
  test('runs a due job once and marks it done; a future job waits', async (t) => {
    const db = await backend.open(t);
    const job = recordingJob();
    const { clock, runner, enqueue } = setup(db, [job.definition]);
    const due = await enqueue('test.record', { n: 1 });
    const later = await enqueue('test.record', { n: 2 }, { runAt: new Date(clock.now().getTime() + 60_000) });

    assert.equal(await runner.runOnce(), 1);
    assert.equal(await runner.runOnce(), 0);
    assert.deepEqual(job.runs, [{ n: 1, attempt: 1 }]);
    const done = await getJob(db.read, due.id);
    assert.equal(done?.status, 'done');
    assert.equal(done?.finishedAt?.toISOString(), START);
    assert.equal(done?.lockedBy, null);
    assert.equal((await getJob(db.read, later.id))?.status, 'queued');

    clock.advance(60_000);
    assert.equal(await runner.runOnce(), 1);
    assert.deepEqual(job.runs.at(-1), { n: 2, attempt: 1 });
  });

  test('a failure goes back to the queue with exponential backoff, then dies after max attempts', async (t) => {
    const db = await backend.open(t);
    const job = recordingJob();
    job.state.failuresLeft = 99;
    const { clock, runner, enqueue } = setup(db, [job.definition]);
    const { id } = await enqueue('test.record', { n: 7 }, { maxAttempts: 3 });

    await runner.runOnce();
    let row = await getJob(db.read, id);
    assert.equal(row?.status, 'queued');
    assert.equal(row?.attempts, 1);
    assert.equal(row?.runAt.toISOString(), '2025-06-06T12:00:02.000Z'); // base 1 s · 2^1
    assert.match(row?.lastError ?? '', /smtp unreachable/);

    assert.equal(await runner.runOnce(), 0, 'not due during the backoff');
    clock.set('2025-06-06T12:00:02.000Z');
    await runner.runOnce();
    row = await getJob(db.read, id);
    assert.equal(row?.runAt.toISOString(), '2025-06-06T12:00:06.000Z'); // + 2^2 s

    clock.set('2025-06-06T12:00:06.000Z');
    await runner.runOnce();
    row = await getJob(db.read, id);
    assert.equal(row?.status, 'dead');
    assert.equal(row?.attempts, 3);
    assert.equal(row?.finishedAt?.toISOString(), '2025-06-06T12:00:06.000Z');
    assert.deepEqual(
      job.runs.map((r) => r.attempt),
      [1, 2, 3],
    );
  });

  test('a job recovers when a retry succeeds', async (t) => {
    const db = await backend.open(t);
    const job = recordingJob();
    job.state.failuresLeft = 1;
    const { clock, runner, enqueue } = setup(db, [job.definition]);
    const { id } = await enqueue('test.record', { n: 1 });
    await runner.runOnce();
    clock.advance(2_000);
    await runner.runOnce();
    const row = await getJob(db.read, id);
    assert.equal(row?.status, 'done');
    assert.equal(row?.lastError, null);
  });

  test('an invalid payload marks the job dead with the reason, without running the handler', async (t) => {
    const db = await backend.open(t);
    const job = recordingJob();
    const { runner, enqueue } = setup(db, [job.definition]);
    const { id } = await enqueue('test.record', { n: 'seven' });
    await runner.runOnce();
    const row = await getJob(db.read, id);
    assert.equal(row?.status, 'dead');
    assert.match(row?.lastError ?? '', /invalid payload for test\.record: \/n must be integer/);
    assert.deepEqual(job.runs, []);
  });

  test('a crashed worker’s job runs again once its lease expires; the late worker cannot overwrite it', async (t) => {
    const db = await backend.open(t);
    const job = recordingJob();
    const { clock, runner, enqueue } = setup(db, [job.definition], { workerId: 'worker-b' });
    const { id } = await enqueue('test.record', { n: 1 });
    const now = clock.now();
    // worker-a claims it and then "crashes" (never finishes).
    await db.write((tx) =>
      claimJobs(tx, db.dialect, {
        workerId: 'worker-a',
        now,
        lockedUntil: new Date(now.getTime() + 30_000),
        limit: 10,
        names: ['test.record'],
      }),
    );
    assert.equal(await runner.runOnce(), 0, 'still leased');

    clock.advance(30_001);
    assert.equal(await runner.runOnce(), 1);
    assert.deepEqual(job.runs, [{ n: 1, attempt: 2 }]);
    assert.equal((await getJob(db.read, id))?.status, 'done');

    const late = await db.write((tx) => finishJob(tx, id, 'worker-a', clock.now(), { status: 'dead', error: 'late' }));
    assert.equal(late, false);
    assert.equal((await getJob(db.read, id))?.status, 'done');
  });

  test('a job whose lease expires on its last attempt is dead, not retried forever', async (t) => {
    const db = await backend.open(t);
    const job = recordingJob();
    const { clock, runner, enqueue } = setup(db, [job.definition]);
    const { id } = await enqueue('test.record', { n: 1 }, { maxAttempts: 1 });
    const now = clock.now();
    await db.write((tx) =>
      claimJobs(tx, db.dialect, { workerId: 'gone', now, lockedUntil: now, limit: 1, names: ['test.record'] }),
    );
    clock.advance(1);
    assert.equal(await runner.runOnce(), 0);
    const row = await getJob(db.read, id);
    assert.equal(row?.status, 'dead');
    assert.equal(row?.lastError, 'lease expired');
  });

  test('claims at most `concurrency` jobs, earliest run_at first, and only names it can run', async (t) => {
    const db = await backend.open(t);
    const job = recordingJob();
    const { clock, runner, enqueue } = setup(db, [job.definition], { concurrency: 2 });
    for (const n of [3, 1, 2]) {
      await enqueue('test.record', { n }, { runAt: new Date(clock.now().getTime() - n * 1_000) });
    }
    const stranger = await enqueue('newer.release.job', {});
    assert.equal(await runner.runOnce(), 2);
    assert.deepEqual(job.runs.map((r) => r.n).sort(), [2, 3]);
    assert.equal(await runner.runOnce(), 1);
    assert.equal(await runner.runOnce(), 0);
    // A job this build does not know stays queued for a worker that does (rolling deploys).
    assert.equal((await getJob(db.read, stranger.id))?.status, 'queued');
  });

  test('start() drains the queue; stop() waits for the job in flight', async (t) => {
    const db = await backend.open(t);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const started: number[] = [];
    const slow = defineJob({
      name: 'test.slow',
      schema: Type.Object({ n: Type.Integer() }),
      handler: async ({ n }) => {
        started.push(n);
        if (n === 99) await gate;
      },
    });
    const { runner, enqueue } = setup(db, [slow]);
    for (let n = 0; n < 10; n += 1) await enqueue('test.slow', { n });
    runner.start();
    runner.start(); // idempotent
    await waitFor(async () => (await countJobsByStatus(db.read)).done === 10);

    const { id } = await enqueue('test.slow', { n: 99 });
    await waitFor(async () => started.includes(99));
    let stopped = false;
    const stopping = runner.stop().then(() => {
      stopped = true;
    });
    await delay(50);
    assert.equal(stopped, false, 'stop() must wait for the running job');
    release();
    await stopping;
    assert.equal((await getJob(db.read, id))?.status, 'done');
  });
});

const waitFor = async (condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> => {
  const deadline = performance.now() + timeoutMs;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error('timed out waiting');
    await delay(10);
  }
};
