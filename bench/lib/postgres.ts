import { randomBytes } from 'node:crypto';
import pg from 'pg';

const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Fail fast when nothing listens, so a missing server costs seconds, not minutes. */
export const CONNECT_TIMEOUT_MS = 5_000;

/** The maintenance connection: `BENCH_DATABASE_URL`, else `TEST_DATABASE_URL`, else local trust auth. */
export const adminUrl = (): string => process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL || DEFAULT_URL;

/** `host:port` only — never a password in the printed report. */
export const describeServer = (url: string): string => {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}`;
  } catch {
    return 'an unparsable URL';
  }
};

export interface TempDatabase {
  readonly name: string;
  readonly url: string;
  /** e.g. `PostgreSQL 15.4, synchronous_commit=on, fsync=on`. */
  readonly settings: string;
  /** The durability settings alone, for the "sync mode" column. */
  readonly syncMode: string;
  /** Drops the database `WITH (FORCE)`; safe to call twice. */
  drop(): Promise<void>;
}

const withClient = async <T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A dropped connection emits 'error' on the client; the awaited query reports it instead.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/**
 * Creates `redress_bench_<random>` next to the admin database and describes the server's
 * durability settings, which decide what a commit costs.
 */
export const createTempDatabase = async (admin: string): Promise<TempDatabase> => {
  const name = `redress_bench_${randomBytes(6).toString('hex')}`;
  await withClient(admin, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(admin);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async (): Promise<void> => {
    if (dropped) return;
    dropped = true;
    await withClient(admin, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  };
  try {
    const show = await withClient(url.toString(), async (client) => {
      const setting = async (key: string): Promise<string> => {
        const result = await client.query<Record<string, string>>(`SHOW ${key}`);
        return result.rows[0]?.[key] ?? '?';
      };
      return {
        version: await setting('server_version'),
        synchronousCommit: await setting('synchronous_commit'),
        fsync: await setting('fsync'),
      };
    });
    const syncMode = `synchronous_commit=${show.synchronousCommit}, fsync=${show.fsync}`;
    return {
      name,
      url: url.toString(),
      settings: `PostgreSQL ${show.version.split(' ')[0]}, ${syncMode}`,
      syncMode,
      drop,
    };
  } catch (error) {
    await drop().catch(() => undefined);
    throw error;
  }
};
