import type { EmailTemplateKind, Locale } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { CaseStore } from '../cases/index.ts';
import type { ClockDue, OutboundStatus, ThreadParent } from './correspondence.ts';
import type { EmailTemplate } from './templates.ts';

/** An administrator's template as stored. */
export interface SavedTemplate extends EmailTemplate {
  readonly kind: EmailTemplateKind;
  readonly language: Locale;
  readonly updatedAt: Date;
}

/** An e-mail of a case, either way, as stored. */
export interface EmailRecord {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound';
  readonly status: string;
  readonly reason: string | null;
  readonly channelId: string | null;
  readonly caseId: string | null;
  readonly customerId: string | null;
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly fromAddress: string | null;
  readonly fromName: string | null;
  readonly toAddresses: readonly string[];
  readonly replyTo: string | null;
  readonly subject: string | null;
  readonly textBody: string | null;
  readonly htmlBody: string | null;
  readonly template: string | null;
  readonly language: string | null;
  readonly attachmentIds: readonly string[];
  readonly attempts: number;
  readonly lastError: string | null;
  readonly sentAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** An outbound e-mail to store in the outbox. */
export interface NewOutboundEmail {
  readonly id: string;
  readonly caseId: string;
  readonly customerId: string;
  readonly messageId: string;
  readonly inReplyTo: string | null;
  readonly references: readonly string[];
  readonly fromAddress: string;
  readonly fromName: string | null;
  readonly to: string;
  readonly replyTo: string;
  readonly subject: string;
  /** The copy staff read and the API returns: private links replaced by a marker. */
  readonly text: string;
  readonly html: string;
  /** The copy that goes to the customer, with its private links: kept apart, never returned. */
  readonly sendText: string;
  readonly sendHtml: string;
  readonly template: EmailTemplateKind;
  readonly language: Locale;
  readonly createdAt: Date;
}

/** The message as it goes to the customer (with its private links). */
export interface OutgoingBody {
  readonly text: string;
  readonly html: string;
}

/** What a customer e-mail about a case needs to know of the case. */
export interface CaseMailFacts {
  readonly caseId: string;
  readonly ref: string;
  readonly status: string;
  readonly subject: string | null;
  readonly description: string;
  readonly language: string | null;
  readonly resolutionText: string | null;
  readonly createdAt: Date;
  readonly customerId: string;
  readonly customerName: string;
  readonly customerLanguage: string | null;
  /**
   * The address to write to (`recipientFor`): the From of the customer's newest e-mail on the case
   * when it is one of their (or, after a merge, the survivor's) e-mail contacts, else their first
   * e-mail contact; null when they have none.
   */
  readonly customerEmail: string | null;
  /** The zone times are written in (`mailTimeZone`): the site's, else a clock calendar's, else UTC. */
  readonly timeZone: string;
  readonly clocks: readonly ClockDue[];
  /** The newest e-mail of the case either way, which a new one threads under; null when none. */
  readonly threadParent: ThreadParent | null;
  /**
   * The mailbox Redress receives that replies go to (plus-tagged): the enabled SMTP or IMAP
   * intake channel the case came in through, else an enabled one of the case's site, else any
   * enabled one; null when there is none.
   */
  readonly intakeAddress: string | null;
}

/** The outcome of one attempt written to the row while it is still `queued`. */
export interface SendResult {
  readonly status: OutboundStatus;
  readonly reason: string | null;
  readonly lastError: string | null;
  readonly attempts: number;
  readonly at: Date;
}

/** The correspondence module's port onto storage. */
export interface CorrespondenceRepository {
  listTemplates(): Promise<SavedTemplate[]>;
  findTemplate(kind: EmailTemplateKind, language: Locale): Promise<SavedTemplate | undefined>;
  saveTemplate(template: SavedTemplate, updatedBy: string | null): Promise<void>;
  /** False when there was no saved template. */
  deleteTemplate(kind: EmailTemplateKind, language: Locale): Promise<boolean>;
  /** The facts of a case for its customer e-mail; undefined when there is no such case. */
  caseMailFacts(caseId: string): Promise<CaseMailFacts | undefined>;
  /** Inserts the outbound row unless one with its id exists; true when inserted. */
  insertOutbound(email: NewOutboundEmail): Promise<boolean>;
  /**
   * How many e-mails of `kinds` to `address` (lower-case) since `since` were not suppressed. Holds
   * the address until the unit of work ends (PostgreSQL: an advisory lock; SQLite writes one at a
   * time), so instances counting at once cannot both let a sixth one through.
   */
  countRecentTo(address: string, kinds: readonly string[], since: Date): Promise<number>;
  /** Enqueues the job of attempt `attempt + 1` of the e-mail to run at `runAt`, in this unit of work. */
  queueSend(emailId: string, attempt: number, runAt: Date, now: Date): Promise<void>;
  /** True when a send job of the e-mail is waiting or running. */
  hasLiveSend(emailId: string): Promise<boolean>;
  findEmail(id: string): Promise<EmailRecord | undefined>;
  /** The message as it goes to the customer; undefined once sent (or for an inbound e-mail). */
  findOutgoing(id: string): Promise<OutgoingBody | undefined>;
  /**
   * Records a failed attempt that will be tried again, if the e-mail is still queued at `attempt`
   * attempts (a duplicate job records nothing); true when recorded.
   */
  recordRetry(id: string, attempt: number, lastError: string, at: Date): Promise<boolean>;
  /** Moves a `queued` e-mail to its outcome (the customer's copy is dropped once sent); false when it was no longer queued. */
  finish(id: string, result: SendResult): Promise<boolean>;
  /** Puts an outbound e-mail in `status` back to `queued` with no attempts; false when it was not in `status`. */
  requeue(id: string, status: string, at: Date): Promise<boolean>;
  /** When a survey's link stops working; undefined when there is no such survey. */
  surveyExpiresAt(surveyId: string): Promise<Date | undefined>;
  /** Every e-mail of the case, oldest first. */
  listCaseEmails(caseId: string, limit: number): Promise<EmailRecord[]>;
  appendEvent(event: NewEvent): Promise<void>;
}

/** What the correspondence service works on: its own tables, the case's (events, clocks) and the customer's (access trail). */
export interface CorrespondencePort extends CaseStore {
  readonly correspondence: CorrespondenceRepository;
}
