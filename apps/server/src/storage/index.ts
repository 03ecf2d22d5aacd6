import type { Database } from './database.ts';
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite/open.ts';

export type { Database, Tx, DialectName } from './database.ts';
export type { Schema } from './schema.ts';

export interface StorageConfig {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly sqliteSynchronous?: 'FULL' | 'NORMAL';
}

/** PostgreSQL when a URL is configured, otherwise the embedded database in `dataDir`. */
export const openDatabase = (config: StorageConfig): Promise<Database> =>
  config.databaseUrl
    ? openPostgres({ url: config.databaseUrl })
    : openSqlite({ dataDir: config.dataDir, ...(config.sqliteSynchronous ? { synchronous: config.sqliteSynchronous } : {}) });
