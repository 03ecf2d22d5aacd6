// The search section of the benchmarks (`BENCH_ONLY=search` or `npm run bench -- search`): a
// million synthetic complaints in four languages seeded straight into `cases` and the index tables
// (bulk, not through the API), then query latency through the search service — the same code
// `GET /api/v1/search` runs, ranking, visibility, filters, snippets and all — on the embedded
// database and on PostgreSQL. Sizes: BENCH_SEARCH_CASES (default 1,000,000) and
// BENCH_SEARCH_PG_CASES (default the same). Under it, the ceilings: the bare index lookup for a few of
// the same queries (ceiling.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SearchQuery } from '@redress/contract';
import { createSearchService } from '../../apps/server/src/modules/search/index.ts';
import { toTraditional } from '../../apps/server/src/shared/text/fold.ts';
import type { Context } from '../../apps/server/src/shared/unit-of-work.ts';
import type { Database } from '../../apps/server/src/storage/database.ts';
import { openPostgres } from '../../apps/server/src/storage/postgres.ts';
import { searchRepository } from '../../apps/server/src/storage/repositories/search.repository.ts';
import { openSqlite } from '../../apps/server/src/storage/sqlite/open.ts';
import { unitOfWork } from '../../apps/server/src/storage/unit-of-work.ts';
import { describeError } from '../lib/errors.ts';
import { machineLine } from '../lib/machine.ts';
import { adminUrl, createTempDatabase, describeServer } from '../lib/postgres.ts';
import { percentile } from '../lib/stats.ts';
import { formatMs, formatNumber, markdownTable } from '../lib/table.ts';
import {
  ceilingTable,
  openPostgresLookup,
  openSqliteLookup,
  timeLookup,
  type CeilingResult,
  type CeilingRow,
  type IndexLookup,
} from './ceiling.ts';
import { seedSearchCorpus, SEED_SITES } from './seed.ts';
import { sectionOnly } from '../lib/only.ts';

const envCount = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const SQLITE_CASES = envCount('BENCH_SEARCH_CASES', 1_000_000);
const PG_CASES = envCount('BENCH_SEARCH_PG_CASES', SQLITE_CASES);
const WARMUP = 3;
const RUNS = 40;

/** True when only this section should run. */
export const searchOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('search', argv, env);

interface BenchQuery {
  readonly label: string;
  readonly query: SearchQuery;
  /** The brand-wide actor instead of the agent with two of four sites. */
  readonly brandWide?: boolean;
  /** Also time the bare index lookup for its terms (the ceiling table). */
  readonly ceiling?: true;
}

/** The query mix: rare and common words in each language, phrases, both scripts, filters, the scan. */
const queries = (seededAt: Date, cases: number): BenchQuery[] => {
  const recent = new Date(seededAt.getTime() + Math.floor(cases * 0.9) * 1000).toISOString();
  return [
    { label: 'en rare word (1 in 2,000 texts)', query: { q: 'sunroof' }, ceiling: true },
    { label: 'en common word', query: { q: 'order' }, ceiling: true },
    { label: 'en mid-frequency word', query: { q: 'kettle' }, ceiling: true },
    { label: 'en two words ANDed', query: { q: 'late refund' } },
    { label: 'en phrase', query: { q: '"order refund"' } },
    { label: 'zh rare word, Simplified query (both scripts)', query: { q: '榴莲' } },
    { label: 'zh common word', query: { q: '退款' } },
    { label: 'zh mid word, Traditional query', query: { q: toTraditional('微波炉') } },
    { label: 'zh 4-character phrase (3 bigrams)', query: { q: '订单快递' }, ceiling: true },
    { label: 'th rare word', query: { q: 'ทุเรียน' } },
    { label: 'th common word', query: { q: 'คืนเงิน' }, ceiling: true },
    { label: 'th mid word', query: { q: 'ตู้เย็น' } },
    { label: 'common word + status filter', query: { q: 'order', status: 'investigating' } },
    { label: 'common word + site filter', query: { q: '退款', siteId: SEED_SITES[0] } },
    { label: 'rare word + date range', query: { q: 'sunroof', from: recent } },
    { label: 'brand-wide: zh common word', query: { q: '退款' }, brandWide: true },
    { label: 'fallback scan: one Han character', query: { q: '芒' } },
  ];
};

interface Row {
  readonly label: string;
  readonly samples: number[];
  readonly hits: number;
  readonly limited: boolean;
}

interface BackendResult {
  readonly backend: string;
  readonly cases: number;
  readonly seedMs: number;
  readonly rows: Row[];
  readonly ceiling?: CeilingResult;
}

const measure = async (
  backend: string,
  db: Database,
  cases: number,
  openLookup: () => Promise<IndexLookup>,
  progress: (t: string) => void,
  notes: string[],
) => {
  const seededAt = new Date('2025-01-01T00:00:00.000Z');
  const started = performance.now();
  await seedSearchCorpus(db, cases, seededAt, (done) => progress(`search: ${backend} seeded ${formatNumber(done)}`));
  const seedMs = performance.now() - started;
  const service = createSearchService({ store: unitOfWork(db, searchRepository) });
  const agent: Context = {
    requestId: null,
    actor: {
      kind: 'user',
      userId: 'usr_bench',
      role: 'agent',
      via: 'token',
      scope: { allSites: false, siteIds: SEED_SITES.slice(0, 2), teamIds: [] },
    },
  };
  const brand: Context = {
    requestId: null,
    actor: {
      kind: 'user',
      userId: 'usr_bench',
      role: 'quality_analyst',
      via: 'token',
      scope: { allSites: true, siteIds: [], teamIds: [] },
    },
  };
  const rows: Row[] = [];
  const ceilingRows: CeilingRow[] = [];
  let lookup: IndexLookup | undefined;
  try {
    lookup = await openLookup();
  } catch (error) {
    notes.push(`- ${backend} ceiling skipped: ${describeError(error)}`);
  }
  for (const { label, query, brandWide, ceiling } of queries(seededAt, cases)) {
    progress(`search: ${backend} ${label}`);
    const ctx = brandWide ? brand : agent;
    const samples: number[] = [];
    let hits = 0;
    let limited = false;
    for (let i = 0; i < WARMUP + RUNS; i += 1) {
      const t0 = performance.now();
      const result = await service.search(ctx, query);
      const ms = performance.now() - t0;
      if (i >= WARMUP) samples.push(ms);
      hits = result.items.length;
      limited = result.limited;
    }
    rows.push({ label, samples, hits, limited });
    if (ceiling && lookup) {
      progress(`search: ${backend} ceiling ${label}`);
      try {
        const bare = await timeLookup(lookup, query.q, WARMUP, RUNS);
        ceilingRows.push({ label, q: query.q, service: samples, ceiling: bare.samples, rows: bare.rows });
      } catch (error) {
        notes.push(`- ${backend} ceiling for "${label}" failed: ${describeError(error)}`);
      }
    }
  }
  await lookup?.close();
  const ceiling = lookup ? { backend, lookup: lookup.name, rows: ceilingRows } : undefined;
  return { backend, cases, seedMs, rows, ceiling } satisfies BackendResult;
};

const summary = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};

/** Runs the section on both backends and returns its table; never throws. */
export const searchSection = async (progress: (text: string) => void): Promise<string> => {
  const results: BackendResult[] = [];
  const notes: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-search-'));
  try {
    const db = await openSqlite({ dataDir: dir });
    try {
      results.push(await measure('SQLite', db, SQLITE_CASES, () => openSqliteLookup(dir), progress, notes));
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
    const temp = await createTempDatabase(admin);
    try {
      const db = await openPostgres({ url: temp.url });
      try {
        results.push(await measure('PostgreSQL', db, PG_CASES, () => openPostgresLookup(temp.url), progress, notes));
      } finally {
        await db.close();
      }
    } finally {
      await temp.drop();
    }
  } catch (error) {
    notes.push(`- PostgreSQL on ${describeServer(admin)} skipped or failed: ${describeError(error)}`);
  }

  const columns = [
    { header: 'query' },
    ...results.flatMap((r) => [
      { header: `${r.backend} p50 ms`, align: 'right' as const },
      { header: `p95`, align: 'right' as const },
      { header: `p99`, align: 'right' as const },
      { header: `hits`, align: 'right' as const },
    ]),
  ];
  const labels = results[0]?.rows.map((r) => r.label) ?? [];
  const body = labels.map((label) => [
    label,
    ...results.flatMap((r) => {
      const row = r.rows.find((x) => x.label === label);
      if (!row) return [undefined, undefined, undefined, undefined];
      const s = summary(row.samples);
      return [formatMs(s.p50), formatMs(s.p95), formatMs(s.p99), `${row.hits}${row.limited ? ' †' : ''}`];
    }),
  ]);
  const all = results.map((r) => summary(r.rows.flatMap((row) => row.samples)));
  body.push([
    '**all queries (the mix)**',
    ...all.flatMap((s) => [formatMs(s.p50), `**${formatMs(s.p95)}**`, formatMs(s.p99), '']),
  ]);
  const ceilings = results.flatMap((r) => (r.ceiling ? [r.ceiling] : []));
  const main = markdownTable(
    `Search: query latency over ${results.map((r) => `${formatNumber(r.cases)} cases (${r.backend})`).join(' and ') || 'no backend'}`,
    columns,
    body,
    [
      machineLine(),
      ...results.map(
        (r) =>
          `- ${r.backend}: ${formatNumber(r.cases)} cases in four languages (a quarter each), seeded in bulk in ${formatNumber(r.seedMs / 1000, 1)} s (not timed below).`,
      ),
      `- Each query: ${WARMUP} warm-up runs, then ${RUNS} timed runs through the search service (\`GET /api/v1/search\` without HTTP):`,
      '  index match, visibility and filters in SQL, ranking, loading the page of 20 cases and their snippets.',
      '- The searcher is an agent who sees two of the four sites, unless marked brand-wide.',
      '- † ranked among the newest 1,000 matches only (`limited` in the response): very common words match a large',
      '  share of all cases, and ranking every one would cost time in proportion to the store.',
      '- The fallback scan reads the newest 2,000 cases in scope and checks each for the character.',
      ...notes,
    ],
  );
  return ceilings.length > 0 ? `${main}\n${ceilingTable(ceilings)}` : main;
};
