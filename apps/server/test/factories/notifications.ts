import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildApp } from '../../src/app.ts';
import type { Config } from '../../src/config.ts';
import { createDeps } from '../../src/deps.ts';
import { createJobRunner } from '../../src/jobs/index.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { newId } from '../../src/shared/ids.ts';
import { pino } from 'pino';
import { toDbJson, toDbTime } from '../../src/storage/codec.ts';
import type { Database } from '../../src/storage/index.ts';
import { appendEvent } from '../../src/storage/events.ts';
import { enqueueJob } from '../../src/storage/jobs.repository.ts';
import { openSqlite } from '../../src/storage/sqlite/open.ts';
import { testConfig, type TestApp } from '../factories.ts';

/**
 * Seeding for notification and early-warning tests: ladder levels, clocks, promises, escalations
 * and compensation rows written straight into their tables, and events appended as the modules
 * that own them would (so the fan-out enqueues the notification job).
 */

/** The whole app with configuration overrides (e.g. `smtpUrl`), on an in-memory store. */
export const buildTestAppWith = async (
  overrides: Partial<Config>,
  options: { db?: Database } = {},
): Promise<TestApp> => {
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const db = options.db ?? (await openSqlite({ dataDir: ':memory:' }));
  const deps = createDeps(testConfig(overrides), db, clock);
  const { app, routes } = await buildApp(deps, { logger: false });
  return {
    app,
    deps,
    routes,
    clock,
    close: async () => {
      await app.close();
      await db.close();
    },
  };
};

/**
 * Runs queued jobs until none is left (due at the app clock's now); returns how many ran. A test
 * that opens many cases at once (each fanning out to several jobs) raises `rounds`.
 */
export const drainJobs = async (
  t: TestApp,
  options: { readonly concurrency?: number; readonly rounds?: number } = {},
): Promise<number> => {
  const runner = createJobRunner({
    db: t.deps.db,
    registry: t.deps.jobs,
    clock: t.clock,
    logger: pino({ level: 'silent' }),
    workerId: 'test-worker',
    ...(options.concurrency ? { concurrency: options.concurrency } : {}),
  });
  let total = 0;
  for (let i = 0; i < (options.rounds ?? 50); i += 1) {
    const ran = await runner.runOnce();
    if (ran === 0) return total;
    total += ran;
  }
  throw new Error('jobs did not settle');
};

/** Enqueues the cron job `name` as the scheduler would for `slot`, then runs the queue. */
export const runCronSlot = async (t: TestApp, name: string, slot: string): Promise<void> => {
  await t.deps.db.write((tx) => enqueueJob(tx, { id: `cron:${name}:${slot}`, name, payload: {} }, t.clock.now()));
  await drainJobs(t, { concurrency: 8, rounds: 1_000 });
};

/** Enqueues the hourly digest as the scheduler would for `slot`, then runs the queue. */
export const runDigest = (t: TestApp, slot: string): Promise<void> => runCronSlot(t, 'notifications.digest', slot);

/** The demo ladder: front line (agent), supervisor, manager, executive (admin) and an optional team. */
export const seedLadder = async (t: TestApp, options: { topTeamId?: string } = {}): Promise<void> => {
  const now = toDbTime(t.clock.now());
  const levels = [
    {
      rank: 0,
      roles: ['agent'],
      names: { en: 'Front line', 'zh-TW': '第一線客服', 'zh-CN': '一线客服', th: 'ด่านหน้า' },
    },
    { rank: 1, roles: ['supervisor'], names: { en: 'Supervisor', 'zh-TW': '主管', 'zh-CN': '主管', th: 'หัวหน้างาน' } },
    { rank: 2, roles: ['manager'], names: { en: 'Manager', 'zh-TW': '經理', 'zh-CN': '经理', th: 'ผู้จัดการ' } },
    { rank: 3, roles: ['admin'], names: { en: 'Executive', 'zh-TW': '高層', 'zh-CN': '高层', th: 'ผู้บริหาร' } },
  ];
  await t.deps.db.write(async (tx) => {
    for (const level of levels) {
      await tx
        .insertInto('escalation_levels')
        .values({
          id: newId('lvl', t.clock.now()),
          rank: level.rank,
          names: toDbJson(level.names),
          roles: toDbJson(level.roles),
          team_id: level.rank === 3 ? (options.topTeamId ?? null) : null,
          max_compensation: null,
          currency: null,
          remedies: toDbJson([]),
          response_minutes: 60,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('rank').doNothing())
        .execute();
    }
  });
};

/** Appends an event on a case, through the routed database, so subscribed jobs are enqueued. */
export const appendCaseEvent = (
  t: TestApp,
  caseId: string,
  type: string,
  payload: Record<string, unknown>,
  actorId: string | null = null,
) =>
  t.deps.db.write((tx) =>
    appendEvent(tx, {
      type,
      subjectType: 'case',
      subjectId: caseId,
      actorId,
      requestId: null,
      payload,
      occurredAt: t.clock.now(),
    }),
  );

const iso = (at: Date | string): string => toDbTime(new Date(at));

export const insertClock = async (
  t: TestApp,
  row: { caseId: string; key: string; dueAt: Date; state?: string; breachedAt?: Date | null },
): Promise<string> => {
  const id = newId('clk', t.clock.now());
  const now = iso(t.clock.now());
  await t.deps.db.write((tx) =>
    tx
      .insertInto('service_clocks')
      .values({
        id,
        case_id: row.caseId,
        key: row.key,
        kind: row.key.split(':')[0] ?? row.key,
        subject_id: null,
        started_at: now,
        due_at: iso(row.dueAt),
        warn_percents: toDbJson([75]),
        state: row.state ?? 'running',
        breached_at: row.breachedAt ? iso(row.breachedAt) : null,
        created_at: now,
        updated_at: now,
      })
      .execute(),
  );
  return id;
};

export const insertCommitment = async (
  t: TestApp,
  row: { caseId: string; dueAt: Date; status?: string; text?: string; madeBy?: string | null },
): Promise<string> => {
  const id = newId('cmt', t.clock.now());
  const now = iso(t.clock.now());
  await t.deps.db.write((tx) =>
    tx
      .insertInto('commitments')
      .values({
        id,
        case_id: row.caseId,
        text: row.text ?? 'Call back with the report',
        promised_to: 'Customer',
        due_at: iso(row.dueAt),
        made_by: row.madeBy ?? null,
        made_at: now,
        depends_on: toDbJson([]),
        flags: toDbJson([]),
        status: row.status ?? 'open',
        created_at: now,
        updated_at: now,
      })
      .execute(),
  );
  return id;
};

export const insertEscalation = async (
  t: TestApp,
  row: { caseId: string; toRank: number; createdAt: Date; acknowledged?: boolean; direction?: 'up' | 'down' },
): Promise<string> => {
  const id = newId('esc', row.createdAt);
  await t.deps.db.write((tx) =>
    tx
      .insertInto('case_escalations')
      .values({
        id,
        case_id: row.caseId,
        direction: row.direction ?? 'up',
        from_rank: Math.max(0, row.toRank - 1),
        to_rank: row.toRank,
        trigger: 'manual',
        summary: toDbJson({}),
        created_at: iso(row.createdAt),
        acknowledged_at: row.acknowledged ? iso(row.createdAt) : null,
      })
      .execute(),
  );
  return id;
};

export const insertCompensation = async (
  t: TestApp,
  row: { caseId: string; requiredRank: number; proposedAt: Date; status?: string; proposedBy?: string | null },
): Promise<string> => {
  const id = newId('cmp', row.proposedAt);
  const at = iso(row.proposedAt);
  await t.deps.db.write((tx) =>
    tx
      .insertInto('compensations')
      .values({
        id,
        case_id: row.caseId,
        kind: 'refund',
        amount: 250_000,
        currency: 'TWD',
        description: 'Refund the mangoes',
        status: row.status ?? 'proposed',
        required_rank: row.requiredRank,
        proposed_by: row.proposedBy ?? null,
        proposed_at: at,
        created_at: at,
        updated_at: at,
      })
      .execute(),
  );
  return id;
};

/** A message as the test SMTP server received it. */
export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

/** An SMTP server on a random loopback port that keeps what it receives (no TLS, any login). */
export const startSmtpServer = async (
  options: { reject?: (to: string) => boolean } = {},
): Promise<{ url: string; received: ReceivedMail[]; close: () => Promise<void> }> => {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (options.reject?.(address.address)) {
        const error = new Error('No such mailbox') as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=` / `?Q?`) in a header value. */
const decodeWords = (value: string): string =>
  value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );

const decodeBody = (body: string, encoding: string | undefined): string => {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = body
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-Fa-f]{2})/g, (_x, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
};

const splitHeaders = (part: string): { headers: Map<string, string>; body: string } => {
  const at = part.search(/\r?\n\r?\n/);
  const head = part.slice(0, at).replace(/\r?\n[ \t]+/g, ' ');
  const body = part.slice(at).replace(/^\r?\n\r?\n/, '');
  const headers = new Map<string, string>();
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body };
};

/** The subject, headers and the text and HTML bodies of a raw message (enough MIME for tests). */
export const parseMail = (
  raw: string,
): { subject: string; headers: Map<string, string>; text: string; html: string } => {
  const { headers, body } = splitHeaders(raw);
  const parts: { type: string; body: string }[] = [];
  const walk = (h: Map<string, string>, b: string): void => {
    const type = h.get('content-type') ?? 'text/plain';
    const boundary = /boundary="?([^";]+)"?/.exec(type)?.[1];
    if (type.startsWith('multipart/') && boundary) {
      for (const piece of b.split(`--${boundary}`).slice(1)) {
        if (piece.startsWith('--')) break;
        const inner = splitHeaders(piece.replace(/^\r?\n/, ''));
        walk(inner.headers, inner.body);
      }
      return;
    }
    parts.push({ type, body: decodeBody(b, h.get('content-transfer-encoding')?.toLowerCase()) });
  };
  walk(headers, body);
  return {
    subject: decodeWords(headers.get('subject') ?? ''),
    headers,
    text: parts.find((p) => p.type.startsWith('text/plain'))?.body ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.body ?? '',
  };
};
