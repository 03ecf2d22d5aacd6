/**
 * The job queue under real concurrency, on PostgreSQL: separate worker processes claiming from one
 * queue, a worker killed mid-job, and schedulers racing for the same cron slot.
 * Skipped (visibly) without TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createScheduler, upsertCronSchedule } from '../src/jobs/scheduler.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { createLogger } from '../src/shared/logger.ts';
import type { Database } from '../src/storage/database.ts';
import { enqueueJob, getJob } from '../src/storage/jobs.repository.ts';
import { openPostgres } from '../src/storage/postgres.ts';
import { openTempPostgres, pgSkip, type Cleanup } from './pg-util.ts';

const WORKER = fileURLToPath(new URL('./fixtures/job-worker.ts', import.meta.url));
const JOBS = 300;

interface Worker {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly stderr: () => string;
}

/** Spawns the fixture with the pinned Node (process.execPath), not whatever `node` is on PATH. */
const spawnWorker = (url: string, workerId: string, env: Record<string, string> = {}): Worker => {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, DATABASE_URL: url, WORKER_ID: workerId, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready\n')) resolve();
    });
    void exit.then(({ code }) => reject(new Error(`${workerId} exited (${code}) before ready:\n${stderr}`)));
  });
  return { child, ready, exit, stderr: () => stderr };
};

const go = (worker: Worker): void => {
  worker.child.stdin?.end();
};

/** A migrated temp database with the run-log table the fixture writes to. */
const prepare = async (t: Cleanup): Promise<{ url: string; db: Database }> => {
  const { url, db } = await openTempPostgres(t);
  await sql`CREATE TABLE job_test_runs (job_id text NOT NULL, worker text NOT NULL)`.execute(db.read);
  return { url, db };
};

const enqueueMany = async (db: Database, count: number): Promise<void> => {
  const now = new Date();
  await db.write(async (tx) => {
    for (let n = 0; n < count; n += 1) {
      await enqueueJob(tx, { id: `job-${String(n).padStart(4, '0')}`, name: 'test.record', payload: { n } }, now);
    }
  });
};

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref()),
  ]);

describe('job queue across processes [postgres]', () => {
  test(`two worker processes run each of ${JOBS} jobs exactly once, and both do work`, { skip: pgSkip }, async (t) => {
    const { url, db } = await prepare(t);
    await enqueueMany(db, JOBS);

    const workers = [spawnWorker(url, 'w1'), spawnWorker(url, 'w2')];
    t.after(() => workers.forEach((w) => w.child.kill('SIGKILL')));
    await within(Promise.all(workers.map((w) => w.ready)), 30_000, 'workers ready');
    workers.forEach(go);
    const exits = await within(Promise.all(workers.map((w) => w.exit)), 60_000, 'workers drain the queue');
    exits.forEach((exit, i) => assert.equal(exit.code, 0, `worker ${i + 1} failed:\n${workers[i]!.stderr()}`));

    const runs = await sql<{ job_id: string; runs: string }>`
      SELECT job_id, count(*) AS runs FROM job_test_runs GROUP BY job_id`.execute(db.read);
    assert.equal(runs.rows.length, JOBS, 'every job ran');
    assert.deepEqual(
      runs.rows.filter((r) => Number(r.runs) !== 1),
      [],
      'no job ran twice',
    );
    const perWorker = await sql<{ worker: string; runs: string }>`
      SELECT worker, count(*) AS runs FROM job_test_runs GROUP BY worker ORDER BY worker`.execute(db.read);
    assert.deepEqual(
      perWorker.rows.map((r) => r.worker),
      ['w1', 'w2'],
      `both workers did work: ${JSON.stringify(perWorker.rows)}`,
    );
    t.diagnostic(`runs per worker: ${perWorker.rows.map((r) => `${r.worker}=${r.runs}`).join(', ')}`);
    const statuses = await sql<{ status: string; attempts: string; n: string }>`
      SELECT status, attempts, count(*) AS n FROM jobs GROUP BY status, attempts`.execute(db.read);
    assert.deepEqual(
      statuses.rows.map((r) => [r.status, Number(r.attempts), Number(r.n)]),
      [['done', 1, JOBS]],
    );
  });

  test('a worker killed mid-job: another worker runs that job after the lease expires', { skip: pgSkip }, async (t) => {
    const { url, db } = await prepare(t);
    await enqueueMany(db, 1);

    const crasher = spawnWorker(url, 'w1', { CRASH_ON_JOB: 'job-0000', LEASE_MS: '1000' });
    t.after(() => crasher.child.kill('SIGKILL'));
    await within(crasher.ready, 30_000, 'crasher ready');
    go(crasher);
    assert.equal((await within(crasher.exit, 30_000, 'crash')).signal, 'SIGKILL');
    const orphan = await getJob(db.read, 'job-0000');
    assert.equal(orphan?.status, 'running');
    assert.equal(orphan?.lockedBy, 'w1');

    const survivor = spawnWorker(url, 'w2', { LEASE_MS: '1000' });
    t.after(() => survivor.child.kill('SIGKILL'));
    await within(survivor.ready, 30_000, 'survivor ready');
    go(survivor);
    assert.equal((await within(survivor.exit, 30_000, 'survivor drains')).code, 0, survivor.stderr());

    const job = await getJob(db.read, 'job-0000');
    assert.equal(job?.status, 'done');
    assert.equal(job?.attempts, 2);
    const runs = await sql<{ worker: string }>`SELECT worker FROM job_test_runs`.execute(db.read);
    assert.deepEqual(
      runs.rows.map((r) => r.worker),
      ['w2'],
    );
  });

  test(
    'two schedulers (separate connection pools) ticking the same due slots fire each once',
    { skip: pgSkip },
    async (t) => {
      const { url, db: first } = await openTempPostgres(t);
      // Closed in the test body: `after` hooks run first-registered-first, and the drop comes first.
      const second = await openPostgres({ url });
      try {
        await raceSchedulers(first, second);
      } finally {
        await second.close();
      }
    },
  );
});

const raceSchedulers = async (first: Database, second: Database): Promise<void> => {
  const clock = fixedClock('2025-10-26T00:00:00Z');
  const logger = createLogger('silent');
  const schedules = 20;
  for (let i = 0; i < schedules; i += 1) {
    await upsertCronSchedule(
      first,
      { name: `london-0130-${i}`, expression: '30 1 * * *', timeZone: 'Europe/London', jobName: 'test.record' },
      clock.now(),
    );
  }
  const a = createScheduler({ db: first, clock, logger });
  const b = createScheduler({ db: second, clock, logger });

  // Tick repeatedly through the fall-back night: 01:30 London happens twice but fires once.
  const fired: string[] = [];
  for (const now of ['2025-10-26T00:30:00Z', '2025-10-26T00:30:01Z', '2025-10-26T01:30:00Z', '2025-10-26T01:45:00Z']) {
    clock.set(now);
    const rounds = await Promise.all([a.tickOnce(), b.tickOnce(), a.tickOnce(), b.tickOnce()]);
    fired.push(
      ...rounds
        .flat()
        .filter((f) => f.enqueued)
        .map((f) => f.jobId),
    );
  }
  assert.equal(fired.length, schedules);
  assert.equal(new Set(fired).size, schedules);
  const jobs = await sql<{ id: string }>`SELECT id FROM jobs ORDER BY id`.execute(first.read);
  assert.equal(jobs.rows.length, schedules);
  assert.ok(jobs.rows.every((r) => r.id.endsWith(':2025-10-26T00:30:00.000Z')));
};
