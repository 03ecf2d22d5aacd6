import type { Readable } from 'node:stream';

/** What the store recorded about bytes it now holds. */
export interface StoredFile {
  /** Bytes. */
  readonly size: number;
  /** Hex SHA-256 of the bytes, computed while they were written. */
  readonly sha256: string;
}

/**
 * Where attachment bytes live: the data directory today (`storage/files/`), an object store later.
 * Keys are opaque, `[A-Za-z0-9_-]{1,100}`; the attachments module uses the attachment id.
 */
export interface FileStore {
  /**
   * Stores `content` under `key` and resolves only once the bytes are durable (they survive a
   * crash), so a database row may then point at them. When `content` errors or is destroyed, the
   * promise rejects and nothing is kept.
   */
  put(key: string, content: Readable | Buffer): Promise<StoredFile>;
  /** The bytes under `key`; the stream errors if there are none. */
  get(key: string): Readable;
  /** Removes the bytes under `key`; nothing happens when there are none. */
  delete(key: string): Promise<void>;
}
