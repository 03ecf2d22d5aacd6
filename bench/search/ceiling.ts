// The search section's ceilings: the bare index lookup for a query's terms, on a driver connection of
// its own to the same seeded database, measured in the same run right after the same query went
// through the search service. What the service adds on top (visibility, filters, ranking, loading the
// page, snippets, Kysely) is the difference between the two figures.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import { compileQuery, RANKED_MATCHES, toFtsMatch, toTsQuery } from '../../apps/server/src/modules/search/index.ts';
import { DATABASE_FILE } from '../../apps/server/src/storage/sqlite/open.ts';
import { CONNECT_TIMEOUT_MS } from '../lib/postgres.ts';
import { percentile } from '../lib/stats.ts';
import { formatMs, formatNumber, markdownTable, type Cell } from '../lib/table.ts';

/** Rows the bare lookup returns: one page, as the service shows. */
export const CEILING_PAGE = 20;

/** The bare FTS5 lookup, newest first as the service walks it. */
const FTS_LOOKUP = `SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ${CEILING_PAGE}`;
/** The bare GIN lookup. */
const GIN_LOOKUP = `SELECT case_id FROM search_documents WHERE doc @@ $1::tsquery LIMIT ${CEILING_PAGE}`;

/** A bare index lookup on a backend's own driver: one call = one query, resolving to the rows returned. */
export interface IndexLookup {
  /** What the row is called in the report, e.g. "bare FTS5 MATCH". */
  readonly name: string;
  /** Compiles the search box text with the module's own compiler into this backend's match expression. */
  compile(q: string): string;
  run(expression: string): Promise<number>;
  close(): Promise<void>;
}

const compiledOrThrow = (q: string, render: typeof toFtsMatch): string => {
  const compiled = compileQuery(q);
  const expression = compiled.indexed ? render(compiled.terms) : undefined;
  if (expression === undefined) throw new Error(`"${q}" is not answered by the index alone`);
  return expression;
};

/** Opens the SQLite file the service reads (`dataDir`), read-only, on a bare node:sqlite connection. */
export const openSqliteLookup = async (dataDir: string): Promise<IndexLookup> => {
  const db = new DatabaseSync(join(dataDir, DATABASE_FILE), { readOnly: true });
  const statement = db.prepare(FTS_LOOKUP);
  return {
    name: 'bare FTS5 MATCH',
    compile: (q) => compiledOrThrow(q, toFtsMatch),
    run: async (match) => statement.all(match).length,
    close: async () => db.close(),
  };
};

/** Opens one bare `pg` connection to the database the service reads. */
export const openPostgresLookup = async (url: string): Promise<IndexLookup> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // A lost connection emits 'error' on the client; the awaited query reports it instead.
  client.on('error', () => undefined);
  await client.connect();
  return {
    name: 'bare GIN @@',
    compile: (q) => compiledOrThrow(q, toTsQuery),
    // Unnamed, as the service's queries are: planned for each tsquery, so no generic plan blurs it.
    run: async (tsquery) => (await client.query(GIN_LOOKUP, [tsquery])).rowCount ?? 0,
    close: () => client.end(),
  };
};

/** Timed runs of one lookup, after `warmup` untimed ones. */
export const timeLookup = async (
  lookup: IndexLookup,
  q: string,
  warmup: number,
  runs: number,
): Promise<{ samples: number[]; rows: number }> => {
  const expression = lookup.compile(q);
  const samples: number[] = [];
  let rows = 0;
  for (let i = 0; i < warmup + runs; i += 1) {
    const t0 = performance.now();
    rows = await lookup.run(expression);
    const ms = performance.now() - t0;
    if (i >= warmup) samples.push(ms);
  }
  return { samples, rows };
};

/** One query's service figure beside its ceiling on one backend. */
export interface CeilingRow {
  readonly label: string;
  readonly q: string;
  readonly service: readonly number[];
  readonly ceiling: readonly number[];
  readonly rows: number;
}

export interface CeilingResult {
  readonly backend: string;
  readonly lookup: string;
  readonly rows: readonly CeilingRow[];
}

const p = (samples: readonly number[], at: number): number =>
  percentile(
    [...samples].sort((a, b) => a - b),
    at,
  );

/** A percentage with a decimal below 10%, so a small share is not printed as 0%. */
const share = (percent: number): string => `${formatNumber(percent, percent < 10 ? 1 : 0)}%`;

/** The small table printed under the search table: per query and backend, service p50 vs bare index p50. */
export const ceilingTable = (results: readonly CeilingResult[]): string => {
  const columns = [
    { header: 'query' },
    ...results.flatMap((r) => [
      { header: `${r.backend} service p50 ms`, align: 'right' as const },
      { header: `${r.lookup} p50`, align: 'right' as const },
      { header: 'p95', align: 'right' as const },
      { header: 'index share', align: 'right' as const },
    ]),
  ];
  const labels = results[0]?.rows.map((r) => r.label) ?? [];
  const body = labels.map((label): Cell[] => [
    `${label}: \`${results[0]?.rows.find((x) => x.label === label)?.q ?? ''}\``,
    ...results.flatMap((r): Cell[] => {
      const row = r.rows.find((x) => x.label === label);
      if (!row) return [undefined, undefined, undefined, undefined];
      const service = p(row.service, 50);
      const ceiling = p(row.ceiling, 50);
      return [formatMs(service), formatMs(ceiling), formatMs(p(row.ceiling, 95)), share((100 * ceiling) / service)];
    }),
  ]);
  const short = results.flatMap((r) =>
    r.rows.filter((row) => row.rows < CEILING_PAGE).map((row) => `${r.backend} "${row.label}" (${row.rows})`),
  );
  return markdownTable(
    'Search: ceilings — the bare index lookup for the same terms, same data, same run',
    columns,
    body,
    [
      '- The ceiling: the same query compiled by the search module (`compileQuery` → `toFtsMatch` / `toTsQuery`) and',
      '  looked up on a bare driver connection to the same database, timed as above, right after the service runs:',
      `  SQLite \`${FTS_LOOKUP}\`,`,
      `  PostgreSQL \`${GIN_LOOKUP}\`.`,
      `- Index share = bare lookup p50 ÷ service p50. The rest is what the service adds: reading up to ${formatNumber(RANKED_MATCHES + 1)} matches`,
      '  (not one page) to rank them, visibility and filters, ranking, loading the page of cases and their snippets.',
      ...(short.length > 0 ? [`- Fewer than ${CEILING_PAGE} index rows: ${short.join(', ')}.`] : []),
    ],
  );
};
