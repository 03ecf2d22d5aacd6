// `npm run bench`: measures the machine's ceilings, then Redress's store against them, and prints
// markdown tables. A benchmark never fails: anything that cannot run becomes a note under a table.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureHttpEcho } from './ceilings/http.ts';
import { openPostgresCeilings } from './ceilings/postgres.ts';
import { measureSqliteBatched, measureSqliteCommits } from './ceilings/sqlite.ts';
import { intakeAlone, intakeOnly, intakeSection } from './intake/section.ts';
import { sweeperOnly, sweeperSection } from './sweeper/sweeper.ts';
import { searchOnly, searchSection } from './search/search.ts';
import { analyzeOnly, analyzeSection } from './analyze/analyze.ts';
import { mailAlone, mailOnly, mailSection } from './mail/section.ts';
import { consoleAlone, consoleOnly, consoleSection } from './console/section.ts';
import { describeError } from './lib/errors.ts';
import { machineLine } from './lib/machine.ts';
import { adminUrl, createTempDatabase, describeServer, type TempDatabase } from './lib/postgres.ts';
import type { CeilingFigures } from './lib/standalone.ts';
import { newSeries, recordFailure, recordRound, typicalRound } from './lib/series.ts';
import { formatNumber, markdownTable } from './lib/table.ts';
import { CEILING_COLUMNS, ceilingRow, failureNotes, STORE_COLUMNS, storeRow } from './report.ts';
import { openPostgresStore } from './store/postgres.ts';
import { measureSqliteStore, type StoreMeasurement } from './store/sqlite.ts';

/** Loop sizes. Every loop also stops after 10 s (lib/load.ts), so the whole run stays near a minute. */
const COMMITS = 2_000;
const BATCH_ROWS = 100_000;
const BATCH_SIZE = 1_000;
const PG_CLIENTS = 16;
const HTTP_SECONDS = 5;
const HTTP_CONNECTIONS = 32;
const STORE_WRITES = 2_000;
const STORE_IN_FLIGHT = 64;
/** Redress's default `openPostgres` pool. */
const PG_POOL_SIZE = 10;
/** Interleaved rounds of each ceiling and the store rows compared with it; the median round is reported. */
const SQLITE_ROUNDS = 5;
const PG_ROUNDS = 5;

const print = (text: string): void => {
  process.stdout.write(`${text}\n`);
};

/** Progress goes to a terminal only, so piped output is exactly the report. */
const progress = (text: string): void => {
  if (process.stderr.isTTY) process.stderr.write(`… ${text}\n`);
};

/** The sections that can run alone, in the order they are looked for. */
const SECTIONS_ALONE: readonly {
  readonly name: string;
  readonly only: () => boolean;
  /** Whether the section talks over the network (loopback) at all. */
  readonly loopback: boolean;
  readonly run: (progress: (text: string) => void) => Promise<string>;
}[] = [
  // Intake: complaints over HTTP, with one round of its ceilings.
  { name: 'intake', only: intakeOnly, loopback: true, run: intakeAlone },
  // Mail: e-mail in and out and portal filing, with their ceilings.
  { name: 'mail', only: mailOnly, loopback: true, run: mailAlone },
  // Analyze: text analysis in process and through the CLI.
  { name: 'analyze', only: analyzeOnly, loopback: false, run: analyzeSection },
  // Sweeper: the sweeper, ceiling included.
  { name: 'sweeper', only: sweeperOnly, loopback: true, run: sweeperSection },
  // Search: a million cases per backend.
  { name: 'search', only: searchOnly, loopback: true, run: searchSection },
  // Console: the staff console's reads, live updates and bundle, with the echo ceiling.
  { name: 'console', only: consoleOnly, loopback: true, run: consoleAlone },
];

const main = async (): Promise<void> => {
  const startedAt = performance.now();
  // `npm run bench -- <section>` (or BENCH_ONLY=<section>): that section alone, with the ceilings it needs.
  const alone = SECTIONS_ALONE.find((section) => section.only());
  if (alone) {
    print(`# Redress benchmarks: ${alone.name} only`);
    print('');
    print(machineLine());
    print(`Run ${new Date().toISOString()}${alone.loopback ? ' · loopback only' : ''}`);
    print('');
    print(await alone.run(progress));
    print(`Total run time: ${formatNumber((performance.now() - startedAt) / 1000, 1)} s`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-'));
  print('# Redress benchmarks');
  print('');
  print(machineLine());
  print(`Run ${new Date().toISOString()} · SQLite files in ${dir} · loopback only`);
  print('');

  const admin = adminUrl();
  let pg: TempDatabase | undefined;
  let pgSkipped: string | undefined;
  try {
    pg = await createTempDatabase(admin);
  } catch (error) {
    pgSkipped = `PostgreSQL rows skipped: could not create a temporary database on ${describeServer(admin)} (${describeError(error)}).`;
  }
  const pgSync = pg?.syncMode ?? 'n/a';

  const ceiling = {
    a: newSeries(),
    b: newSeries(),
    c: newSeries(),
    d1: newSeries(),
    d2: newSeries(),
    d3: newSeries(),
    e: newSeries(),
  };
  const store = {
    fullSequential: newSeries<StoreMeasurement>(),
    fullConcurrent: newSeries<StoreMeasurement>(),
    normalSequential: newSeries<StoreMeasurement>(),
    normalConcurrent: newSeries<StoreMeasurement>(),
    pgSequential: newSeries(),
    pgConcurrent: newSeries(),
  };
  let httpFailures = 0;

  try {
    // SQLite: each ceiling and the store rows compared with it, round after round.
    for (let round = 1; round <= SQLITE_ROUNDS; round += 1) {
      progress(`SQLite round ${round}/${SQLITE_ROUNDS}`);
      for (const synchronous of ['FULL', 'NORMAL'] as const) {
        const full = synchronous === 'FULL';
        await recordRound(full ? ceiling.a : ceiling.b, () => measureSqliteCommits(dir, synchronous, COMMITS));
        await recordRound(full ? store.fullSequential : store.normalSequential, () =>
          measureSqliteStore(dir, { synchronous, count: STORE_WRITES, inFlight: 1 }),
        );
        await recordRound(full ? store.fullConcurrent : store.normalConcurrent, () =>
          measureSqliteStore(dir, { synchronous, count: STORE_WRITES, inFlight: STORE_IN_FLIGHT }),
        );
      }
    }
    progress('SQLite batched inserts');
    await recordRound(ceiling.c, () => measureSqliteBatched(dir, 'FULL', BATCH_ROWS, BATCH_SIZE));

    // PostgreSQL: the same pattern, in the temporary database.
    if (pg) {
      const pgSeries = [ceiling.d1, ceiling.d2, ceiling.d3, store.pgSequential, store.pgConcurrent];
      try {
        const ceilings = await openPostgresCeilings(pg.url, PG_CLIENTS);
        try {
          const pgStore = await openPostgresStore(pg.url, PG_POOL_SIZE);
          try {
            for (let round = 1; round <= PG_ROUNDS; round += 1) {
              progress(`PostgreSQL round ${round}/${PG_ROUNDS}`);
              await recordRound(ceiling.d1, () => ceilings.sequential(COMMITS));
              await recordRound(store.pgSequential, () => pgStore.measure({ count: STORE_WRITES, inFlight: 1 }));
              await recordRound(ceiling.d2, () => ceilings.concurrent(COMMITS));
              await recordRound(store.pgConcurrent, () =>
                pgStore.measure({ count: STORE_WRITES, inFlight: STORE_IN_FLIGHT }),
              );
            }
          } finally {
            await pgStore.close();
          }
          progress('PostgreSQL batched inserts');
          await recordRound(ceiling.d3, () => ceilings.batched(BATCH_ROWS, BATCH_SIZE));
        } finally {
          await ceilings.close();
        }
      } catch (error) {
        // Opening a pool or migrating failed: every PostgreSQL row without a figure says why.
        recordFailure(describeError(error), ...pgSeries.filter((series) => series.rounds.length === 0));
      }
    }

    progress('HTTP echo');
    await recordRound(ceiling.e, async () => {
      const result = await measureHttpEcho({ seconds: HTTP_SECONDS, connections: HTTP_CONNECTIONS });
      httpFailures = result.failures;
      return result;
    });
  } finally {
    if (pg) {
      try {
        await pg.drop();
      } catch (error) {
        print(`Could not drop temporary database ${pg.name}: ${describeError(error)}`);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  }

  const batchLabel = `${formatNumber(BATCH_ROWS)} rows, ${formatNumber(BATCH_SIZE)}-row transactions`;
  const oneInsert = '1 INSERT per transaction, sequential';
  print(
    markdownTable(
      'Machine ceilings',
      CEILING_COLUMNS,
      [
        ceilingRow('(a) node:sqlite', oneInsert, 'synchronous=FULL', 'commits/s', ceiling.a),
        ceilingRow('(b) node:sqlite', oneInsert, 'synchronous=NORMAL', 'commits/s', ceiling.b),
        ceilingRow('(c) node:sqlite', batchLabel, 'synchronous=FULL', 'rows/s', ceiling.c),
        ceilingRow('(d1) pg', '1 autocommit INSERT, sequential', pgSync, 'commits/s', ceiling.d1),
        ceilingRow('(d2) pg', `1 autocommit INSERT, ${PG_CLIENTS} clients (pg.Pool)`, pgSync, 'commits/s', ceiling.d2),
        ceilingRow('(d3) pg', `${batchLabel} (multi-row INSERT)`, pgSync, 'rows/s', ceiling.d3),
        ceilingRow(
          '(e) Fastify 5',
          `POST /echo, TypeBox body, ${HTTP_CONNECTIONS} connections, ${HTTP_SECONDS} s (autocannon)`,
          'n/a',
          'req/s',
          ceiling.e,
        ),
      ],
      [
        '- Rows are shaped like Redress `events` rows (same columns and indexes). Latency is per commit, except',
        '  (c) and (d3): per 1,000-row transaction, and (e): per request (autocannon, 1 ms resolution).',
        '- Ceilings and the store rows compared with them run in interleaved rounds; each row shows its',
        '  median-throughput round, and spread = half the throughput range over the median.',
        '- (e) runs the server in a child process, so server and load generator each have a core.',
        ...(pg ? [`- PostgreSQL: ${pg.settings}, temporary database ${pg.name} on ${describeServer(admin)}.`] : []),
        ...(pgSkipped ? [`- ${pgSkipped}`] : []),
        ...(httpFailures > 0 ? [`- (e) had ${formatNumber(httpFailures)} failed or non-2xx requests.`] : []),
        ...failureNotes([
          ['(a)', ceiling.a],
          ['(b)', ceiling.b],
          ['(c)', ceiling.c],
          ['(d1)', ceiling.d1],
          ['(d2)', ceiling.d2],
          ['(d3)', ceiling.d3],
          ['(e)', ceiling.e],
        ]),
      ],
    ),
  );

  const sqliteName = 'SQLite `openSqlite`';
  const pgName = `PostgreSQL \`openPostgres\` (pool ${PG_POOL_SIZE})`;
  const sequential = 'sequential (1 in flight)';
  const concurrent = `concurrent (${STORE_IN_FLIGHT} in flight)`;
  const groupCommit = (m: StoreMeasurement): string =>
    m.commitsPerWrite < 1
      ? `${formatNumber(m.commitsPerWrite, 3)} (≈${formatNumber(1 / m.commitsPerWrite)} writes/commit)`
      : formatNumber(m.commitsPerWrite, 3);
  const oneCommit = (): string => '1 †';
  print(
    markdownTable(
      'Redress store: `Database.write()` inserting one `events` row',
      STORE_COLUMNS,
      [
        storeRow(sqliteName, sequential, 'synchronous=FULL', store.fullSequential, groupCommit, {
          label: '(a)',
          series: ceiling.a,
        }),
        storeRow(sqliteName, concurrent, 'synchronous=FULL', store.fullConcurrent, groupCommit, {
          label: '(a)',
          series: ceiling.a,
        }),
        storeRow(sqliteName, sequential, 'synchronous=NORMAL', store.normalSequential, groupCommit, {
          label: '(b)',
          series: ceiling.b,
        }),
        storeRow(sqliteName, concurrent, 'synchronous=NORMAL', store.normalConcurrent, groupCommit, {
          label: '(b)',
          series: ceiling.b,
        }),
        storeRow(pgName, sequential, pgSync, store.pgSequential, oneCommit, { label: '(d1)', series: ceiling.d1 }),
        storeRow(pgName, concurrent, pgSync, store.pgConcurrent, oneCommit, { label: '(d2)', series: ceiling.d2 }),
      ],
      [
        '- Latency runs from the `write()` call to its resolved promise (after the durable COMMIT), so under',
        '  concurrency it includes waiting for the next batch or a pooled connection.',
        '- Commits/write = COMMITs issued ÷ writes acknowledged, from `db.stats`; below 1 means group commit',
        '  let concurrent writes share one COMMIT (one fsync on synchronous=FULL).',
        '- vs ceiling = median over rounds of writes/s ÷ the named ceiling measured in the same round;',
        '  above 1× is possible when writes share commits.',
        '- † PostgreSQL: every `write()` is its own transaction, so one COMMIT per write by construction.',
        ...(pgSkipped ? [`- ${pgSkipped}`] : []),
        ...failureNotes([
          ['SQLite FULL sequential', store.fullSequential],
          ['SQLite FULL concurrent', store.fullConcurrent],
          ['SQLite NORMAL sequential', store.normalSequential],
          ['SQLite NORMAL concurrent', store.normalConcurrent],
          ['PostgreSQL sequential', store.pgSequential],
          ['PostgreSQL concurrent', store.pgConcurrent],
        ]),
      ],
    ),
  );
  const figures: CeilingFigures = {
    echo: typicalRound(ceiling.e),
    commit: typicalRound(ceiling.a),
    echoConnections: HTTP_CONNECTIONS,
    echoSeconds: HTTP_SECONDS,
    source: `from the ceilings table above (median round; (a) of ${SQLITE_ROUNDS} rounds)`,
  };
  print(await intakeSection(figures, progress));
  print(await mailSection(figures, progress));
  print(await consoleSection(figures, progress));
  print(await sweeperSection(progress));
  print(await analyzeSection(progress));
  print(await searchSection(progress));
  print(`Total run time: ${formatNumber((performance.now() - startedAt) / 1000, 1)} s`);
};

try {
  await main();
} catch (error) {
  print(`Benchmark aborted: ${describeError(error)}`);
}
process.exitCode = 0;
// A lingering handle (a pool that would not close) must not keep the run alive; this timer itself does not.
setTimeout(() => process.exit(0), 5_000).unref();
