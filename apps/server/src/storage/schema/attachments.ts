/** Tables of the attachments area; filled in with its migration. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the attachments migration
export interface AttachmentTables {}
