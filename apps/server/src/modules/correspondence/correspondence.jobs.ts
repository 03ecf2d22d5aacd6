import { Type } from 'typebox';
import { defineJob, EventJobPayload, type JobDefinition } from '../../jobs/index.ts';
import { SEND_JOB, SEND_JOB_RUNS, TRIGGER_JOB } from './correspondence.ts';
import { TRIGGER_EVENTS, type CorrespondenceService } from './correspondence.service.ts';

/** The payload of `correspondence.send`: which outbox e-mail, after how many failed attempts. */
export const SendEmailPayload = Type.Object({
  emailId: Type.String(),
  attempt: Type.Optional(Type.Integer({ minimum: 0 })),
});

/**
 * The trigger (events → e-mails, idempotent by event id: the e-mail's id comes from the event's)
 * and the send (one attempt on a `queued` e-mail; an SMTP failure that may pass queues the next
 * attempt as a new job, for a day; the job runner's own retries are for crashes and database errors).
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
    maxAttempts: SEND_JOB_RUNS,
    async handler({ emailId, attempt }, context) {
      const outcome = await correspondence.send(emailId, attempt);
      if (outcome === 'failed') context.logger.warn({ emailId }, 'a customer e-mail could not be delivered');
      if (outcome === 'retry')
        context.logger.info({ emailId, attempt }, 'customer e-mail not delivered yet; will retry');
      if (outcome === 'suppressed')
        context.logger.info({ emailId }, 'no outgoing mail server: customer e-mail not sent');
    },
  }),
];
