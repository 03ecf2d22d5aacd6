import pg from 'pg';
import { loopAsync } from '../lib/load.ts';
import { CONNECT_TIMEOUT_MS } from '../lib/postgres.ts';
import { benchEventRow, EVENT_COLUMNS, eventValues } from '../lib/rows.ts';
import type { Measurement } from '../lib/stats.ts';

/** The same columns, types and indexes as Redress's `events` table on PostgreSQL. */
const CREATE_TABLE = `
  CREATE TABLE ceiling_events (
    seq bigserial PRIMARY KEY,
    id text NOT NULL UNIQUE,
    type text NOT NULL,
    subject_type text NOT NULL,
    subject_id text NOT NULL,
    actor_id text,
    request_id text,
    payload jsonb NOT NULL,
    occurred_at timestamptz NOT NULL
  );
  CREATE INDEX ceiling_events_subject_idx ON ceiling_events (subject_type, subject_id, seq);
  CREATE INDEX ceiling_events_type_idx ON ceiling_events (type, seq);
`;

const placeholders = (rows: number): string =>
  Array.from(
    { length: rows },
    (_, row) => `(${EVENT_COLUMNS.map((_column, i) => `$${row * EVENT_COLUMNS.length + i + 1}`).join(', ')})`,
  ).join(', ');

const insertQuery = (rows: number): pg.QueryConfig => ({
  // Named, so each connection parses and plans it once: the best the driver can do.
  name: `ceiling-insert-${rows}`,
  text: `INSERT INTO ceiling_events (${EVENT_COLUMNS.join(', ')}) VALUES ${placeholders(rows)}`,
});

/** Ceiling (d): what the `pg` driver alone gets out of this server for the rows Redress writes. */
export interface PostgresCeilings {
  /** One autocommit INSERT at a time on one connection; count = commits, latency per commit. */
  sequential(count: number): Promise<Measurement>;
  /** Autocommit INSERTs from every pooled connection at once; count = commits, latency per commit. */
  concurrent(count: number): Promise<Measurement>;
  /** Multi-row INSERTs, each its own transaction; count = rows, latency per statement. */
  batched(rows: number, batchSize: number): Promise<Measurement>;
  close(): Promise<void>;
}

/** Opens a pool of `clients` connections to `url` and creates the ceiling table. */
export const openPostgresCeilings = async (url: string, clients: number): Promise<PostgresCeilings> => {
  const pool = new pg.Pool({ connectionString: url, max: clients, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // Idle clients report a lost server here; the next query reports it to the benchmark.
  pool.on('error', () => undefined);
  try {
    await pool.query(CREATE_TABLE);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const single = insertQuery(1);
  const insertOne = (run: (query: pg.QueryConfig) => Promise<unknown>): Promise<unknown> =>
    run({ ...single, values: eventValues(benchEventRow()) });

  return {
    sequential: async (count) => {
      const client = await pool.connect();
      try {
        return await loopAsync({ count, warmup: 50, inFlight: 1 }, () => insertOne((q) => client.query(q)));
      } finally {
        client.release();
      }
    },
    concurrent: async (count) => {
      // Open every connection before the clock starts, so connection setup is not measured.
      const held = await Promise.all(Array.from({ length: clients }, () => pool.connect()));
      await Promise.all(held.map((client) => insertOne((q) => client.query(q))));
      for (const client of held) client.release();
      return loopAsync({ count, inFlight: clients }, () => insertOne((q) => pool.query(q)));
    },
    batched: async (rows, batchSize) => {
      const many = insertQuery(batchSize);
      const perStatement = await loopAsync({ count: Math.ceil(rows / batchSize), warmup: 1, inFlight: 1 }, () =>
        pool.query({ ...many, values: Array.from({ length: batchSize }, () => eventValues(benchEventRow())).flat() }),
      );
      return {
        ...perStatement,
        count: perStatement.count * batchSize,
        perSecond: perStatement.perSecond * batchSize,
      };
    },
    close: () => pool.end(),
  };
};
