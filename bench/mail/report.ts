// The mail section's tables: e-mail in, its processing, e-mail out and portal filing, each beside
// the ceilings it is compared with.
import { availableParallelism } from 'node:os';
import type { CeilingFigures } from '../lib/standalone.ts';
import {
  COMMIT_WORKLOAD,
  loadFailureNotes as failureNotes,
  measuredColumns,
  measuredRow,
  ratio,
} from '../lib/measured.ts';
import { formatMs, formatNumber, markdownTable, type Cell, type Column } from '../lib/table.ts';
import { ATTACHMENT_EVERY } from './messages.ts';
import { PORTAL_LEVELS, type PortalResults } from './portal.ts';
import { MAIL_LIMITS, type BackendResults, type RunnerPhase } from './redress.ts';
import type { SmtpLoad } from './smtp.ts';

export interface MailResults {
  readonly ceilings: CeilingFigures;
  /** (m) at each concurrency. */
  readonly inCeiling: readonly SmtpLoad[];
  readonly outCeiling: { readonly unpooled?: SmtpLoad; readonly pooled?: SmtpLoad };
  readonly backends: readonly BackendResults[];
  readonly portal: PortalResults | undefined;
  readonly meanTextBytes: number;
  readonly loadAverage: { readonly start: number; readonly end: number };
  readonly problems: readonly string[];
}

const COMMIT_LABEL = `(a) ${COMMIT_WORKLOAD}`;

const backendLabel = (b: BackendResults): string => `${b.backend} (${b.sync})`;

const inTable = (r: MailResults): string => {
  const columns = measuredColumns('Messages', '(m)', '(a)');
  const a = r.ceilings.commit;
  const bareAt = (c: number) => r.inCeiling.find((m) => m.concurrency === c);
  const rows: Cell[][] = [
    ...MAIL_LIMITS.concurrencies.map((c): Cell[] => {
      const m = bareAt(c);
      return measuredRow(
        '(m) bare smtp-server: reads the message, answers 250',
        c,
        m,
        'msg/s',
        m && '1.00×',
        ratio(m, a),
      );
    }),
    measuredRow(COMMIT_LABEL, 1, a, 'commits/s', '', a && '1.00×'),
    ...r.backends.flatMap((b) =>
      MAIL_LIMITS.concurrencies.map((c): Cell[] => {
        const m = b.receive.find((load) => load.concurrency === c);
        const versusCommit = b.backend === 'SQLite' ? ratio(m, a) : '';
        return measuredRow(
          `Redress SMTP receiver, ${backendLabel(b)}`,
          c,
          m,
          'msg/s',
          ratio(m, bareAt(c)),
          versusCommit,
        );
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
        p && formatNumber(p.perSecond),
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
  const columns = measuredColumns('Sent', '(o1)', '(o2)');
  const { unpooled: o1, pooled: o2 } = r.outCeiling;
  const c = MAIL_LIMITS.runnerConcurrency;
  const rows: Cell[][] = [
    measuredRow(
      '(o1) nodemailer, one connection per message (as Redress)',
      c,
      o1,
      'sent/s',
      o1 && '1.00×',
      ratio(o1, o2),
    ),
    measuredRow(`(o2) nodemailer, pooled (${c} connections)`, c, o2, 'sent/s', ratio(o2, o1), o2 && '1.00×'),
    ...r.backends.map((b): Cell[] =>
      measuredRow(
        `Redress \`correspondence.send\` job, ${backendLabel(b)}`,
        c,
        b.send,
        'sent/s',
        ratio(b.send, o1),
        ratio(b.send, o2),
      ),
    ),
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
  const columns = measuredColumns('Requests', '(e)', '(a)');
  const e = r.ceilings.echo;
  const a = r.ceilings.commit;
  const loads = r.portal?.loads ?? [];
  const rows: Cell[][] = [
    measuredRow(
      `(e) Fastify echo (POST /echo, ${r.ceilings.echoConnections} connections, ${r.ceilings.echoSeconds} s)`,
      r.ceilings.echoConnections,
      e,
      'req/s',
      e && '1.00×',
      ratio(e, a),
    ),
    measuredRow(COMMIT_LABEL, 1, a, 'commits/s', ratio(a, e), a && '1.00×'),
    ...PORTAL_LEVELS.map((level): Cell[] => {
      const m = loads.find((load) => load.concurrency === level.concurrency);
      const label = 'POST /api/v1/portal/complaints, SQLite (synchronous=FULL)';
      return measuredRow(label, level.concurrency, m, 'complaints/s', ratio(m, e), ratio(m, a));
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
    ...failureNotes('Portal', loads),
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
