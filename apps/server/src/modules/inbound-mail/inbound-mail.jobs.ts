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
  inboundMail: Pick<InboundMailService, 'processEmail' | 'abandonEmail' | 'pollMailboxes'>,
): JobDefinition[] => [
  defineJob({
    name: PROCESS_INBOUND_JOB,
    schema: ProcessInboundPayload,
    maxAttempts: 5,
    async handler({ emailId }, context) {
      try {
        const outcome = await inboundMail.processEmail(emailId);
        context.logger.debug({ emailId, outcome }, 'inbound e-mail processed');
      } catch (error) {
        if (context.attempt < context.maxAttempts) throw error;
        // The last attempt: the message stays, as unparsed with what went wrong, never stuck as received.
        const code = (error as { code?: unknown }).code;
        const what = typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
        await inboundMail.abandonEmail(emailId, what);
        context.logger.warn({ emailId, err: error }, 'an inbound e-mail could not be processed; kept as unparsed');
      }
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
