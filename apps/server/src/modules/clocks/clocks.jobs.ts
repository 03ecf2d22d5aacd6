import { Type } from 'typebox';
import type { CronDefinition, JobDefinition } from '../../jobs/index.ts';
import { defineJob } from '../../jobs/index.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import type { ClockService } from './clocks.service.ts';

export const CLOCK_SWEEP_JOB = 'clocks.sweep';

/** Every minute: a warning or breach is recorded at most a minute (plus the scheduler's tick) late. */
export const CLOCK_SWEEP_SCHEDULE: CronDefinition = {
  name: CLOCK_SWEEP_JOB,
  expression: '* * * * *',
  timeZone: 'UTC',
  jobName: CLOCK_SWEEP_JOB,
};

/**
 * The sweep as a job. Safe to run twice or side by side (each alert is written conditionally and
 * recorded once); what one run leaves (more due than its batch limit) the next one takes.
 */
export const clockSweepJob = (clocks: Pick<ClockService, 'sweep'>): JobDefinition =>
  defineJob({
    name: CLOCK_SWEEP_JOB,
    schema: Type.Object({}),
    maxAttempts: 1,
    async handler(_payload, context) {
      const result = await clocks.sweep(systemContext(CLOCK_SWEEP_JOB));
      if (result.examined > 0) context.logger.info(result, 'clocks swept');
    },
  });
