import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { AttachmentsRepository } from '../attachments/index.ts';
import type { CaseStore } from '../cases/index.ts';

/** A portal entry point: complaints filed through it go to its site and owner. */
export interface PortalChannel {
  /** `chn_…` */
  readonly id: string;
  readonly siteId: string | null;
  readonly ownerId: string;
  readonly language: string | null;
}

/** What a complaint form became: filed as a case, or dropped (a robot's) and kept for review. */
export type PortalSubmissionStatus = 'filed' | 'dropped_honeypot';

/** One complaint form the portal took, with the receipt it answered. */
export interface PortalSubmission {
  readonly channelId: string;
  /** The UUID the form generated, when it sent one. */
  readonly submissionId: string | null;
  readonly status: PortalSubmissionStatus;
  readonly caseId: string | null;
  readonly ref: string;
  readonly hearBackBy: Date | null;
  /** Normalised: the address the case was filed from. */
  readonly email: string;
  /** The phone typed, when it was not made a contact of the customer. */
  readonly phone: string | null;
  readonly attachmentIds: readonly string[];
  /** A dropped form as received, for review. */
  readonly form: unknown;
  readonly createdAt: Date;
}

/** A message on the case the customer may see, newest first from the store. */
export interface PortalMessageRecord {
  readonly id: string;
  readonly direction: 'inbound' | 'outbound';
  readonly body: string;
  readonly actorName: string | null;
  readonly attachmentIds: readonly string[];
  readonly emailId: string | null;
  readonly occurredAt: Date;
}

/** A stored file's name and size. */
export interface PortalFile {
  readonly id: string;
  readonly filename: string;
  readonly size: number;
}

/** The portal's own reads and writes. Implemented in `storage/repositories/portal.repository.ts`. */
export interface PortalRepository {
  /** The enabled portal channel `id`; without an id, the oldest enabled portal channel. */
  findPortalChannel(id: string | undefined): Promise<PortalChannel | undefined>;
  /** The organisation's name from the `organisation` setting (`{ name }`), if one was saved. */
  organisationName(): Promise<string | null>;
  /**
   * The case with this reference when `email` is its own intake address: the e-mail of the portal
   * form that filed it, or the sender of the e-mail that opened it. Never any other contact.
   */
  caseForRefAndIntakeEmail(ref: string, email: string): Promise<string | undefined>;
  /** Whether `portal.link_requested` was appended on the case at or after `since`. */
  linkRequestedSince(caseId: string, since: Date): Promise<boolean>;
  /**
   * The newest `limit` messages of these cases a customer may see, newest first: every outbound
   * message, and inbound ones the customer wrote themselves (channel `web` or `email`); never
   * notes, and never an agent's account of a call or visit.
   */
  customerMessages(caseIds: readonly string[], limit: number): Promise<PortalMessageRecord[]>;
  /** These files when they are on one of these cases. */
  files(caseIds: readonly string[], ids: readonly string[]): Promise<PortalFile[]>;
  /** The filed forms of these cases (their attachments are the form's files). */
  filedSubmissions(caseIds: readonly string[]): Promise<PortalSubmission[]>;
  /** The form this channel took with this submission id, if any. */
  findSubmission(channelId: string, submissionId: string): Promise<PortalSubmission | undefined>;
  /** Stores a form; false (nothing stored) when the channel already has one with its submission id. */
  insertSubmission(submission: PortalSubmission): Promise<boolean>;
  /** Due times of the open promises (commitments) on these cases. */
  openCommitmentDues(caseIds: readonly string[]): Promise<Date[]>;
  /** The attachment ids each of these e-mails carried. */
  emailAttachmentIds(emailIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The status of the case's newest survey; null when it has none. */
  latestSurveyStatus(caseId: string): Promise<string | null>;
  /** Appends an event and answers its id (the case event log is shared with the cases module). */
  appendEvent(event: NewEvent): Promise<{ readonly id: string }>;
}

/** What portal use cases work on inside one unit of work. */
export interface PortalStore extends CaseStore {
  readonly attachments: AttachmentsRepository;
  readonly portal: PortalRepository;
}
