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

/** The portal's own reads. Implemented in `storage/repositories/portal.repository.ts`. */
export interface PortalRepository {
  /** The enabled portal channel `id`; without an id, the oldest enabled portal channel. */
  findPortalChannel(id: string | undefined): Promise<PortalChannel | undefined>;
  /** The organisation's name from the `organisation` setting (`{ name }`), if one was saved. */
  organisationName(): Promise<string | null>;
  /** The case with this reference, if its customer (or the customer it was merged into) has this e-mail address. */
  caseForRefAndEmail(ref: string, email: string): Promise<string | undefined>;
  /** Due times of the open promises (commitments) on these cases. */
  openCommitmentDues(caseIds: readonly string[]): Promise<Date[]>;
  /** The attachment ids each of these e-mails carried. */
  emailAttachmentIds(emailIds: readonly string[]): Promise<Map<string, string[]>>;
  /** The status of the case's newest survey; null when it has none. */
  latestSurveyStatus(caseId: string): Promise<string | null>;
}

/** What portal use cases work on inside one unit of work. */
export interface PortalStore extends CaseStore {
  readonly attachments: AttachmentsRepository;
  readonly portal: PortalRepository;
}
