import { pipeline, Readable, Transform } from 'node:stream';
import { EventType } from '@redress/contract';
import { fileTypeFromStream } from 'file-type';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import {
  DEFAULT_ATTACHMENT_MAX_BYTES,
  MAX_FILES_PER_REQUEST,
  sanitizeFilename,
  withExtension,
  type Attachment,
} from './attachment.ts';
import type { AttachmentsRepository } from './attachments.repository.ts';
import { ACCEPTED_SUMMARY, classify } from './content-type.ts';
import type { FileStore } from './file-store.ts';

/** Bytes kept from the start of each upload to decide whether it is plain text. */
const TEXT_SNIFF_BYTES = 64 * 1024;

export interface AttachmentServiceDeps {
  readonly store: UnitOfWork<AttachmentsRepository>;
  readonly files: FileStore;
  readonly clock: Clock;
  /**
   * Throws `not_found` when the case does not exist or the actor may not see it; the cases
   * module's `requireVisibleCase`. Injected so this module does not depend on cases.
   */
  readonly requireVisibleCase: (ctx: Context, caseId: string) => Promise<unknown>;
  /** Per-file limit in bytes; default 20 MiB. */
  readonly maxBytes?: number;
  /** Files per upload request; default 10. */
  readonly maxFiles?: number;
}

/** One file of an upload as the HTTP layer hands it over: the client's name and the byte stream. */
export interface IncomingFile {
  /** The form field it came in, for error messages (`/body/<field>`). */
  readonly field: string;
  readonly filename: string | undefined;
  readonly content: Readable;
}

const mebibytes = (bytes: number): string => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

/** Passes bytes through, failing once more than `maxBytes` went by, and keeps the first `keep` bytes. */
const limitAndKeepHead = (maxBytes: number, keep: number, tooLarge: () => Error) => {
  const head: Buffer[] = [];
  let kept = 0;
  let seen = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > maxBytes) {
        done(tooLarge());
        return;
      }
      if (kept < keep) {
        const part = chunk.subarray(0, keep - kept);
        head.push(part);
        kept += part.length;
      }
      done(null, chunk);
    },
  });
  return { transform, head: () => Buffer.concat(head) };
};

/**
 * Waits for the first chunk, so a missing or unreadable file fails here (before any response
 * header is set) rather than half-way through a response; then streams everything.
 */
const startReading = async (stream: Readable): Promise<Readable> => {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const first = await iterator.next();
  const rest = { [Symbol.asyncIterator]: () => iterator };
  return Readable.from(
    (async function* () {
      if (!first.done) yield first.value;
      yield* rest;
    })(),
    { objectMode: false },
  );
};

/**
 * Files attached to cases. Bytes are written to the file store and made durable first, then
 * sniffed; only then does one transaction record every row with its `attachment.added` event. A
 * failure anywhere removes the files this request stored. The case check runs before any byte is
 * read or written.
 */
export const createAttachmentService = ({
  store,
  files,
  clock,
  requireVisibleCase,
  maxBytes = DEFAULT_ATTACHMENT_MAX_BYTES,
  maxFiles = MAX_FILES_PER_REQUEST,
}: AttachmentServiceDeps) => {
  const sniff = async (key: string): Promise<{ ext: string; mime: string } | undefined> => {
    const stream = files.get(key);
    try {
      return await fileTypeFromStream(stream);
    } finally {
      stream.destroy();
    }
  };

  const storeOne = async (
    caseId: string,
    file: IncomingFile,
    uploadedBy: string | null,
    stored: string[],
    limitBytes = maxBytes,
  ): Promise<Attachment> => {
    const id = newId('att', clock.now());
    const field = `/body/${file.field}`;
    const guard = limitAndKeepHead(
      limitBytes,
      TEXT_SNIFF_BYTES,
      () =>
        new AppError(ErrorCode.PayloadTooLarge, `Each file may be at most ${mebibytes(limitBytes)}`, [
          { field, message: `is larger than ${limitBytes} bytes` },
        ]),
    );
    // pipeline: an error on either side (client gone, limit passed) destroys both, and put() rejects.
    const content = pipeline(file.content, guard.transform, () => {});
    const { size, sha256 } = await files.put(id, content);
    stored.push(id);
    const name = sanitizeFilename(file.filename);
    if (size === 0)
      throw new AppError(ErrorCode.ValidationFailed, `"${name}" is empty`, [{ field, message: 'is empty' }]);
    const verdict = classify(await sniff(id), guard.head(), name);
    if (!verdict.allowed) {
      throw new AppError(
        ErrorCode.FileTypeNotAllowed,
        `"${name}" is ${verdict.detected}, which is not accepted. Accepted: ${ACCEPTED_SUMMARY}.`,
        [{ field, message: `detected ${verdict.detected}` }],
      );
    }
    return {
      id,
      caseId,
      filename: withExtension(name, verdict.type.extensions),
      contentType: verdict.type.contentType,
      size,
      sha256,
      storageKey: id,
      uploadedBy,
      createdAt: clock.now(),
    };
  };

  /**
   * Attaches the uploaded files to a case: all of them or none. Files are consumed one after the
   * other, as multipart delivers them. Refuses (after checking the case) an empty upload, more
   * than `maxFiles` files, a file over `maxBytes`, and any type outside the allow-list.
   */
  const addAttachments = async (
    ctx: Context,
    caseId: string,
    incoming: AsyncIterable<IncomingFile>,
  ): Promise<Attachment[]> => {
    requirePermission(ctx.actor, 'attachment:write');
    await requireVisibleCase(ctx, caseId);
    const stored: string[] = [];
    try {
      const attachments: Attachment[] = [];
      for await (const file of incoming) {
        if (attachments.length >= maxFiles) {
          throw new AppError(ErrorCode.PayloadTooLarge, `Send at most ${maxFiles} files at once`);
        }
        attachments.push(await storeOne(caseId, file, actorId(ctx.actor), stored));
      }
      if (attachments.length === 0) {
        throw new AppError(ErrorCode.ValidationFailed, 'Send at least one file as multipart/form-data', [
          { field: '/body/file', message: 'is required' },
        ]);
      }
      return await store.write((repo) => recordStagedAttachments(repo, ctx, caseId, { files: attachments }));
    } catch (error) {
      await Promise.all(stored.map((key) => files.delete(key).catch(() => undefined)));
      throw error;
    }
  };

  /**
   * Stores and checks uploaded files before the case they belong to is written (public intake: the
   * portal), so a refused file refuses the whole request and nothing is left half-done. The caller
   * records the staged files with `recordStagedAttachments` in its own unit of work, or calls
   * `discard()` when that unit fails. No files at all is fine here.
   */
  const stageFiles = async (
    ctx: Context,
    incoming: AsyncIterable<IncomingFile>,
    limits: { readonly maxFiles?: number; readonly maxBytes?: number } = {},
  ): Promise<StagedFiles> => {
    requirePermission(ctx.actor, 'attachment:write');
    const fileLimit = Math.min(limits.maxFiles ?? maxFiles, maxFiles);
    const byteLimit = Math.min(limits.maxBytes ?? maxBytes, maxBytes);
    const stored: string[] = [];
    const discard = async (): Promise<void> => {
      await Promise.all(stored.map((key) => files.delete(key).catch(() => undefined)));
    };
    try {
      const staged: Attachment[] = [];
      for await (const file of incoming) {
        if (staged.length >= fileLimit) {
          throw new AppError(ErrorCode.PayloadTooLarge, `Send at most ${fileLimit} files at once`);
        }
        staged.push(await storeOne('', file, actorId(ctx.actor), stored, byteLimit));
      }
      return { files: staged, discard };
    } catch (error) {
      await discard();
      throw error;
    }
  };

  /** A case's attachments, oldest first, one page at a time. */
  const listAttachments = async (
    ctx: Context,
    caseId: string,
    page: { readonly limit: number; readonly cursor: string | undefined },
  ): Promise<{ items: Attachment[]; nextCursor: string | null }> => {
    requirePermission(ctx.actor, 'attachment:read');
    await requireVisibleCase(ctx, caseId);
    const rows = await store.read.listAttachments(caseId, page.limit + 1, page.cursor);
    const items = rows.slice(0, page.limit);
    return { items, nextCursor: rows.length > page.limit ? (items.at(-1)?.id ?? null) : null };
  };

  /**
   * One attachment and its bytes, after the case check: nothing is read before it passes. Resolves
   * once the bytes are readable; missing bytes reject (an internal error: the row outlived its file).
   */
  const openAttachment = async (ctx: Context, id: string): Promise<{ attachment: Attachment; content: Readable }> => {
    requirePermission(ctx.actor, 'attachment:read');
    const attachment = await store.read.findAttachment(id);
    if (!attachment) throw new AppError(ErrorCode.NotFound, 'Not found');
    // Same answer whether the attachment is missing or its case is out of reach.
    await requireVisibleCase(ctx, attachment.caseId).catch(() => {
      throw new AppError(ErrorCode.NotFound, 'Not found');
    });
    return { attachment, content: await startReading(files.get(attachment.storageKey)) };
  };

  return {
    addAttachments,
    stageFiles,
    listAttachments,
    openAttachment,
    /** The limits the HTTP layer configures its multipart parser with. */
    limits: { maxBytes, maxFiles } as const,
  };
};

export type AttachmentService = ReturnType<typeof createAttachmentService>;

/** Files stored and checked but on no case yet (see `stageFiles`). */
export interface StagedFiles {
  readonly files: readonly Attachment[];
  /** Deletes the stored bytes: call it when the unit of work that was to record them fails. */
  discard(): Promise<void>;
}

/**
 * Records staged files on `caseId` inside the caller's unit of work: one row and one
 * `attachment.added` event each (`extra` joins each event's payload, e.g. `{ via: 'portal' }`).
 * `addAttachments` records its files the same way.
 */
export const recordStagedAttachments = async (
  repo: AttachmentsRepository,
  ctx: Context,
  caseId: string,
  staged: Pick<StagedFiles, 'files'>,
  extra: Record<string, unknown> = {},
): Promise<Attachment[]> => {
  const recorded: Attachment[] = [];
  for (const file of staged.files) {
    const attachment: Attachment = { ...file, caseId };
    await repo.insertAttachment(attachment);
    await repo.appendEvent({
      type: EventType.AttachmentAdded,
      subjectType: 'case',
      subjectId: caseId,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: {
        attachmentId: attachment.id,
        filename: attachment.filename,
        contentType: attachment.contentType,
        size: attachment.size,
        sha256: attachment.sha256,
        ...extra,
      },
      occurredAt: attachment.createdAt,
    });
    recorded.push(attachment);
  }
  return recorded;
};
