import { Type } from 'typebox';
import type { JobDefinition } from '../../jobs/index.ts';
import { defineJob } from '../../jobs/index.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import type { ClockService } from './clocks.service.ts';

/** Scheduled every minute (BUILTIN_SCHEDULES): an alert is recorded at most a minute and a scheduler tick late. */
export const CLOCK_SWEEP_JOB = 'clocks.sweep';

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
      const result = await clocks.sweep(systemContext(CLOCK_SWEEP_JOB), {
        onClockError: (clock, error) =>
          context.logger.warn(
            { clockId: clock.id, caseId: clock.caseId, calendarId: clock.calendarId, err: error },
            'clock step failed (its calendar refused a due time); looked at again in an hour',
          ),
      });
      if (result.examined > 0) context.logger.info(result, 'clocks swept');
    },
  });
