import { Type, type Static } from 'typebox';

/** Idempotency-Key: 1–200 visible ASCII characters (a UUID is a good choice). */
export const IDEMPOTENCY_KEY_PATTERN = '^[\\x21-\\x7E]{1,200}$';

/** The header a replayed response carries: the stored response of an earlier request with the same key. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

export const AttachmentDto = Type.Object({
  id: Type.String({ description: 'Prefixed id, `att_…`.' }),
  caseId: Type.String(),
  filename: Type.String({
    description:
      'The uploaded name, sanitised: path parts and control characters removed, length capped, and the extension of the detected type appended when the name had another.',
  }),
  contentType: Type.String({ description: 'The type sniffed from the bytes, never the one the client sent.' }),
  size: Type.Integer({ minimum: 0, description: 'Bytes.' }),
  sha256: Type.String({ description: 'Hex SHA-256 of the content.' }),
  uploadedBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  contentUrl: Type.String({ description: 'Where to download it: `/api/v1/attachments/{id}/content`.' }),
});
export type AttachmentDto = Static<typeof AttachmentDto>;

export const AttachmentList = Type.Object({
  items: Type.Array(AttachmentDto),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
});
export type AttachmentList = Static<typeof AttachmentList>;

export const UploadedAttachments = Type.Object({ items: Type.Array(AttachmentDto) });
export type UploadedAttachments = Static<typeof UploadedAttachments>;

export const AttachmentContentQuery = Type.Object(
  {
    inline: Type.Optional(
      Type.Enum(['0', '1'], {
        description: '`1` shows a raster image (PNG, JPEG, GIF, WebP, HEIC) inline; everything else always downloads.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type AttachmentContentQuery = Static<typeof AttachmentContentQuery>;
