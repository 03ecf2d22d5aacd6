import { Type } from 'typebox';
import { defineJob, EventJobPayload, type JobDefinition } from '../../jobs/index.ts';
import { DIGEST_JOB, EMAIL_JOB, FANOUT_JOB, NOTIFYING_EVENTS } from './notification.ts';
import type { NotificationService } from './notifications.service.ts';

/** The payload of `notifications.email`: which notification to send. */
export const EmailJobPayload = Type.Object({ notificationId: Type.String() });

/**
 * The notification jobs: the fan-out from events, the one-by-one e-mail and the hourly digest.
 * All idempotent: the fan-out inserts one row per (user, event) and the senders only move an
 * e-mail out of `pending` / `digest` once.
 */
export const notificationJobs = (notifications: NotificationService): JobDefinition[] => {
  let toldNoMail = false;
  return [
    defineJob({
      name: FANOUT_JOB,
      schema: EventJobPayload,
      subscribesTo: NOTIFYING_EVENTS,
      async handler(event, context) {
        if (!notifications.mailConfigured && !toldNoMail) {
          toldNoMail = true;
          context.logger.info('no SMTP_URL configured: notifications are in-app only, e-mails are skipped');
        }
        const payload =
          event.payload !== null && typeof event.payload === 'object' ? (event.payload as Record<string, unknown>) : {};
        const { created } = await notifications.notifyForEvent({
          id: event.eventId,
          type: event.type,
          subjectType: event.subjectType,
          subjectId: event.subjectId,
          actorId: event.actorId,
          occurredAt: new Date(event.occurredAt),
          payload,
        });
        if (created > 0) context.logger.debug({ created, eventType: event.type }, 'notifications made');
      },
    }),
    defineJob({
      name: EMAIL_JOB,
      schema: EmailJobPayload,
      maxAttempts: 6,
      async handler({ notificationId }, context) {
        const outcome = await notifications.sendEmail(notificationId, context);
        if (outcome === 'failed')
          context.logger.warn({ notificationId }, 'the mail server refused the notification e-mail');
      },
    }),
    defineJob({
      name: DIGEST_JOB,
      schema: Type.Object({}),
      async handler(_payload, context) {
        const { mails, notifications: count, failures } = await notifications.sendDigests();
        for (const error of failures) context.logger.warn({ err: error }, 'a digest e-mail could not be sent');
        if (mails > 0) context.logger.info({ mails, notifications: count }, 'digests sent');
      },
    }),
  ];
};
