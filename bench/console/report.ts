// The console section's tables: reads per backend beside the echo ceiling, live updates, and the bundle.
import { ratio } from '../lib/measured.ts';
import type { CeilingFigures } from '../lib/standalone.ts';
import type { Measurement } from '../lib/stats.ts';
import { formatMs, formatNumber, markdownTable, type Cell, type Column } from '../lib/table.ts';
import type { BackendResult } from './backend.ts';
import { LIVE_LIMITS } from './live.ts';
import { READ_LIMITS } from './reads.ts';
import { LISTENERS_PER_SITE, SEED_DAYS, type ConsoleWorld } from './seed.ts';

const READ_COLUMNS: Column[] = [
  { header: 'workload' },
  { header: 'concurrency', align: 'right' },
  { header: 'requests', align: 'right' },
  { header: 'req/s', align: 'right' },
  { header: 'p50 ms', align: 'right' },
  { header: 'p99 ms', align: 'right' },
  { header: 'vs echo', align: 'right' },
];

const row = (workload: string, concurrency: number, m: Measurement | undefined, versus: Cell): Cell[] => [
  workload,
  concurrency,
  m?.count,
  m && formatNumber(m.perSecond),
  formatMs(m?.p50Ms),
  formatMs(m?.p99Ms),
  versus,
];

const seedNote = (world: ConsoleWorld): string => {
  const c = world.counts;
  const n = (value: number) => formatNumber(value);
  return (
    `- Seeded through the services in ${formatNumber(world.seconds, 1)} s (not timed below): ${n(c.cases)} cases over ${SEED_DAYS} days` +
    ` at 2 sites (10 agents each, owners of what they opened); ${n(c.acknowledged)} acknowledged, ${n(c.investigating)} investigated,` +
    ` ${n(c.waitingOnCustomer)} waiting on the customer, ${n(c.resolved)} resolved; ${n(c.commitments)} promises,` +
    ` ${n(c.tasks)} internal tasks, ${n(c.escalations)} escalations, ${n(c.compensations)} compensations; ISO 10002 clocks on every case.` +
    (world.failures > 0
      ? ` ${n(world.failures)} seeding steps failed (first: ${world.firstFailure ?? 'no detail'}).`
      : '')
  );
};

const readsTable = (result: BackendResult, ceilings: CeilingFigures, extra: readonly string[]): string => {
  const echo = ceilings.echo;
  const rows: Cell[][] = [
    row(
      `(e) Fastify echo ceiling (POST /echo, ${ceilings.echoSeconds} s, autocannon)`,
      ceilings.echoConnections,
      echo,
      echo && '1.00×',
    ),
  ];
  for (const read of result.reads) {
    const workload = read.slow ? `${read.workload} †` : read.workload;
    if (read.loads.length === 0) rows.push(row(workload, READ_LIMITS.concurrencies[0], undefined, undefined));
    for (const load of read.loads) rows.push(row(workload, load.concurrency, load, ratio(load, echo)));
  }
  const slow = result.reads.filter((read) => read.slow);
  const world = result.world;
  const failures = result.reads.flatMap((read) =>
    read.loads
      .filter((load) => load.failures > 0)
      .map(
        (load) =>
          `- ${read.workload} at concurrency ${load.concurrency}: ${formatNumber(load.failures)} failed (first: ${load.firstFailure ?? 'no detail'}).`,
      ),
  );
  return markdownTable(`Console reads over HTTP: ${result.backend} (${result.settings})`, READ_COLUMNS, rows, [
    `- The real app (\`createDeps\` + \`buildApp\`) in a child process on 127.0.0.1, bearer tokens (API tokens) as agents use them;`,
    `  each load: ${READ_LIMITS.warmupSeconds} s warm-up, then ${READ_LIMITS.seconds} s measured; before each, the server is left to finish`,
    '  what it still had queued (until `/healthz` answers). Queues and cases are read by an agent at site A,',
    '  the early-warning board and reports (defaults: 24 h ahead, last 30 days) by the site A supervisor.',
    '- Case page: the reads the page starts together for one case (the case, clocks, commitments, tasks, risk, similar,',
    "  compensations, escalations), each page a different case of the agent's site with a promise, task, escalation or",
    '  compensation; concurrency = pages at once (fetch, keep-alive, the last pages waited for). Requests and req/s count its HTTP requests;',
    '  p50/p99 are per page load (until its last answer). The page also reads e-mails, follow-ups, surveys, the',
    '  customer and their history (after the case), not included here.',
    `- vs echo = req/s ÷ the echo ceiling's req/s (${ceilings.source}).`,
    ...(world ? [seedNote(world)] : []),
    ...(slow.length > 0
      ? [
          `- † One request alone (warm) took over ${READ_LIMITS.slowMs} ms (${slow.map((read) => `${read.workload.replace('GET ', '')} ${formatMs(read.aloneMs)} ms`).join(', ')}),`,
          `  so it is loaded like the case page: fetch, no warm-up, the last answers waited for (autocannon's ${READ_LIMITS.seconds} s window`,
          '  would count none and leave them queued on the server).',
        ]
      : []),
    ...result.facts.map((fact) => `- ${fact}`),
    ...failures,
    ...result.problems.map((p) => `- ${p}`),
    ...extra,
  ]);
};

const liveTable = (results: readonly BackendResult[]): string => {
  const rows = results.flatMap((result) =>
    result.live.map((live): Cell[] => [
      result.backend,
      live.streams,
      `${formatNumber(live.connected)} (p50 ${formatMs(live.connectP50Ms)} / p99 ${formatMs(live.connectP99Ms)} ms)`,
      live.changes,
      `${formatNumber(live.delivered)} / ${formatNumber(live.expected)}`,
      formatMs(live.p50Ms),
      formatMs(live.p99Ms),
      formatMs(live.maxMs),
    ]),
  );
  const early = results.flatMap((r) => r.live).reduce((sum, live) => sum + live.early, 0);
  return markdownTable(
    'Console live updates (`GET /api/v1/live`, server-sent events)',
    [
      { header: 'backend' },
      { header: 'streams', align: 'right' },
      { header: 'connected (time to first message)', align: 'right' },
      { header: 'changes', align: 'right' },
      { header: 'delivered / expected', align: 'right' },
      { header: 'p50 ms', align: 'right' },
      { header: 'p99 ms', align: 'right' },
      { header: 'max ms', align: 'right' },
    ],
    rows,
    [
      `- N streams open at once, one per agent (${formatNumber(LISTENERS_PER_SITE)} watching agents per site, alternating sites), read with fetch;`,
      `  then ${LIVE_LIMITS.changes} notes through \`POST /api/v1/cases/:id/notes\`, one every ${LIVE_LIMITS.gapMs} ms, each on a different open case`,
      '  by its owner, alternating sites.',
      "- Latency: from the note's HTTP answer to a stream's `change` message about it, for every stream whose agent may",
      "  read the case (same site); expected = changes × streams at the case's site.",
      "- The floor is the live hub's poller: one process reads the event log about once a second (1,000 ms) while streams",
      '  are open, so a change waits up to a second for the next poll — a p50 near 500 ms is the design, not a queue.',
      ...(early > 0
        ? [`- ${formatNumber(early)} deliveries arrived before the note's own HTTP answer (counted at ≤ 0 ms).`]
        : []),
    ],
  );
};

/** Every table of the section. */
export const consoleTables = (
  results: readonly BackendResult[],
  ceilings: CeilingFigures,
  bundle: string,
  cases: number,
  notes: readonly string[] = [],
): string => {
  const skipped = results.filter((r) => r.skipped);
  const ran = results.filter((r) => !r.skipped);
  const extra = [...skipped.map((r) => `- ${r.backend} not measured: ${r.skipped ?? ''}`), ...notes];
  const parts = ran.map((result, i) => readsTable(result, ceilings, i === 0 ? extra : []));
  if (ran.length === 0) {
    const nothing = `- Nothing measured (${formatNumber(cases)} cases wanted).`;
    parts.push(markdownTable('Console reads over HTTP', READ_COLUMNS, [], [nothing, ...extra]));
  }
  if (ran.some((r) => r.live.length > 0)) parts.push(liveTable(ran));
  parts.push(bundle);
  return parts.join('\n');
};
