// The sweeper section of the benchmarks (`BENCH_ONLY=sweeper` or `npm run bench -- sweeper`):
// 1,000,000 open cases, each with a resolve clock, of which 10,000 are due; the time to find and
// process those 10,000 (a `clock.warned` event each, written conditionally, in batches) on SQLite
// and on PostgreSQL, beside a ceiling measured on the same database in the same run: one bare
// indexed `UPDATE … WHERE id IN (…)` touching 10,000 other clock rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { sweepDueClocks } from '../../apps/server/src/modules/clocks/index.ts';
import { systemContext } from '../../apps/server/src/shared/unit-of-work.ts';
import type { Database } from '../../apps/server/src/storage/database.ts';
import { openPostgres } from '../../apps/server/src/storage/postgres.ts';
import { clocksRepository } from '../../apps/server/src/storage/repositories/clocks.repository.ts';
import { openSqlite } from '../../apps/server/src/storage/sqlite/open.ts';
import { unitOfWork } from '../../apps/server/src/storage/unit-of-work.ts';
import { describeError } from '../lib/errors.ts';
import { adminUrl, createTempDatabase, describeServer } from '../lib/postgres.ts';
import { formatMs, formatNumber, markdownTable } from '../lib/table.ts';
import { sectionOnly } from '../lib/only.ts';

const CASES = 1_000_000;
const DUE = 10_000;
const BATCH = 500;

/** True when only this section should run. */
export const sweeperOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('sweeper', argv, env);

interface SweeperResult {
  readonly backend: string;
  readonly seedMs: number;
  readonly sweepMs: number;
  readonly processed: number;
  readonly batches: number;
  readonly ceilingMs: number;
}

/**
 * Seeds one user, one customer, `CASES` open cases and one resolve clock per case in bulk
 * (INSERT … SELECT over a generated series): clocks 1…DUE are due a minute ago (their 50 %
 * warning), the rest in a day.
 */
const seed = async (db: Database, now: Date): Promise<void> => {
  const pg = db.dialect === 'postgres';
  const t = (at: Date) => (pg ? sql`${at.toISOString()}::timestamptz` : sql`${at.toISOString()}`);
  const nowIso = t(now);
  const started = t(new Date(now.getTime() - 60 * 60_000));
  const dueNow = t(new Date(now.getTime() - 60_000));
  const dueLater = t(new Date(now.getTime() + 24 * 3_600_000));
  const breach = t(new Date(now.getTime() + 60 * 60_000));
  const json = (text: string) => (pg ? sql`${text}::jsonb` : sql`${text}`);
  const series = pg
    ? sql`SELECT n FROM generate_series(1, ${CASES}) AS n`
    : sql`WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < ${CASES}) SELECT n FROM s`;
  const pad = (expr: string) => (pg ? sql.raw(`lpad(${expr}::text, 7, '0')`) : sql.raw(`printf('%07d', ${expr})`));
  await db.write(async (tx) => {
    await sql`INSERT INTO users (id, email, name, role, locale, created_at, updated_at)
      VALUES ('usr_bench', 'bench@example.test', 'Bench', 'agent', 'en', ${nowIso}, ${nowIso})`.execute(tx);
    await sql`INSERT INTO customers (id, name, search_name, notes_what_matters, consent, created_at, updated_at)
      VALUES ('cus_bench', 'Bench', 'bench', ${json('[]')}, ${json('{}')}, ${nowIso}, ${nowIso})`.execute(tx);
    await sql`INSERT INTO cases (id, ref, status, customer_id, channel, description, severity, safety, priority,
        owner_id, created_at, updated_at)
      SELECT 'case_' || ${pad('n')}, 'C-2026-' || ${pad('n')}, 'investigating', 'cus_bench', 'web', 'bench',
        'medium', ${pg ? sql`false` : sql`0`}, 'normal', 'usr_bench', ${nowIso}, ${nowIso}
      FROM (${series}) AS g`.execute(tx);
    await sql`INSERT INTO service_clocks (id, case_id, key, kind, cycle, started_at, target_minutes, paused_minutes,
        due_at, warn_percents, warnings_sent, next_alert_at, state, created_at, updated_at)
      SELECT 'clk_' || ${pad('n')}, 'case_' || ${pad('n')}, 'resolve', 'resolve', 1, ${started}, 120, 0,
        ${breach}, ${json('[50]')}, 0, CASE WHEN n <= ${DUE} THEN ${dueNow} ELSE ${dueLater} END, 'running',
        ${nowIso}, ${nowIso}
      FROM (${series}) AS g`.execute(tx);
  });
  // Fresh statistics, as a long-running database would have (the read side of SQLite is read-only).
  await db.write((tx) => sql`ANALYZE`.execute(tx));
};

/** The ceiling: one transaction of bare indexed updates (500 ids per statement) over 10,000 not-due rows. */
const ceiling = async (db: Database, now: Date): Promise<number> => {
  const ids = Array.from({ length: DUE }, (_, i) => `clk_${String(CASES - i).padStart(7, '0')}`);
  const at = now.toISOString();
  const started = performance.now();
  await db.write(async (tx) => {
    for (let i = 0; i < ids.length; i += BATCH) {
      await tx
        .updateTable('service_clocks')
        .set({ updated_at: at })
        .where('id', 'in', ids.slice(i, i + BATCH))
        .execute();
    }
  });
  return performance.now() - started;
};

const measure = async (backend: string, db: Database): Promise<SweeperResult> => {
  const now = new Date();
  let started = performance.now();
  await seed(db, now);
  const seedMs = performance.now() - started;
  const store = unitOfWork(db, (tx) => ({ clocks: clocksRepository(tx) }));
  started = performance.now();
  const result = await sweepDueClocks(store, systemContext('bench'), now, { batchSize: BATCH, maxBatches: 1_000 });
  const sweepMs = performance.now() - started;
  const ceilingMs = await ceiling(db, now);
  return { backend, seedMs, sweepMs, processed: result.warned + result.breached, batches: result.batches, ceilingMs };
};

/** Runs the section on both backends and returns its table; never throws. */
export const sweeperSection = async (progress: (text: string) => void): Promise<string> => {
  const results: SweeperResult[] = [];
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-sweeper-'));
  try {
    progress('sweeper: SQLite');
    const db = await openSqlite({ dataDir: dir });
    try {
      results.push(await measure('SQLite (embedded, file)', db));
    } finally {
      await db.close();
    }
  } catch (error) {
    notes.push(`- SQLite failed: ${describeError(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const admin = adminUrl();
  try {
    progress('sweeper: PostgreSQL');
    const temp = await createTempDatabase(admin);
    try {
      const db = await openPostgres({ url: temp.url });
      try {
        results.push(await measure(`PostgreSQL (${temp.syncMode})`, db));
      } finally {
        await db.close();
      }
    } finally {
      await temp.drop();
    }
  } catch (error) {
    notes.push(`- PostgreSQL on ${describeServer(admin)} skipped or failed: ${describeError(error)}`);
  }
  return markdownTable(
    `Sweeper: ${formatNumber(DUE)} due clocks among ${formatNumber(CASES)} open cases`,
    [
      { header: 'backend' },
      { header: 'seed (s)', align: 'right' },
      { header: 'alerts recorded', align: 'right' },
      { header: 'batches', align: 'right' },
      { header: 'find + process (ms)', align: 'right' },
      { header: 'alerts/s', align: 'right' },
      { header: 'ceiling: bare UPDATE of 10,000 rows (ms)', align: 'right' },
      { header: 'vs ceiling', align: 'right' },
    ],
    results.map((r) => [
      r.backend,
      formatNumber(r.seedMs / 1000, 1),
      r.processed,
      r.batches,
      formatMs(r.sweepMs),
      formatNumber((r.processed * 1000) / r.sweepMs),
      formatMs(r.ceilingMs),
      `${formatNumber(r.sweepMs / r.ceilingMs, 1)}× slower`,
    ]),
    [
      `- One resolve clock per case; clocks 1…${formatNumber(DUE)} have their 50 % warning due. Seeding is one`,
      '  INSERT … SELECT per table over a generated series (not part of the timing).',
      `- Find + process: \`sweepDueClocks\` in ${BATCH}-clock transactions — select due rows by \`next_alert_at\``,
      '  (PostgreSQL: FOR UPDATE SKIP LOCKED), one UPDATE per batch that writes each row only if it is still as',
      '  read, and one multi-row INSERT of the `clock.warned` events for the rows it really wrote.',
      `- Ceiling: one transaction of bare \`UPDATE … WHERE id IN (${BATCH} ids)\` statements over ${formatNumber(DUE)}`,
      '  other clock rows on the same database — the write floor without the select, the checks or the events.',
      ...notes,
    ],
  );
};
