import { Type } from 'typebox';
import { defineJob, EventJobPayload, type JobDefinition } from '../../jobs/index.ts';
import { SEND_JOB, SEND_MAX_ATTEMPTS, TRIGGER_JOB } from './correspondence.ts';
import { TRIGGER_EVENTS, type CorrespondenceService } from './correspondence.service.ts';

/** The payload of `correspondence.send`: which outbox e-mail to send. */
export const SendEmailPayload = Type.Object({ emailId: Type.String() });

/**
 * The trigger (events → e-mails, idempotent by event id: the e-mail's id comes from the event's)
 * and the send (acts only on a `queued` e-mail; a failure that may pass is thrown, so the job
 * runner retries it with backoff until the last attempt, which marks the e-mail failed).
 */
export const correspondenceJobs = (
  correspondence: Pick<CorrespondenceService, 'trigger' | 'send'>,
): JobDefinition[] => [
  defineJob({
    name: TRIGGER_JOB,
    schema: EventJobPayload,
    subscribesTo: TRIGGER_EVENTS,
    async handler(event, context) {
      const payload =
        event.payload !== null && typeof event.payload === 'object' ? (event.payload as Record<string, unknown>) : {};
      const outcome = await correspondence.trigger({
        id: event.eventId,
        type: event.type,
        subjectId: event.subjectId,
        payload,
      });
      // Why nothing was queued is said here only (no address is not an error of the case).
      if (outcome !== 'queued' && outcome !== 'not_for_mail') {
        context.logger.info({ eventType: event.type, caseId: event.subjectId, outcome }, 'no customer e-mail queued');
      }
    },
  }),
  defineJob({
    name: SEND_JOB,
    schema: SendEmailPayload,
    maxAttempts: SEND_MAX_ATTEMPTS,
    async handler({ emailId }, context) {
      const outcome = await correspondence.send(emailId, { current: context.attempt, max: context.maxAttempts });
      if (outcome === 'failed') context.logger.warn({ emailId }, 'a customer e-mail could not be delivered');
      if (outcome === 'suppressed')
        context.logger.info({ emailId }, 'no outgoing mail server: customer e-mail not sent');
    },
  }),
];
