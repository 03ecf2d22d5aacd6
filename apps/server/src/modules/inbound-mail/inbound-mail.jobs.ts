import { Type } from 'typebox';
import { defineJob, type JobDefinition } from '../../jobs/index.ts';
import { POLL_IMAP_JOB, PROCESS_INBOUND_JOB } from './inbound-mail.ts';
import type { InboundMailService } from './inbound-mail.service.ts';

/** The payload of `inbound-mail.process`: the received message. */
export const ProcessInboundPayload = Type.Object({ emailId: Type.String() });

/**
 * Processing a received message (idempotent: it acts only on a row still `received`) and the
 * every-minute IMAP poll (a re-take is a no-op by the mailbox UID and the Message-ID).
 */
export const inboundMailJobs = (
  inboundMail: Pick<InboundMailService, 'processEmail' | 'pollMailboxes'>,
): JobDefinition[] => [
  defineJob({
    name: PROCESS_INBOUND_JOB,
    schema: ProcessInboundPayload,
    maxAttempts: 5,
    async handler({ emailId }, context) {
      const outcome = await inboundMail.processEmail(emailId);
      context.logger.debug({ emailId, outcome }, 'inbound e-mail processed');
    },
  }),
  defineJob({
    name: POLL_IMAP_JOB,
    schema: Type.Object({}),
    maxAttempts: 1,
    async handler(_payload, context) {
      const result = await inboundMail.pollMailboxes();
      if (result.channels > 0) context.logger.debug(result, 'IMAP mailboxes polled');
      if (result.failed > 0) context.logger.warn({ failed: result.failed }, 'some IMAP mailboxes could not be polled');
    },
  }),
];
