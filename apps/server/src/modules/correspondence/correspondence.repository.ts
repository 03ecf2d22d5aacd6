import type { EmailTemplateKind, Locale } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { CaseStore } from '../cases/index.ts';
import type { ClockDue, OutboundStatus } from './correspondence.ts';
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
  readonly text: string;
  readonly html: string;
  readonly template: EmailTemplateKind;
  readonly language: Locale;
  readonly createdAt: Date;
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
  /** The customer's address: their newest e-mail's From, else their first e-mail contact; null when none. */
  readonly customerEmail: string | null;
  /** The site's IANA zone; UTC when the case has no site. */
  readonly timeZone: string;
  readonly clocks: readonly ClockDue[];
  /** The customer's newest e-mail on the case (what a reply threads under). */
  readonly newestInbound: { readonly messageId: string; readonly references: readonly string[] } | null;
  /** The SMTP or IMAP intake channel's address the case came in through; null otherwise. */
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
  /** Enqueues the send job of the e-mail, in this unit of work. */
  queueSend(emailId: string, now: Date): Promise<void>;
  findEmail(id: string): Promise<EmailRecord | undefined>;
  /** Records an attempt that will be tried again (attempts, last error) while still queued. */
  recordRetry(id: string, attempts: number, lastError: string, at: Date): Promise<void>;
  /** Moves a `queued` e-mail to its outcome; false when it was no longer queued. */
  finish(id: string, result: SendResult): Promise<boolean>;
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
