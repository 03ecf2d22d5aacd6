// The mail section's tables: e-mail in, its processing, e-mail out and portal filing, each beside
// the ceilings it is compared with.
import { availableParallelism } from 'node:os';
import type { Measurement } from '../lib/stats.ts';
import { formatMs, formatNumber, markdownTable, type Cell, type Column } from '../lib/table.ts';
import { ATTACHMENT_EVERY } from './messages.ts';
import { PORTAL_LEVELS, type PortalResults } from './portal.ts';
import { MAIL_LIMITS, type BackendResults, type RunnerPhase } from './redress.ts';
import type { SmtpLoad } from './smtp.ts';

/** Ceilings (a) and (e) as the ceilings table measured them, and where they came from. */
export interface MailCeilings {
  readonly echo: Measurement | undefined;
  readonly commit: Measurement | undefined;
  readonly echoConnections: number;
  readonly echoSeconds: number;
  readonly source: string;
}

export interface MailResults {
  readonly ceilings: MailCeilings;
  /** (m) at each concurrency. */
  readonly inCeiling: readonly SmtpLoad[];
  readonly outCeiling: { readonly unpooled?: SmtpLoad; readonly pooled?: SmtpLoad };
  readonly backends: readonly BackendResults[];
  readonly portal: PortalResults | undefined;
  readonly meanTextBytes: number;
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly problems: readonly string[];
}

/** "0.32×"; small ratios keep three decimals so they do not all read 0.00×. */
const ratio = (m: Measurement | undefined, base: Measurement | undefined): string | undefined => {
  if (!m || !base || !(base.perSecond > 0) || !Number.isFinite(m.perSecond)) return undefined;
  const value = m.perSecond / base.perSecond;
  return `${formatNumber(value, value < 0.1 ? 3 : 2)}×`;
};

const rate = (m: Measurement | undefined): string | undefined => m && formatNumber(m.perSecond);

const failureNotes = (label: string, loads: readonly (SmtpLoad | undefined)[]): string[] =>
  loads.flatMap((m) =>
    m && m.failures > 0
      ? [
          `- ${label} at concurrency ${m.concurrency}: ${formatNumber(m.failures)} failed (first: ${m.firstFailure ?? 'no detail'}).`,
        ]
      : [],
  );

const backendLabel = (b: BackendResults): string => `${b.backend} (${b.sync})`;

const inTable = (r: MailResults): string => {
  const columns: Column[] = [
    { header: 'Workload' },
    { header: 'Concurrency', align: 'right' },
    { header: 'Messages', align: 'right' },
    { header: 'Throughput', align: 'right' },
    { header: 'Unit' },
    { header: 'p50 (ms)', align: 'right' },
    { header: 'p99 (ms)', align: 'right' },
    { header: 'vs (m)', align: 'right' },
    { header: 'vs (a)', align: 'right' },
  ];
  const a = r.ceilings.commit;
  const bareAt = (c: number) => r.inCeiling.find((m) => m.concurrency === c);
  const rows: Cell[][] = [
    ...MAIL_LIMITS.concurrencies.map((c): Cell[] => {
      const m = bareAt(c);
      return [
        '(m) bare smtp-server: reads the message, answers 250',
        c,
        m?.count,
        rate(m),
        'msg/s',
        formatMs(m?.p50Ms),
        formatMs(m?.p99Ms),
        m && '1.00×',
        ratio(m, a),
      ];
    }),
    [
      '(a) SQLite commit ceiling (1 INSERT per transaction, FULL)',
      1,
      a?.count,
      rate(a),
      'commits/s',
      formatMs(a?.p50Ms),
      formatMs(a?.p99Ms),
      '',
      a && '1.00×',
    ],
    ...r.backends.flatMap((b) =>
      MAIL_LIMITS.concurrencies.map((c): Cell[] => {
        const m = b.receive.find((load) => load.concurrency === c);
        return [
          `Redress SMTP receiver, ${backendLabel(b)}`,
          c,
          m?.count,
          rate(m),
          'msg/s',
          formatMs(m?.p50Ms),
          formatMs(m?.p99Ms),
          ratio(m, bareAt(c)),
          b.backend === 'SQLite' ? ratio(m, a) : '',
        ];
      }),
    ),
  ];
  return markdownTable('E-mail in: complaints over SMTP (messages/s)', columns, rows, [
    `- Client: nodemailer, pooled, as many connections as the concurrency, one message in flight on each, on`,
    `  loopback. Distinct complaints (en, zh-TW, zh-CN, th; ~${formatNumber(r.meanTextBytes)} B of text), each from its own`,
    `  address; 1 in ${ATTACHMENT_EVERY} carries a 20 KB PNG. Each load: ${formatNumber(MAIL_LIMITS.count)} messages or ${MAIL_LIMITS.smtpMaxMs / 1000} s, after ${MAIL_LIMITS.warmup} untimed.`,
    '  Latency: one `sendMail` on an open connection (MAIL FROM … the answer to DATA).',
    '- Redress: `startSmtpReceiver` with `deps.inboundMail` (as `redress start` wires it) on `createDeps` over a',
    '  fresh data directory, in this process with the client; it answers 250 once the raw file, its',
    '  `email_messages` row and its processing job are durable. (m) runs in this process too.',
    `- vs (m) = throughput ÷ (m) at the same concurrency; vs (a) = throughput ÷ (a); (a): ${r.ceilings.source}.`,
    ...r.backends.flatMap((b) => [
      ...(b.settings ? [`- ${b.backend}: ${b.settings}.`] : []),
      ...(b.skipped ? [`- ${b.skipped}`] : []),
      ...failureNotes(`Redress ${b.backend}`, b.receive),
    ]),
    ...failureNotes('(m)', r.inCeiling),
  ]);
};

const handlerLine = (phase: RunnerPhase): string =>
  phase.handlers
    .filter((h) => h.count > 0)
    .sort((x, y) => y.count - x.count)
    .map((h) => `${h.job} ${formatNumber(h.count)} × ${formatMs(h.p50Ms)} ms`)
    .join(', ');

const processTable = (r: MailResults): string => {
  const columns: Column[] = [
    { header: 'Workload' },
    { header: 'Messages', align: 'right' },
    { header: 'Jobs run', align: 'right' },
    { header: 'Seconds', align: 'right' },
    { header: 'Throughput', align: 'right' },
    { header: 'Unit' },
    { header: 'Jobs/s', align: 'right' },
    { header: 'p50 (ms)', align: 'right' },
    { header: 'p99 (ms)', align: 'right' },
  ];
  const rows: Cell[][] = r.backends.flatMap((b): Cell[][] => {
    const p = b.process;
    const s = b.send;
    const both = p && s && !p.stoppedEarly && !s.stoppedEarly ? p.seconds + s.seconds : undefined;
    return [
      [
        `Received mail → cases, ${backendLabel(b)}`,
        p?.count,
        p?.jobs,
        p && formatNumber(p.seconds, 1),
        rate(p),
        'msg/s',
        p && formatNumber(p.jobs / p.seconds),
        formatMs(p?.p50Ms),
        formatMs(p?.p99Ms),
      ],
      [
        `… then their acknowledgements sent, ${b.backend} (both phases)`,
        p?.count,
        p && s ? p.jobs + s.jobs : undefined,
        both && formatNumber(both, 1),
        both && p && formatNumber(p.count / both),
        'msg/s',
        both && p && s && formatNumber((p.jobs + s.jobs) / both),
        '',
        '',
      ],
    ];
  });
  const batches = r.backends
    .map((b) => `${b.backend} ${formatNumber(b.process?.total)} of ${formatNumber(b.receivedTotal)}`)
    .join(', ');
  return markdownTable('E-mail in: the job runner turning received mail into cases (messages/s)', columns, rows, [
    `- The real runner (\`createJobRunner\`, concurrency ${MAIL_LIMITS.runnerConcurrency} as \`redress start\`, poll ${MAIL_LIMITS.pollMs} ms) in this process, on`,
    `  the first messages received above (${batches}), until none of their jobs is due: processing and`,
    '  every follow-on job, the acknowledgement rendered and queued included. The other received messages',
    '  wait under another job name; the send job is held back for the e-mail-out table. Stops after',
    `  ${MAIL_LIMITS.processMaxMs / 1000} s. p50/p99: the \`inbound-mail.process\` handler (parse, sanitise, open the case, keep the photo).`,
    '- "… both phases" = messages ÷ (processing seconds + sending seconds of the next table).',
    ...r.backends.flatMap((b) => [
      ...(b.process ? [`- ${b.backend} jobs (count × handler p50): ${handlerLine(b.process)}.`] : []),
      ...(b.process?.stoppedEarly
        ? [`- ${b.backend}: stopped after ${MAIL_LIMITS.processMaxMs / 1000} s with work left.`]
        : []),
      ...(b.process && b.process.failedJobs > 0
        ? [`- ${b.backend}: ${formatNumber(b.process.failedJobs)} jobs failed or died.`]
        : []),
      ...b.problems.map((problem) => `- ${b.backend}: ${problem}`),
    ]),
  ]);
};

const outTable = (r: MailResults): string => {
  const columns: Column[] = [
    { header: 'Workload' },
    { header: 'Concurrency', align: 'right' },
    { header: 'Sent', align: 'right' },
    { header: 'Throughput', align: 'right' },
    { header: 'Unit' },
    { header: 'p50 (ms)', align: 'right' },
    { header: 'p99 (ms)', align: 'right' },
    { header: 'vs (o1)', align: 'right' },
    { header: 'vs (o2)', align: 'right' },
  ];
  const { unpooled: o1, pooled: o2 } = r.outCeiling;
  const c = MAIL_LIMITS.runnerConcurrency;
  const rows: Cell[][] = [
    [
      '(o1) nodemailer, one connection per message (as Redress)',
      c,
      o1?.count,
      rate(o1),
      'sent/s',
      formatMs(o1?.p50Ms),
      formatMs(o1?.p99Ms),
      o1 && '1.00×',
      ratio(o1, o2),
    ],
    [
      `(o2) nodemailer, pooled (${c} connections)`,
      c,
      o2?.count,
      rate(o2),
      'sent/s',
      formatMs(o2?.p50Ms),
      formatMs(o2?.p99Ms),
      ratio(o2, o1),
      o2 && '1.00×',
    ],
    ...r.backends.map((b): Cell[] => {
      const s = b.send;
      return [
        `Redress \`correspondence.send\` job, ${backendLabel(b)}`,
        c,
        s?.count,
        rate(s),
        'sent/s',
        formatMs(s?.p50Ms),
        formatMs(s?.p99Ms),
        ratio(s, o1),
        ratio(s, o2),
      ];
    }),
  ];
  return markdownTable('E-mail out: acknowledgements to a local smtp-server sink (sent/s)', columns, rows, [
    `- Redress: the real runner, limited to the send job (concurrency ${c}), sends the acknowledgements queued in`,
    '  the table above through `SMTP_URL` = a bare smtp-server on loopback; sent = accepted by the sink.',
    '  p50/p99: the send job handler (read the e-mail, one SMTP transaction, mark it sent).',
    `- (o1)/(o2): the first ${formatNumber(o1?.count ?? o2?.count)} of those acknowledgements, as the sink received them, sent again`,
    `  raw by nodemailer, ${c} at a time, to a fresh sink: (o1) with a new connection per message as Redress's`,
    '  customer mailer does, (o2) over a pool.',
    '- smtp-server pauses 100 ms before greeting each new connection (its early-talker check), so a',
    `  connection per message costs at least that: about ${c} ÷ 0.1 s with ${c} in flight, whatever Redress does.`,
    ...r.backends.flatMap((b) =>
      b.send?.stoppedEarly ? [`- ${b.backend}: sending stopped after ${MAIL_LIMITS.sendMaxMs / 1000} s.`] : [],
    ),
    ...failureNotes('(o1)', [o1]),
    ...failureNotes('(o2)', [o2]),
  ]);
};

const portalTable = (r: MailResults): string => {
  const columns: Column[] = [
    { header: 'Workload' },
    { header: 'Concurrency', align: 'right' },
    { header: 'Requests', align: 'right' },
    { header: 'Throughput', align: 'right' },
    { header: 'Unit' },
    { header: 'p50 (ms)', align: 'right' },
    { header: 'p99 (ms)', align: 'right' },
    { header: 'vs (e)', align: 'right' },
    { header: 'vs (a)', align: 'right' },
  ];
  const e = r.ceilings.echo;
  const a = r.ceilings.commit;
  const loads = r.portal?.loads ?? [];
  const rows: Cell[][] = [
    [
      `(e) Fastify echo (POST /echo, ${r.ceilings.echoConnections} connections, ${r.ceilings.echoSeconds} s)`,
      r.ceilings.echoConnections,
      e?.count,
      rate(e),
      'req/s',
      formatMs(e?.p50Ms),
      formatMs(e?.p99Ms),
      e && '1.00×',
      ratio(e, a),
    ],
    [
      '(a) SQLite commit ceiling (1 INSERT per transaction, FULL)',
      1,
      a?.count,
      rate(a),
      'commits/s',
      formatMs(a?.p50Ms),
      formatMs(a?.p99Ms),
      ratio(a, e),
      a && '1.00×',
    ],
    ...PORTAL_LEVELS.map((level): Cell[] => {
      const m = loads.find((load) => load.concurrency === level.concurrency);
      return [
        'POST /api/v1/portal/complaints, SQLite (synchronous=FULL)',
        level.concurrency,
        m?.count,
        rate(m),
        'complaints/s',
        formatMs(m?.p50Ms),
        formatMs(m?.p99Ms),
        ratio(m, e),
        ratio(m, a),
      ];
    }),
  ];
  return markdownTable('Portal filing over HTTP: `POST /api/v1/portal/complaints` (JSON)', columns, rows, [
    '- Server: `redress start --roles web` in a child process (embedded SQLite), as in the intake section, with',
    '  a Taiwan calendar and the ISO 10002 policy, so each complaint starts its clocks. Load: autocannon,',
    `  ${PORTAL_LEVELS.map((l) => `${l.seconds} s at ${l.concurrency}`).join(', ')}, after 1 s untimed; each request a new customer.`,
    '- The portal takes 10 complaints per client address in ten minutes. The server runs as behind a reverse',
    '  proxy (`REDRESS_TRUST_PROXY=127.0.0.1`) and each request names its own client address in',
    '  X-Forwarded-For, as a proxy would for customers at different addresses; the limiter still runs.',
    '- PostgreSQL is not measured here: the bench starts the server on the embedded store only.',
    `- (e) and (a): ${r.ceilings.source}.`,
    ...(r.portal?.skipped ? [`- ${r.portal.skipped}`] : []),
    ...loads
      .filter((m) => m.failures > 0)
      .map(
        (m) =>
          `- Portal at concurrency ${m.concurrency}: ${formatNumber(m.failures)} failed (first: ${m.firstFailure ?? 'no detail'}).`,
      ),
    ...(r.portal?.problems ?? []).map((problem) => `- ${problem}`),
  ]);
};

/** The section's four tables, with a closing note on the machine's load. */
export const mailTables = (r: MailResults): string =>
  [
    inTable(r),
    processTable(r),
    outTable(r),
    portalTable(r),
    [
      `- 1-minute load average at the start and end of the mail section: ${formatNumber(r.loadAverage.start, 2)} and`,
      `  ${formatNumber(r.loadAverage.end, 2)} on ${availableParallelism()} cores. SMTP client, Redress, the runner and the sinks share this`,
      '  process; the portal server has its own.',
      ...r.problems.map((problem) => `- ${problem}`),
      '',
    ].join('\n'),
  ].join('\n');
