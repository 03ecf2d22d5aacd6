export {
  createAttachmentService,
  type AttachmentService,
  type AttachmentServiceDeps,
  type IncomingFile,
  type StagedFiles,
  recordStagedAttachments,
} from './attachments.service.ts';
export type { AttachmentsRepository } from './attachments.repository.ts';
export type { Attachment } from './attachment.ts';
export { DEFAULT_ATTACHMENT_MAX_BYTES, MAX_FILES_PER_REQUEST, sanitizeFilename } from './attachment.ts';
export type { FileStore, StoredFile } from './file-store.ts';
export { presentAttachment } from './attachments.presenter.ts';
export { attachmentsRoutes, fromMultipartError } from './attachments.routes.ts';
export { downloadHeaders } from './download.ts';
