import { pino } from 'pino';
import { createJobRunner } from '../../src/jobs/index.ts';
import { enqueueJob } from '../../src/storage/jobs.repository.ts';
import type { TestApp } from '../factories.ts';

/**
 * Job helpers for similar-case tests: many cases are opened at once, each fanning out to several
 * jobs, so the queue is run until empty with a generous bound.
 */

/** Runs queued jobs due at the app clock's now until none is left; returns how many ran. */
export const settleJobs = async (t: TestApp): Promise<number> => {
  const runner = createJobRunner({
    db: t.deps.db,
    registry: t.deps.jobs,
    clock: t.clock,
    logger: pino({ level: 'silent' }),
    workerId: 'test-worker',
    concurrency: 8,
  });
  let total = 0;
  for (let i = 0; i < 1_000; i += 1) {
    const ran = await runner.runOnce();
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error('jobs did not settle');
};

/** Enqueues the hourly spike sweep as the scheduler would for `slot`, then runs the queue. */
export const runSpikeSweep = async (t: TestApp, slot: string): Promise<void> => {
  await t.deps.db.write((tx) =>
    enqueueJob(tx, { id: `cron:recurrence.spikes:${slot}`, name: 'recurrence.spikes', payload: {} }, t.clock.now()),
  );
  await settleJobs(t);
};
