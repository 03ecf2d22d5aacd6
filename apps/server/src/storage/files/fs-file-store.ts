import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStore, StoredFile } from '../../modules/attachments/index.ts';

/** The few file-system calls the store makes, replaceable so a test can watch their order. */
export interface FileIo {
  readonly open: typeof fsp.open;
  readonly rename: typeof fsp.rename;
  readonly rm: typeof fsp.rm;
  readonly mkdir: typeof fsp.mkdir;
}

const realIo: FileIo = { open: fsp.open, rename: fsp.rename, rm: fsp.rm, mkdir: fsp.mkdir };

const KEY = /^[A-Za-z0-9_-]{1,100}$/;

const checkKey = (key: string): string => {
  if (!KEY.test(key)) throw new Error(`Not a file-store key: ${JSON.stringify(key)}`);
  return key;
};

/** Leftover partial writes (from a crash mid-upload) older than this are removed when the store starts. */
const STALE_PART_MS = 24 * 60 * 60 * 1000;

export interface FsFileStoreOptions {
  /** The directory holding the files, normally `<dataDir>/attachments`. Created when first needed. */
  readonly root: string | (() => string);
  readonly io?: FileIo;
}

/**
 * The file store in a directory. Each file is written to `tmp/` under a unique name, fsynced,
 * renamed to `<last two key characters>/<key>` and the directory fsynced: once `put` resolves the
 * bytes survive a crash, and a reader never sees a half-written file. The database row is written
 * after that, so a row never points at bytes that are not there (a crash in between leaves an
 * unreferenced file, never a dangling row).
 *
 * With PostgreSQL several instances may serve one database: they then need this directory on a
 * shared volume (or a future object-store implementation of `FileStore`).
 */
export const createFsFileStore = ({ root, io = realIo }: FsFileStoreOptions): FileStore => {
  let resolvedRoot: string | undefined;
  let prepared: Promise<void> | undefined;
  const dirs = new Map<string, Promise<void>>();
  const rootDir = (): string => (resolvedRoot ??= typeof root === 'string' ? root : root());

  const syncDir = async (dir: string): Promise<void> => {
    const handle = await io.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  };

  /** `mkdir -p` once per directory; a new directory's parent is fsynced so its entry is durable too. */
  const ensureDir = (dir: string, parent: string): Promise<void> => {
    let ready = dirs.get(dir);
    if (!ready) {
      ready = (async () => {
        const created = await io.mkdir(dir, { recursive: true });
        if (created !== undefined) await syncDir(parent);
      })();
      ready.catch(() => dirs.delete(dir));
      dirs.set(dir, ready);
    }
    return ready;
  };

  const removeStaleParts = async (tmp: string): Promise<void> => {
    const cutoff = Date.now() - STALE_PART_MS;
    for (const name of await fsp.readdir(tmp)) {
      const path = join(tmp, name);
      const stat = await fsp.stat(path).catch(() => undefined);
      if (stat && stat.mtimeMs < cutoff) await io.rm(path, { force: true });
    }
  };

  const prepare = (): Promise<void> => {
    prepared ??= (async () => {
      const base = rootDir();
      if ((await io.mkdir(base, { recursive: true })) !== undefined) await syncDir(dirname(base));
      await ensureDir(join(base, 'tmp'), base);
      await removeStaleParts(join(base, 'tmp'));
    })();
    prepared.catch(() => (prepared = undefined));
    return prepared;
  };

  const pathOf = (key: string): { dir: string; path: string } => {
    const dir = join(rootDir(), checkKey(key).slice(-2).toLowerCase());
    return { dir, path: join(dir, key) };
  };

  const writeAll = async (handle: fsp.FileHandle, chunk: Buffer): Promise<void> => {
    let offset = 0;
    while (offset < chunk.length) {
      const { bytesWritten } = await handle.write(chunk, offset, chunk.length - offset);
      offset += bytesWritten;
    }
  };

  return {
    async put(key: string, content: Readable | Buffer): Promise<StoredFile> {
      checkKey(key);
      await prepare();
      const { dir, path } = pathOf(key);
      await ensureDir(dir, rootDir());
      const temp = join(rootDir(), 'tmp', `${key}.${randomBytes(6).toString('hex')}.part`);
      const hash = createHash('sha256');
      let size = 0;
      const handle = await io.open(temp, 'wx', 0o600);
      try {
        try {
          const chunks: AsyncIterable<unknown> | Iterable<Buffer> = Buffer.isBuffer(content) ? [content] : content;
          for await (const raw of chunks) {
            const chunk = Buffer.isBuffer(raw) ? raw : Buffer.from(raw as Uint8Array);
            hash.update(chunk);
            size += chunk.length;
            await writeAll(handle, chunk);
          }
          await handle.sync();
        } finally {
          await handle.close();
        }
        await io.rename(temp, path);
      } catch (error) {
        await io.rm(temp, { force: true });
        if (!Buffer.isBuffer(content)) content.destroy();
        throw error;
      }
      await syncDir(dir);
      return { size, sha256: hash.digest('hex') };
    },

    get(key: string): Readable {
      return createReadStream(pathOf(key).path);
    },

    async delete(key: string): Promise<void> {
      await io.rm(pathOf(key).path, { force: true });
    },
  };
};

const scratchDirs = new Set<string>();
let cleanupRegistered = false;

/** A temporary directory removed when the process exits: for the throwaway `:memory:` store. */
const scratchDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'redress-attachments-'));
  scratchDirs.add(dir);
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    process.once('exit', () => {
      for (const path of scratchDirs) rmSync(path, { recursive: true, force: true });
    });
  }
  return dir;
};

/**
 * The file store for a data directory: `<dataDir>/attachments`, or — for the `:memory:` test
 * database — a temporary directory made on first use and removed when the process exits.
 */
export const fileStoreFor = (dataDir: string): FileStore =>
  createFsFileStore({ root: dataDir === ':memory:' ? scratchDir : join(dataDir, 'attachments') });
