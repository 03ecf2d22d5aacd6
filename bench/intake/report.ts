import { availableParallelism } from 'node:os';
import type { Measurement } from '../lib/stats.ts';
import { loadFailureNotes, measuredColumns, measuredRow, ratio } from '../lib/measured.ts';
import { formatNumber, markdownTable, type Cell, type Column } from '../lib/table.ts';
import { KNOWN_CUSTOMERS, LEVELS, READ_AT_CASES, REPEAT_SHARE, type IntakeResults } from './intake.ts';
import type { LoadMeasurement } from '../lib/http-load.ts';

/** Issue 3's aim for both tables, at the highest concurrency. */
export const AIM = { perSecond: 2_000, p99Ms: 50, concurrency: 32 } as const;

/** The ceilings measured earlier in the same run that the intake figures are set beside. */
export interface IntakeCeilings {
  /** (e): the Fastify echo route, its workload described. */
  readonly echo: {
    readonly measurement: Measurement | undefined;
    readonly workload: string;
    readonly connections: number;
  };
  /** (a): one durable SQLite commit at a time (synchronous=FULL). */
  readonly commit: { readonly measurement: Measurement | undefined; readonly workload: string };
  /** Where the ceilings came from, e.g. "median of 5 rounds earlier in this run". */
  readonly source: string;
}

const COLUMNS: readonly Column[] = [
  ...measuredColumns('Requests', '(e)', '(a)'),
  { header: `Aim at ${AIM.concurrency}: ≥ ${formatNumber(AIM.perSecond)}/s, p99 ≤ ${AIM.p99Ms} ms` },
];

const aimCell = (m: LoadMeasurement | undefined, concurrency: number): Cell => {
  if (concurrency !== AIM.concurrency) return '';
  if (!m) return 'not measured';
  const fast = m.perSecond >= AIM.perSecond;
  const steady = m.p99Ms <= AIM.p99Ms;
  if (fast && steady) return 'met';
  const misses = [
    ...(fast ? [] : [`${formatNumber((m.perSecond / AIM.perSecond) * 100)}% of the rate`]),
    ...(steady ? [] : [`p99 ${formatNumber(m.p99Ms / AIM.p99Ms, 1)}× the bound`]),
  ];
  return `missed: ${misses.join(', ')}`;
};

const ceilingRows = (ceilings: IntakeCeilings, withCommit: boolean): Cell[][] => {
  const e = ceilings.echo.measurement;
  const a = ceilings.commit.measurement;
  return [
    measuredRow(`(e) ${ceilings.echo.workload}`, ceilings.echo.connections, e, 'req/s', e && '1.00×', ratio(e, a), ''),
    ...(withCommit
      ? [measuredRow(`(a) ${ceilings.commit.workload}`, 1, a, 'commits/s', ratio(a, e), a && '1.00×', '')]
      : []),
  ];
};

const loadRows = (
  label: string,
  unit: string,
  loads: readonly LoadMeasurement[],
  ceilings: IntakeCeilings,
  versusCommit: boolean,
): Cell[][] =>
  LEVELS.map((level) => {
    const m = loads.find((load) => load.concurrency === level.concurrency);
    return measuredRow(
      label,
      level.concurrency,
      m,
      unit,
      ratio(m, ceilings.echo.measurement),
      versusCommit ? ratio(m, ceilings.commit.measurement) : '',
      aimCell(m, level.concurrency),
    );
  });

const failureNotes = (label: string, loads: readonly LoadMeasurement[]): string[] =>
  loadFailureNotes(label, loads, 'requests');

const percent = (share: number | undefined): string => (share === undefined ? '—' : `${formatNumber(share * 100, 1)}%`);

/** The intake and read tables, with notes; a skipped section prints one line saying why. */
export const intakeTables = (results: IntakeResults, ceilings: IntakeCeilings): string => {
  const loadAverage =
    `- 1-minute load average at the start and end of the section: ${formatNumber(results.loadAverage.start, 2)} and` +
    ` ${formatNumber(results.loadAverage.end, 2)} on ${availableParallelism()} cores (the bench's own server and` +
    ' client account for up to 2; more means other work shared the CPU).';
  const commonNotes = [
    `- Ceilings (e) and (a): ${ceilings.source}. vs (e) = throughput ÷ (e); vs (a) = throughput ÷ (a).`,
    "  (e)'s latencies are autocannon's whole milliseconds.",
    '- Server: `redress start --roles web` in a child process on 127.0.0.1 (embedded SQLite, synchronous=FULL,',
    '  LOG_LEVEL=warn), authenticated with an API token from `redress token create`. Load: autocannon, as for',
    '  (e), in this process, one request in flight per connection, each body built as it is sent; latency is',
    "  autocannon's per request, unrounded. A Taiwan working calendar and the ISO 10002 policy are set before",
    '  the loads, so each complaint also starts its service clocks (acknowledge, keep-in-loop, resolve).',
    loadAverage,
    ...results.problems.map((problem) => `- ${problem}`),
  ];
  if (results.skipped) {
    return markdownTable('Intake: `POST /api/v1/cases` over HTTP', COLUMNS, ceilingRows(ceilings, true), [
      `- ${results.skipped}`,
      ...commonNotes,
    ]);
  }

  const matched = LEVELS.map((level, i) => `${level.concurrency}: ${percent(results.matchedShare[i])}`).join(', ');
  const createTable = markdownTable(
    'Intake: `POST /api/v1/cases` over HTTP (complaints/s)',
    COLUMNS,
    [...ceilingRows(ceilings, true), ...loadRows('POST /api/v1/cases', 'complaints/s', results.create, ceilings, true)],
    [
      '- Traffic: ~40 short complaints written for the bench in English, Traditional and Simplified Chinese and Thai,',
      `  six channels; ${formatNumber(REPEAT_SHARE * 100)}% of requests come from one of ${formatNumber(KNOWN_CUSTOMERS)} known customers`,
      '  (same e-mail or phone, typed with other capitals, spaces or dashes), the rest from new customers.',
      `  Every known customer complained once (untimed) before the loads. Responses that matched a known`,
      `  customer (\`customer.matchedBy\`), by concurrency: ${matched}.`,
      `- Each load runs ${LEVELS.map((l) => `${l.seconds} s at ${l.concurrency}`).join(', ')}, after an untimed warm-up; one round each.`,
      ...failureNotes('POST', results.create),
      ...commonNotes,
    ],
  );

  const entries = LEVELS.map((level, i) => `${level.concurrency}: ${formatNumber(results.timelineEntries[i], 1)}`).join(
    ', ',
  );
  const seed = results.seed;
  const readTable = markdownTable(
    `Reading a case with its timeline: \`GET /api/v1/cases/:id\` at ${formatNumber(results.casesAtRead)} cases (reads/s)`,
    COLUMNS,
    [...ceilingRows(ceilings, false), ...loadRows('GET /api/v1/cases/:id', 'reads/s', results.read, ceilings, false)],
    [
      `- Random case ids, uniformly over all ${formatNumber(results.casesAtRead)} cases in the database (aim: ${formatNumber(READ_AT_CASES)}).`,
      `  Timeline entries per case read, by concurrency: ${entries}.`,
      ...(seed
        ? [
            `- Seeded ${formatNumber(seed.ids.length)} cases ${seed.method} in ${formatNumber(seed.seconds, 1)} s` +
              ` (${formatNumber(seed.ids.length / seed.seconds)} cases/s)${seed.failures > 0 ? `; ${formatNumber(seed.failures)} failed (first: ${seed.firstFailure ?? 'no detail'})` : ''}.`,
          ]
        : []),
      ...failureNotes('GET', results.read),
      '- Server, load and ceilings as for the intake table; vs (a) does not apply to reads.',
    ],
  );
  return `${createTable}\n${readTable}`;
};
