import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import type { Database, DialectName } from '../src/storage/database.ts';
import { openPostgres } from '../src/storage/postgres.ts';
import { openSqlite } from '../src/storage/sqlite/open.ts';

/**
 * Test helpers for the two backends. SQLite always runs; PostgreSQL runs when `TEST_DATABASE_URL`
 * points at a server where the user may create databases (e.g.
 * `postgres://postgres@127.0.0.1:5432/postgres`), and is otherwise skipped with a visible message.
 * Every PostgreSQL test gets its own throwaway database, dropped afterwards.
 */

export const TEST_DATABASE_URL: string | undefined = process.env.TEST_DATABASE_URL || undefined;

export const PG_SKIP_MESSAGE = 'skipped: TEST_DATABASE_URL not set — PostgreSQL half not run';

/** For node:test's `skip` option: `test('…', { skip: pgSkip }, …)`. */
export const pgSkip: string | false = TEST_DATABASE_URL ? false : PG_SKIP_MESSAGE;

/** Anything that can run a cleanup when it ends: a `TestContext` (`t`). */
export interface Cleanup {
  after(fn: () => Promise<void>): void;
}

export interface TempPostgres {
  /** Connection string of the new, empty database. */
  readonly url: string;
  /** Drops it, disconnecting anyone still connected. Safe to call twice. */
  readonly drop: () => Promise<void>;
}

const adminQuery = async (adminUrl: string, text: string): Promise<void> => {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};

/** Creates an empty database `redress_test_<random>` on the `TEST_DATABASE_URL` server. */
export const createTempPostgres = async (adminUrl: string | undefined = TEST_DATABASE_URL): Promise<TempPostgres> => {
  if (!adminUrl) throw new Error(PG_SKIP_MESSAGE);
  const name = `redress_test_${randomBytes(6).toString('hex')}`;
  // template0: nobody is ever connected to it, so concurrent test files can all copy it at once.
  await adminQuery(adminUrl, `CREATE DATABASE ${name} TEMPLATE template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
};

/**
 * A fresh empty PostgreSQL database for one test (given `t`) or for the current suite/file, dropped
 * when it ends. Returns its URL — for child processes, or for your own `openPostgres`.
 *
 * The drop disconnects everyone (`WITH (FORCE)`), and node:test runs `after` hooks in the order
 * they were registered — so close your own pools before it (or use `openTempPostgres`), or the
 * pool's idle connections die with an unhandled error.
 */
export const withTempPostgres = async (t?: Cleanup): Promise<string> => {
  const temp = await createTempPostgres();
  if (t) t.after(temp.drop);
  else after(temp.drop);
  return temp.url;
};

/** A fresh embedded database in its own temp directory; `dispose` closes it and deletes the directory. */
const openTempSqlite = async (): Promise<{ db: Database; dispose: () => Promise<void> }> => {
  const dir = mkdtempSync(join(tmpdir(), 'redress-test-'));
  const db = await openSqlite({ dataDir: dir });
  return {
    db,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

const createMigratedPostgres = async (): Promise<{ url: string; db: Database; dispose: () => Promise<void> }> => {
  const temp = await createTempPostgres();
  try {
    const db = await openPostgres({ url: temp.url, poolSize: 5 });
    return {
      url: temp.url,
      db,
      dispose: async () => {
        await db.close();
        await temp.drop();
      },
    };
  } catch (error) {
    await temp.drop();
    throw error;
  }
};

/**
 * A fresh, migrated PostgreSQL `Database` and its URL (for child processes). When `t` ends (or the
 * suite, without `t`) the pool is closed first, then the database dropped.
 */
export const openTempPostgres = async (t?: Cleanup): Promise<{ url: string; db: Database }> => {
  const { url, db, dispose } = await createMigratedPostgres();
  if (t) t.after(dispose);
  else after(dispose);
  return { url, db };
};

/** One backend, as a suite written for both sees it. */
export interface Backend {
  readonly dialect: DialectName;
  /**
   * A fresh, migrated, empty `Database`. Closed (and its files or database removed) when `t` ends,
   * or when the suite ends if no `t` is given (e.g. opened in a `before` hook to share).
   */
  open(t?: Cleanup): Promise<Database>;
}

const backend = (dialect: DialectName): Backend & { disposeAll(): Promise<void> } => {
  const open = dialect === 'sqlite' ? openTempSqlite : createMigratedPostgres;
  const pending = new Set<() => Promise<void>>();
  return {
    dialect,
    async open(t) {
      const { db, dispose } = await open();
      pending.add(dispose);
      const disposeOnce = async () => {
        if (pending.delete(dispose)) await dispose();
      };
      t?.after(disposeOnce);
      return db;
    },
    async disposeAll() {
      for (const dispose of [...pending]) {
        pending.delete(dispose);
        await dispose();
      }
    },
  };
};

/**
 * Runs the suite `body` twice: on embedded SQLite, then on PostgreSQL — or shows the PostgreSQL
 * half as skipped (`PG_SKIP_MESSAGE`) when `TEST_DATABASE_URL` is not set. The body declares
 * tests as usual and calls `backend.open(t)` for a fresh database:
 *
 *   describeBothBackends('jobs runner', (backend) => {
 *     test('runs a due job', async (t) => { const db = await backend.open(t); … });
 *   });
 */
export const describeBothBackends = (name: string, body: (backend: Backend) => void): void => {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${dialect}]`, () => {
      if (dialect === 'postgres' && pgSkip) {
        // One visibly skipped test, so the skip also shows in the run's summary count.
        test('PostgreSQL', { skip: pgSkip }, () => {});
        return;
      }
      const b = backend(dialect);
      after(() => b.disposeAll());
      body(b);
    });
  }
};
