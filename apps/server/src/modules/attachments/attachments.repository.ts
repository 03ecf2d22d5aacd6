import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { Attachment } from './attachment.ts';

/** The attachments module's port onto storage. Implemented in `storage/repositories/`. */
export interface AttachmentsRepository {
  insertAttachment(attachment: Attachment): Promise<void>;
  findAttachment(id: string): Promise<Attachment | undefined>;
  /** A case's attachments ordered by id (upload order), after `cursor` (exclusive). */
  listAttachments(caseId: string, limit: number, cursor: string | undefined): Promise<Attachment[]>;
  appendEvent(event: NewEvent): Promise<void>;
}
