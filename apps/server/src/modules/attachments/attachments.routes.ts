import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AttachmentContentQuery,
  AttachmentList,
  ErrorBody,
  IdParams,
  ListQuery,
  UploadedAttachments,
  ErrorResponses,
} from '@redress/contract';
import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { presentAttachment } from './attachments.presenter.ts';
import type { AttachmentService, IncomingFile } from './attachments.service.ts';
import { downloadHeaders } from './download.ts';

const errors = ErrorResponses;

/** The bytes, streamed; documented as binary, never serialised. */
const FileContent = Type.Unsafe<Readable>({
  type: 'string',
  format: 'binary',
  description: 'The file, with its sniffed type.',
});

/** Parser failures (limits, a body that is not multipart, a torn body) as domain errors. */
export const fromMultipartError = (error: unknown, limits: { maxBytes: number; maxFiles: number }): unknown => {
  if (error instanceof AppError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(ErrorCode.PayloadTooLarge, `Each file may be at most ${limits.maxBytes} bytes`);
    case 'FST_FILES_LIMIT':
      return new AppError(ErrorCode.PayloadTooLarge, `Send at most ${limits.maxFiles} files at once`);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new AppError(ErrorCode.PayloadTooLarge, 'The upload has too many parts');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new AppError(ErrorCode.UnsupportedMediaType, 'Send the files as multipart/form-data');
    case 'FST_PROTO_VIOLATION':
    case 'FST_MP_PREMATURE_CLOSE':
      return new AppError(ErrorCode.ValidationFailed, 'The multipart body is not valid', [
        { field: '/body', message: 'is not valid multipart/form-data' },
      ]);
    default:
      break;
  }
  // busboy's own parse errors carry no code, only these messages.
  if (
    /Unexpected end of form|Malformed|Boundary not found|terminated early|Unsupported content type/i.test(error.message)
  ) {
    return new AppError(ErrorCode.ValidationFailed, 'The multipart body is not valid', [
      { field: '/body', message: 'is not valid multipart/form-data' },
    ]);
  }
  return error;
};

/** The file parts of a multipart request, one at a time; fields are read and ignored. */
async function* filesOf(request: FastifyRequest): AsyncGenerator<IncomingFile> {
  for await (const part of request.files()) {
    yield { field: part.fieldname, filename: part.filename, content: part.file };
  }
}

/** Attachments on cases: upload (multipart), list, and download with safe headers. */
export const attachmentsRoutes =
  ({ attachments }: { attachments: AttachmentService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    const { maxBytes, maxFiles } = attachments.limits;
    // Registered here, so only these routes accept multipart bodies. One byte over the limit is
    // let through so the service, which counts, is the one that refuses it.
    await app.register(multipart, {
      limits: {
        fileSize: maxBytes + 1,
        files: maxFiles,
        fields: 20,
        fieldSize: 1024,
        parts: maxFiles + 20,
        headerPairs: 50,
      },
      throwFileSizeLimit: true,
    });

    app.post(
      '/cases/:id/attachments',
      {
        config: { access: 'attachment:write' },
        schema: {
          tags: ['attachments'],
          summary: 'Attach files to a case',
          description: `multipart/form-data with one or more file parts (any field name), at most ${maxFiles} files of at most ${maxBytes} bytes each. The type is sniffed from the bytes; a type outside the allow-list is refused with 415 \`file_type_not_allowed\`.`,
          consumes: ['multipart/form-data'],
          params: IdParams,
          response: { 201: UploadedAttachments, ...errors, 413: ErrorBody, 415: ErrorBody },
        },
      },
      async (request, reply) => {
        try {
          const added = await attachments.addAttachments(request.ctx, request.params.id, filesOf(request));
          return await reply.status(201).send({ items: added.map(presentAttachment) });
        } catch (error) {
          throw fromMultipartError(error, { maxBytes, maxFiles });
        }
      },
    );

    app.get(
      '/cases/:id/attachments',
      {
        config: { access: 'attachment:read' },
        schema: {
          tags: ['attachments'],
          summary: "A case's attachments",
          params: IdParams,
          querystring: ListQuery,
          response: { 200: AttachmentList, ...errors },
        },
      },
      async (request) => {
        const page = await attachments.listAttachments(request.ctx, request.params.id, {
          limit: request.query.limit ?? 50,
          cursor: request.query.cursor,
        });
        return { items: page.items.map(presentAttachment), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/attachments/:id/content',
      {
        config: { access: 'attachment:read' },
        schema: {
          tags: ['attachments'],
          summary: 'Download an attachment',
          description:
            'Served as a download with the sniffed type, `nosniff`, a sandboxing CSP and no caching. `?inline=1` shows raster images in place.',
          params: IdParams,
          querystring: AttachmentContentQuery,
          produces: ['application/octet-stream'],
          response: { 200: FileContent, ...errors },
        },
      },
      async (request, reply) => {
        const { attachment, content } = await attachments.openAttachment(request.ctx, request.params.id);
        void reply.headers(downloadHeaders(attachment, { inline: request.query.inline === '1' }));
        return reply.send(content);
      },
    );
  };
