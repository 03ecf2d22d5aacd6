import type { Database } from './database.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite/open.ts';

export type { Database, Tx, DialectName } from './database.ts';
export type { Schema } from './schema.ts';

export interface StorageConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly sqliteSynchronous?: 'FULL' | 'NORMAL';
  /**
   * Take the embedded data directory's exclusive lock (default). Servers do; one-shot CLI commands
   * do not, so `user create` works beside a running server through SQLite's own locking.
   */
  readonly lock?: boolean;
  /** PostgreSQL: told when an idle pooled connection drops (the pool reconnects by itself). */
  readonly onIdleError?: (error: Error) => void;
}

/** PostgreSQL when a URL is configured, otherwise the embedded database in `dataDir`. */
export const openDatabase = (config: StorageConfig): Promise<Database> =>
  config.databaseUrl
    ? openPostgres({ url: config.databaseUrl, ...(config.onIdleError ? { onIdleError: config.onIdleError } : {}) })
    : openSqlite({
        dataDir: config.dataDir,
        lock: config.lock ?? true,
        ...(config.sqliteSynchronous ? { synchronous: config.sqliteSynchronous } : {}),
      });
