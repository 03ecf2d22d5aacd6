import type { AttachmentDto } from '@redress/contract';
import type { Attachment } from './attachment.ts';

/** Domain → contract: the storage key stays on the server. */
export const presentAttachment = (attachment: Attachment): AttachmentDto => ({
  id: attachment.id,
  caseId: attachment.caseId,
  filename: attachment.filename,
  contentType: attachment.contentType,
  size: attachment.size,
  sha256: attachment.sha256,
  uploadedBy: attachment.uploadedBy,
  createdAt: attachment.createdAt.toISOString(),
  contentUrl: `/api/v1/attachments/${attachment.id}/content`,
});
