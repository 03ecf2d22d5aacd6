import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './database.ts';
import { migrate } from './migrator.ts';
import type { Schema } from './schema.ts';

export interface PostgresOptions {
  readonly url: string;
  readonly poolSize?: number;
  /** Told when an idle pooled connection is lost; the pool reconnects on its own. */
  readonly onIdleError?: (error: Error) => void;
}

/**
 * Opens (and migrates) PostgreSQL. Several Redress instances may share one database: migrations
 * take an advisory lock, and each `write` is an ordinary transaction.
 */
export const openPostgres = async (options: PostgresOptions): Promise<Database> => {
  const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
  // An idle client losing its connection (restart, failover, idle timeout) is routine: the pool
  // replaces it. Without a listener the 'error' event would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, 'postgres');
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return {
    dialect: 'postgres',
    read: db,
    write: (work) => db.transaction().execute(work),
    ping: async () => {
      await sql`SELECT 1`.execute(db);
    },
    close: () => db.destroy(),
  };
};
