import type { TestApp } from '../factories.ts';
import { drainJobs, runCronSlot } from './notifications.ts';

/**
 * Job helpers for similar-case tests: many cases are opened at once, each fanning out to several
 * jobs, so the queue is run until empty with a generous bound.
 */

/** Runs queued jobs due at the app clock's now until none is left; returns how many ran. */
export const settleJobs = (t: TestApp): Promise<number> => drainJobs(t, { concurrency: 8, rounds: 1_000 });

/** Enqueues the hourly spike sweep as the scheduler would for `slot`, then runs the queue. */
export const runSpikeSweep = (t: TestApp, slot: string): Promise<void> => runCronSlot(t, 'recurrence.spikes', slot);
