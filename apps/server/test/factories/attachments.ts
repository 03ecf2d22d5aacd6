import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { buildApp } from '../../src/app.ts';
import { createDeps, type Deps } from '../../src/deps.ts';
import { scopeCoversSite } from '../../src/modules/access/index.ts';
import { createAttachmentService } from '../../src/modules/attachments/index.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { AppError, ErrorCode } from '../../src/shared/errors.ts';
import { scopeOf, type Context } from '../../src/shared/unit-of-work.ts';
import { createFsFileStore } from '../../src/storage/files/fs-file-store.ts';
import type { Database } from '../../src/storage/index.ts';
import { attachmentsRepository } from '../../src/storage/repositories/attachments.repository.ts';
import { openSqlite } from '../../src/storage/sqlite/open.ts';
import { unitOfWork } from '../../src/storage/unit-of-work.ts';
import { tempDir, testConfig, type TestApp } from '../factories.ts';

/**
 * A stand-in for the cases module's `requireVisibleCase`: the given cases exist, each on a site,
 * and an actor sees one when their scope covers its site (brand roles see all); otherwise not_found.
 */
export const fixedCases =
  (cases: Readonly<Record<string, string>>) =>
  async (ctx: Context, caseId: string): Promise<{ id: string; siteId: string }> => {
    const siteId = Object.hasOwn(cases, caseId) ? cases[caseId] : undefined;
    if (!siteId || !scopeCoversSite(scopeOf(ctx.actor), siteId)) throw new AppError(ErrorCode.NotFound, 'Not found');
    return { id: caseId, siteId };
  };

export interface AttachmentsTestApp extends TestApp {
  /** Where the file store keeps the bytes. */
  readonly filesDir: string;
}

/**
 * The whole HTTP app with the attachments service bound to `fixedCases(cases)` and a file store in
 * a temporary directory (removed on close).
 */
export const buildAttachmentsTestApp = async (options: {
  cases: Readonly<Record<string, string>>;
  maxBytes?: number;
  maxFiles?: number;
  db?: Database;
}): Promise<AttachmentsTestApp> => {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const db = options.db ?? (await openSqlite({ dataDir: ':memory:' }));
  const temp = tempDir('redress-attachments-test-');
  const base = createDeps(testConfig(), db, clock);
  const deps: Deps = {
    ...base,
    attachments: createAttachmentService({
      store: unitOfWork(db, attachmentsRepository),
      files: createFsFileStore({ root: join(temp.dir, 'attachments') }),
      clock,
      requireVisibleCase: fixedCases(options.cases),
      ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}),
      ...(options.maxFiles ? { maxFiles: options.maxFiles } : {}),
    }),
  };
  const { app, routes } = await buildApp(deps, { logger: false });
  return {
    app,
    deps,
    routes,
    clock,
    filesDir: join(temp.dir, 'attachments'),
    close: async () => {
      await app.close();
      await db.close();
      temp.remove();
    },
  };
};

export interface FilePart {
  readonly filename: string;
  readonly content: Buffer | string;
  /** What the client claims; the server ignores it. */
  readonly contentType?: string;
  readonly field?: string;
}

/** A multipart/form-data body as a browser sends it (UTF-8 file names in `filename="…"`). */
export const multipart = (
  files: readonly FilePart[],
  fields: Readonly<Record<string, string>> = {},
): { payload: Buffer; headers: Record<string, string> } => {
  const boundary = `----redress${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? 'file'}"; filename="${file.filename}"\r\n` +
          `Content-Type: ${file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.isBuffer(file.content) ? file.content : Buffer.from(file.content),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
};

const pngChunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A real, valid `width`×`height` RGB PNG of one colour. */
export const pngBytes = (width = 4, height = 3): Buffer => {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit, truecolour, deflate, no filter, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0xc0)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header),
    pngChunk('IDAT', pixels),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
};

/** A real one-page PDF with a valid cross-reference table. */
export const pdfBytes = (): Buffer => {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
};

/** A real mono 8 kHz 16-bit WAV of `samples` samples of silence: what a call recording looks like. */
export const wavBytes = (samples = 800): Buffer => {
  const data = samples * 2;
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + data, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16); // fmt chunk size
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(8000, 24); // sample rate
  header.writeUInt32LE(16000, 28); // byte rate
  header.writeUInt16LE(2, 32); // block align
  header.writeUInt16LE(16, 34); // bits per sample
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(data, 40);
  return Buffer.concat([header, Buffer.alloc(data)]);
};

/** The start of a Windows executable: what a renamed `.exe` looks like to the sniffer. */
export const exeBytes = (): Buffer => {
  const dos = Buffer.alloc(256);
  dos.write('MZ', 0, 'latin1');
  dos.writeUInt32LE(0x80, 0x3c);
  dos.write('PE\0\0', 0x80, 'latin1');
  return dos;
};
