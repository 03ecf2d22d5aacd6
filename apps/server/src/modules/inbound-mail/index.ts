/** The inbound-mail module's public door: intake channels, e-mail in (SMTP and IMAP), threading. */
export {
  createInboundMailService,
  type InboundMailService,
  type ProcessOutcome,
  type ReceiveInput,
} from './inbound-mail.service.ts';
export type { MailboxMessage, MailboxReader } from './mailbox-poll.service.ts';
export { createIntakeChannelService, type IntakeChannelService } from './intake-channels.service.ts';
export type {
  ChannelFields,
  ImapLogin,
  InboundMailRepository,
  NewReceivedEmail,
  ProcessedEmail,
} from './inbound-mail.repository.ts';
export { POLL_IMAP_JOB, PROCESS_INBOUND_JOB, type InboundEmail, type IntakeChannel } from './inbound-mail.ts';
export { inboundMailJobs, ProcessInboundPayload } from './inbound-mail.jobs.ts';
export { inboundMailRoutes } from './inbound-mail.routes.ts';
export { sanitizeEmailHtml, stripQuotedReply, textFromHtml } from './mail-text.ts';
