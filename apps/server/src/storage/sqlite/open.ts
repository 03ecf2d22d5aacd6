import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Kysely, sql, type KyselyPlugin } from 'kysely';
import type { Database } from '../database.ts';
import { migrate } from '../migrator.ts';
import type { Schema } from '../schema.ts';
import { NodeSqliteConnection, NodeSqliteDialect } from './driver.ts';
import { GroupCommitWriter, type UnitHandle } from './group-commit.ts';
import { lockDataDir, type DataDirLock } from './lock.ts';

export const DATABASE_FILE = 'redress.db';

/**
 * Refuses queries from a unit that has already settled. Without it, a query a failed unit left
 * running (an un-awaited promise) would land in the next unit's transaction on the shared writer.
 */
const revocable = (handle: UnitHandle): KyselyPlugin => ({
  transformQuery: (args) => {
    if (handle.revoked) throw new Error('This unit of work has already finished; its transaction is gone');
    return args.node;
  },
  transformResult: async (args) => args.result,
});

export interface SqliteOptions {
  /** Directory for `redress.db` and the lock; `':memory:'` for a throwaway in-process store. */
  readonly dataDir: string;
  readonly synchronous?: 'FULL' | 'NORMAL';
  /** Skip the data-directory lock — only for `backup`, which reads beside a running server. */
  readonly lock?: boolean;
  /** Skip migrations — for `backup`, which must not change the database it copies. */
  readonly migrate?: boolean;
}

const BUSY_TIMEOUT_MS = 5_000;

const openConnection = (
  file: string,
  synchronous: 'FULL' | 'NORMAL',
  busyTimeoutMs = BUSY_TIMEOUT_MS,
): DatabaseSync => {
  const db = new DatabaseSync(file, { timeout: busyTimeoutMs });
  const mode = db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode?: string } | undefined;
  if (file !== ':memory:' && mode?.journal_mode !== 'wal') {
    db.close();
    throw new Error(
      `SQLite could not switch ${file} to WAL mode (got ${mode?.journal_mode}); put the data directory on a local disk`,
    );
  }
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  db.exec('PRAGMA foreign_keys = ON');
  return db;
};

export interface SqliteDatabase extends Database {
  readonly dialect: 'sqlite';
  readonly file: string;
  /** Group-commit counters, for benchmarks and diagnostics. */
  readonly stats: GroupCommitWriter['stats'];
  /** A consistent copy of the live database, taken online with `VACUUM INTO`. */
  backupTo(target: string): Promise<void>;
}

/**
 * Opens (and migrates) the embedded database: WAL, foreign keys, busy timeout and
 * `synchronous=FULL` by default. One writer connection behind group commit, one reader
 * connection; an exclusive lock keeps a second process out of the data directory.
 */
export const openSqlite = async (options: SqliteOptions): Promise<SqliteDatabase> => {
  const memory = options.dataDir === ':memory:';
  const synchronous = options.synchronous ?? 'FULL';
  let lock: DataDirLock | undefined;
  if (!memory) {
    mkdirSync(options.dataDir, { recursive: true });
    if (options.lock !== false) lock = lockDataDir(options.dataDir);
  }
  const file = memory ? ':memory:' : join(options.dataDir, DATABASE_FILE);
  try {
    const writerRaw = openConnection(file, synchronous);
    const writerConnection = new NodeSqliteConnection(writerRaw);
    const writerDb = new Kysely<Schema>({ dialect: new NodeSqliteDialect(writerConnection) });
    if (options.migrate !== false) await migrate(writerDb, 'sqlite');
    // Query-planner statistics, which SQLite never gathers by itself: without them it may read a
    // per-case subquery through a low-selectivity index and scan every running clock per case.
    // 0x10002 is SQLite's advice for a long-lived connection at open: analyse, with a row limit,
    // the tables that need it. Before the reader opens, so it plans with the same statistics.
    writerRaw.exec('PRAGMA optimize = 0x10002');
    // From here the group-commit writer retries BEGIN on timers, so SQLite must not busy-wait.
    writerRaw.exec('PRAGMA busy_timeout = 0');

    // An in-memory database exists once per connection, so it reads through the writer.
    const readerRaw = memory ? writerRaw : openConnection(file, synchronous);
    const readerDb = memory
      ? writerDb
      : new Kysely<Schema>({ dialect: new NodeSqliteDialect(new NodeSqliteConnection(readerRaw)) });
    if (!memory) readerRaw.exec('PRAGMA query_only = ON');

    const writer = new GroupCommitWriter(writerConnection);

    return {
      dialect: 'sqlite',
      file,
      read: readerDb,
      stats: writer.stats,
      write: (work) => writer.submit((handle) => work(writerDb.withPlugin(revocable(handle)))),
      ping: async () => {
        await sql`SELECT 1`.execute(readerDb);
      },
      backupTo: async (target) => {
        await writer.drain();
        // Its own connection: VACUUM INTO reads one consistent snapshot while writers carry on.
        const connection = memory ? writerRaw : new DatabaseSync(file, { timeout: BUSY_TIMEOUT_MS });
        try {
          connection.exec(`VACUUM INTO '${target.replaceAll("'", "''")}'`);
        } finally {
          if (!memory) connection.close();
        }
      },
      close: async () => {
        await writer.drain();
        writer.close();
        if (!memory) readerRaw.close();
        writerRaw.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
};
