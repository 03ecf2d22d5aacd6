import type { InboundMailDto, IntakeChannelDto } from '@redress/contract';
import type { InboundEmail, IntakeChannel } from './inbound-mail.ts';

/** A channel for administrators: the IMAP password never leaves the server, only whether one is set. */
export const presentIntakeChannel = (channel: IntakeChannel): IntakeChannelDto => ({
  id: channel.id,
  kind: channel.kind,
  name: channel.name,
  address: channel.address,
  siteId: channel.siteId,
  ownerId: channel.ownerId,
  language: channel.language,
  enabled: channel.enabled,
  imap: channel.imap
    ? {
        host: channel.imap.host,
        port: channel.imap.port,
        secure: channel.imap.secure,
        user: channel.imap.user,
        mailbox: channel.imap.mailbox,
        passwordSet: channel.imap.passwordSet,
        lastPolledAt: channel.imap.lastPolledAt?.toISOString() ?? null,
        lastError: channel.imap.lastError,
      }
    : null,
  createdAt: channel.createdAt.toISOString(),
  updatedAt: channel.updatedAt.toISOString(),
});

/** An inbound e-mail's metadata: no addresses, subject or body (they belong to the case's readers). */
export const presentInboundEmail = (email: InboundEmail): InboundMailDto => ({
  id: email.id,
  status: email.status,
  reason: email.reason,
  channelId: email.channelId,
  caseId: email.caseId,
  messageId: email.messageId,
  rawSize: email.rawSize,
  attachmentCount: email.attachmentIds.length,
  viaImap: email.imapUid !== null,
  createdAt: email.createdAt.toISOString(),
  updatedAt: email.updatedAt.toISOString(),
});
