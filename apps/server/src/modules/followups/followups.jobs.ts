import { Type } from 'typebox';
import { defineJob, EventJobPayload, type JobDefinition } from '../../jobs/index.ts';
import { FOLLOWUP_EVENTS, type FollowUpService } from './followups.service.ts';

/** Schedules, reschedules and cancels follow-ups as case events arrive (one job per event). */
export const FOLLOWUP_EVENT_JOB = 'followups.react';
/** Every minute (BUILTIN_SCHEDULES): sends the follow-ups that are due. */
export const FOLLOWUP_SWEEP_JOB = 'followups.sweep';

/** The follow-up jobs. Both are idempotent: per event id, and per follow-up by a conditional update. */
export const followUpJobs = (followups: Pick<FollowUpService, 'onCaseEvent' | 'sweep'>): JobDefinition[] => [
  defineJob({
    name: FOLLOWUP_EVENT_JOB,
    schema: EventJobPayload,
    subscribesTo: FOLLOWUP_EVENTS,
    async handler(event) {
      await followups.onCaseEvent({
        eventId: event.eventId,
        seq: event.seq,
        type: event.type,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        occurredAt: event.occurredAt,
        payload: (event.payload ?? {}) as Record<string, unknown>,
      });
    },
  }),
  defineJob({
    name: FOLLOWUP_SWEEP_JOB,
    schema: Type.Object({}),
    maxAttempts: 1,
    async handler(_payload, context) {
      const { sent, examined, failed } = await followups.sweep();
      if (sent > 0) context.logger.info({ sent, examined }, 'follow-ups sent');
      // Ids and error codes only: the customer's details never reach the log.
      for (const failure of failed) context.logger.warn(failure, 'follow-up not sent; the next sweep tries again');
    },
  }),
];
