import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { loopSync } from '../lib/load.ts';
import { benchEventRow, EVENT_COLUMNS, eventValues } from '../lib/rows.ts';
import type { Measurement } from '../lib/stats.ts';

export type Synchronous = 'FULL' | 'NORMAL';

/** The same columns and indexes as Redress's `events` table, so ceiling and store insert identical rows. */
const CREATE_TABLE = `
  CREATE TABLE ceiling_events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    subject_type TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    actor_id TEXT,
    request_id TEXT,
    payload TEXT NOT NULL,
    occurred_at TEXT NOT NULL
  );
  CREATE INDEX ceiling_events_subject_idx ON ceiling_events (subject_type, subject_id, seq);
  CREATE INDEX ceiling_events_type_idx ON ceiling_events (type, seq);
`;

const INSERT = `INSERT INTO ceiling_events (${EVENT_COLUMNS.join(', ')}) VALUES (${EVENT_COLUMNS.map(() => '?').join(', ')})`;

/** Each measurement gets a new file, so rounds never grow one another's tables. */
let files = 0;

const openFresh = (dir: string, name: string, synchronous: Synchronous): DatabaseSync => {
  const db = new DatabaseSync(join(dir, `${name}.db`));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(`PRAGMA synchronous = ${synchronous}`);
  db.exec(CREATE_TABLE);
  return db;
};

/**
 * Ceiling (a)/(b): one `BEGIN IMMEDIATE; INSERT; COMMIT` per row on a bare node:sqlite connection,
 * so each COMMIT pays the fsync (FULL) or only the WAL append (NORMAL). Latency is per commit.
 */
export const measureSqliteCommits = (dir: string, synchronous: Synchronous, count: number): Measurement => {
  const db = openFresh(dir, `commits-${synchronous.toLowerCase()}-${++files}`, synchronous);
  try {
    const insert = db.prepare(INSERT);
    return loopSync({ count, warmup: 50 }, () => {
      db.exec('BEGIN IMMEDIATE');
      insert.run(...eventValues(benchEventRow()));
      db.exec('COMMIT');
    });
  } finally {
    db.close();
  }
};

/**
 * Ceiling (c): `rows` rows in transactions of `batchSize`. Count is rows; latency is per transaction.
 */
export const measureSqliteBatched = (
  dir: string,
  synchronous: Synchronous,
  rows: number,
  batchSize: number,
): Measurement => {
  const db = openFresh(dir, `batched-${synchronous.toLowerCase()}-${++files}`, synchronous);
  try {
    const insert = db.prepare(INSERT);
    const batch = (): void => {
      db.exec('BEGIN IMMEDIATE');
      for (let i = 0; i < batchSize; i += 1) insert.run(...eventValues(benchEventRow()));
      db.exec('COMMIT');
    };
    const perTransaction = loopSync({ count: Math.ceil(rows / batchSize), warmup: 1 }, batch);
    return {
      ...perTransaction,
      count: perTransaction.count * batchSize,
      perSecond: perTransaction.perSecond * batchSize,
    };
  } finally {
    db.close();
  }
};
