import type { InboundMailStatus, IntakeChannelKind, Locale } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { InboundEmail, IntakeChannel } from './inbound-mail.ts';

/** The columns of a channel a create or an update writes. */
export interface ChannelFields {
  readonly name: string;
  readonly address: string | null;
  readonly siteId: string | null;
  readonly ownerId: string;
  readonly language: Locale | null;
  readonly enabled: boolean;
  readonly imap: {
    readonly host: string;
    readonly port: number;
    readonly secure: boolean;
    readonly user: string;
    readonly mailbox: string;
    /** undefined keeps the stored password. */
    readonly password: string | undefined;
  } | null;
}

/** What an IMAP poll needs to log in: the stored settings with the password. */
export interface ImapLogin {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string;
  readonly password: string;
  readonly mailbox: string;
}

/** A received message as first stored: before it is parsed. */
export interface NewReceivedEmail {
  readonly id: string;
  readonly channelId: string;
  readonly messageId: string;
  readonly envelopeFrom: string | null;
  readonly toAddresses: readonly string[];
  readonly rawKey: string;
  readonly rawSize: number;
  readonly imap: { readonly uidvalidity: string; readonly uid: number } | null;
  readonly at: Date;
}

/** What processing learned and writes back on the row. */
export interface ProcessedEmail {
  readonly status: Exclude<InboundMailStatus, 'received'>;
  readonly reason: string | null;
  readonly caseId: string | null;
  readonly customerId: string | null;
  readonly fromAddress: string | null;
  readonly fromName: string | null;
  readonly toAddresses: readonly string[];
  readonly replyTo: string | null;
  readonly subject: string | null;
  readonly textBody: string | null;
  readonly htmlBody: string | null;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly language: string | null;
  readonly attachmentIds: readonly string[];
  readonly at: Date;
}

/** The inbound-mail module's port onto storage (channels and inbound e-mail rows). */
export interface InboundMailRepository {
  insertChannel(
    id: string,
    kind: IntakeChannelKind,
    fields: ChannelFields,
    createdBy: string | null,
    at: Date,
  ): Promise<void>;
  updateChannel(id: string, fields: ChannelFields, at: Date): Promise<void>;
  findChannel(id: string): Promise<IntakeChannel | undefined>;
  listChannels(): Promise<IntakeChannel[]>;
  /** Enabled channels of a kind, oldest first. */
  enabledChannels(kind: IntakeChannelKind): Promise<IntakeChannel[]>;
  /** Every smtp/imap address configured (lower-case), enabled or not: they are all ours. */
  channelAddresses(): Promise<string[]>;
  imapLogin(id: string): Promise<ImapLogin | undefined>;
  /** Moves the mailbox mark forward (never back) for the UIDVALIDITY given; a new UIDVALIDITY starts at `uid`. */
  advanceImap(id: string, uidvalidity: string, uid: number): Promise<void>;
  /** Records the outcome of a poll: when, and the error in words (null: it worked). */
  recordPoll(id: string, at: Date, error: string | null): Promise<void>;

  /**
   * Stores the received row (status `received`) unless the same message (direction, Message-ID) or
   * the same mailbox message (channel, UIDVALIDITY, UID) is stored already; true when inserted.
   */
  insertReceived(email: NewReceivedEmail): Promise<boolean>;
  /** The inbound row with this Message-ID, if any. */
  findByMessageId(messageId: string): Promise<InboundEmail | undefined>;
  /** Enqueues the processing of a received message in this unit of work. */
  queueProcessing(emailId: string, now: Date): Promise<void>;
  findEmail(id: string): Promise<InboundEmail | undefined>;
  /** Writes the outcome if the row is still `received`; false when someone else got there first. */
  completeProcessing(id: string, outcome: ProcessedEmail): Promise<boolean>;
  /** Back to `received` when it was ignored or unparsed (or still received); false otherwise. */
  resetForReprocess(id: string, at: Date): Promise<boolean>;
  /** The case of the newest e-mail (either direction) with one of these Message-IDs. */
  caseOfMessageIds(messageIds: readonly string[]): Promise<string | null>;
  /** The case with this reference (`C-2026-000123`). */
  caseIdByRef(ref: string): Promise<string | null>;
  /** Inbound rows newest first, optionally of one status, after `cursor` (an id, exclusive). */
  listEmails(filter: {
    readonly status: InboundMailStatus | undefined;
    readonly limit: number;
    readonly cursor: string | undefined;
  }): Promise<InboundEmail[]>;
  appendEvent(event: NewEvent): Promise<void>;
}
