import { Type } from 'typebox';
import { defineJob, type JobDefinition } from './registry.ts';
import type { CronDefinition } from './scheduler.ts';

export const HOUSEKEEPING_JOB = 'system.housekeeping';

/** The daily clean-up: expired sessions, old failed sign-ins, long-finished jobs. */
export const housekeepingJob = (
  prune: () => Promise<{ sessions: number; loginAttempts: number; jobs: number }>,
): JobDefinition =>
  defineJob({
    name: HOUSEKEEPING_JOB,
    schema: Type.Object({}),
    async handler(_payload, context) {
      const removed = await prune();
      context.logger.info({ removed }, 'housekeeping done');
    },
  });

/** Built-in schedules. 03:17 UTC: a quiet hour in Asia and Europe, off the round-hour rush. */
export const BUILTIN_SCHEDULES: readonly CronDefinition[] = [
  { name: 'housekeeping', expression: '17 3 * * *', timeZone: 'UTC', jobName: HOUSEKEEPING_JOB },
  // Service clocks' warnings and breaches (modules/clocks): every minute. The job names are spelled
  // out: jobs/ sits below the modules, and importing CLOCK_SWEEP_JOB from modules/clocks would close
  // a cycle (clocks.jobs.ts imports jobs/index.ts, which exports this file).
  { name: 'clocks.sweep', expression: '* * * * *', timeZone: 'UTC', jobName: 'clocks.sweep' },
  // Each user's notification digest, a few minutes past every hour.
  { name: 'notifications.digest', expression: '7 * * * *', timeZone: 'UTC', jobName: 'notifications.digest' },
  // Similar-case clusters and their spikes (modules/recurrence), hourly: a burst is seen within the hour.
  { name: 'recurrence.spikes', expression: '23 * * * *', timeZone: 'UTC', jobName: 'recurrence.spikes' },
  // IMAP intake channels (modules/inbound-mail), every minute; a channel that fails records why.
  { name: 'inbound-mail.poll', expression: '* * * * *', timeZone: 'UTC', jobName: 'inbound-mail.poll' },
  // Follow-ups that are due (modules/followups), every minute: one goes out on the minute it is due.
  { name: 'followups.sweep', expression: '* * * * *', timeZone: 'UTC', jobName: 'followups.sweep' },
];
