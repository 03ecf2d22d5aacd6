import type { Attachment, AttachmentsRepository } from '../../modules/attachments/index.ts';
import { readInt, readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import type { Schema } from '../schema.ts';

type AttachmentRow = Schema['attachments'] extends infer T ? { [K in keyof T]: unknown } : never;

const toAttachment = (row: AttachmentRow): Attachment => ({
  id: row.id as string,
  caseId: row.case_id as string,
  filename: row.filename as string,
  contentType: row.content_type as string,
  size: readInt(row.size),
  sha256: row.sha256 as string,
  storageKey: row.storage_key as string,
  uploadedBy: (row.uploaded_by as string | null) ?? null,
  createdAt: readTime(row.created_at),
});

/** The attachments port over Kysely; `tx` is either the read side or an open transaction. */
export const attachmentsRepository = (tx: Tx): AttachmentsRepository => ({
  async insertAttachment(attachment) {
    await tx
      .insertInto('attachments')
      .values({
        id: attachment.id,
        case_id: attachment.caseId,
        filename: attachment.filename,
        content_type: attachment.contentType,
        size: attachment.size,
        sha256: attachment.sha256,
        storage_key: attachment.storageKey,
        uploaded_by: attachment.uploadedBy,
        created_at: toDbTime(attachment.createdAt),
      })
      .execute();
  },
  async findAttachment(id) {
    const row = await tx.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAttachment(row) : undefined;
  },
  async listAttachments(caseId, limit, cursor) {
    let query = tx.selectFrom('attachments').selectAll().where('case_id', '=', caseId).orderBy('id').limit(limit);
    if (cursor) query = query.where('id', '>', cursor);
    return (await query.execute()).map(toAttachment);
  },
  async appendEvent(event) {
    await appendEvent(tx, event);
  },
});
