// Redress's side of the mail section, in this process on one backend: the SMTP receiver taking
// complaints from a pooled nodemailer client, the job runner turning them into cases (and their
// acknowledgements), then the send job delivering those acknowledgements to a local sink.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../apps/server/src/config.ts';
import { createDeps, type Deps } from '../../apps/server/src/deps.ts';
import { createJobRunner, type JobDefinition, type JobRegistry } from '../../apps/server/src/jobs/index.ts';
import { startSmtpReceiver } from '../../apps/server/src/mail/smtp-receiver.ts';
import { SEND_JOB } from '../../apps/server/src/modules/correspondence/index.ts';
import { PROCESS_INBOUND_JOB } from '../../apps/server/src/modules/inbound-mail/index.ts';
import { systemClock } from '../../apps/server/src/shared/clock.ts';
import { createLogger } from '../../apps/server/src/shared/logger.ts';
import { systemContext } from '../../apps/server/src/shared/unit-of-work.ts';
import { toDbTime } from '../../apps/server/src/storage/codec.ts';
import type { Database } from '../../apps/server/src/storage/database.ts';
import { openPostgres } from '../../apps/server/src/storage/postgres.ts';
import { openSqlite } from '../../apps/server/src/storage/sqlite/open.ts';
import { describeError } from '../lib/errors.ts';
import { adminUrl, createTempDatabase, describeServer } from '../lib/postgres.ts';
import { summarize, type Measurement } from '../lib/stats.ts';
import { CHANNEL_ADDRESS, type ComplaintSource } from './messages.ts';
import { pooledLoad, type BareSmtp, type SmtpLoad } from './smtp.ts';

/** Processing jobs beyond the measured batch are renamed to this, which no runner claims. */
const PARKED_JOB = 'bench.parked';

/** Sizes and time limits, shared with the report. */
export const MAIL_LIMITS = {
  /** Complaints per SMTP load; each load also stops after `smtpMaxMs`. */
  count: 2_000,
  smtpMaxMs: 4_000,
  warmup: 20,
  /** The processing run stops after this long, whatever is left. */
  processMaxMs: 15_000,
  sendMaxMs: 8_000,
  concurrencies: [1, 8] as const,
  /** The job runner's concurrency, as `redress start` runs it (the runner's default). */
  runnerConcurrency: 4,
  pollMs: 20,
  /**
   * Messages whose processing is measured (the first received), per backend: what the runner can
   * finish, follow-on jobs and all, well within `processMaxMs` on a small machine.
   */
  processBatch: { sqlite: 150, postgres: 60 },
} as const;

export interface RunnerPhase extends Measurement {
  /** What the phase had to do (messages received, acknowledgements queued). */
  readonly total: number;
  /** Jobs finished in the phase, all kinds. */
  readonly jobs: number;
  /** Jobs that failed (retried) or died. */
  readonly failedJobs: number;
  readonly stoppedEarly: boolean;
  /** Every job that ran, with its handler's time (the throughput is per second of the phase). */
  readonly handlers: readonly (Measurement & { readonly job: string })[];
}

export interface BackendResults {
  readonly backend: string;
  /** Durability, e.g. `synchronous=FULL` or PostgreSQL's settings. */
  readonly sync: string;
  readonly skipped?: string;
  readonly receive: SmtpLoad[];
  readonly process: RunnerPhase | undefined;
  readonly send: RunnerPhase | undefined;
  /** Messages received in all, and how many were left unprocessed (beyond the batch). */
  readonly receivedTotal: number | undefined;
  readonly parked: number | undefined;
  /** The backend's settings, for a note. */
  readonly settings: string | undefined;
  readonly problems: string[];
}

interface OpenedBackend {
  readonly db: Database;
  readonly sync: string;
  readonly note: string | undefined;
  close(): Promise<void>;
}

const openBackend = async (kind: 'sqlite' | 'postgres', dataDir: string): Promise<OpenedBackend> => {
  if (kind === 'sqlite') {
    const db = await openSqlite({ dataDir, synchronous: 'FULL' });
    return { db, sync: 'synchronous=FULL', note: undefined, close: () => db.close() };
  }
  const admin = adminUrl();
  const temp = await createTempDatabase(admin);
  try {
    const db = await openPostgres({ url: temp.url });
    return {
      db,
      sync: temp.syncMode,
      note: `${temp.settings}, temporary database on ${describeServer(admin)}`,
      close: async () => {
        await db.close();
        await temp.drop();
      },
    };
  } catch (error) {
    await temp.drop().catch(() => undefined);
    throw error;
  }
};

/** A site with a working calendar and the ISO 10002 policy, an agent, and the SMTP intake channel. */
const configure = async (deps: Deps): Promise<void> => {
  const sys = systemContext('bench');
  const site = await deps.org.createSite(sys, { name: 'Taipei Xinyi', code: 'TPE-01', timeZone: 'Asia/Taipei' });
  const owner = await deps.identity.createUser(sys, {
    email: 'owner@shop.example',
    name: 'Complaints Desk',
    role: 'agent',
    password: 'correct horse battery staple',
  });
  await deps.org.setUserSite(sys, owner.id, site.id);
  const year = new Date().getUTCFullYear();
  const { calendar } = await deps.calendars.createCalendar(sys, { preset: 'TW', years: [year, year + 1] });
  await deps.policies.createFromPreset(sys, { preset: 'iso10002', calendarId: calendar.id });
  await deps.intakeChannels.createChannel(sys, {
    kind: 'smtp',
    name: 'Complaints',
    address: CHANNEL_ADDRESS,
    siteId: site.id,
    ownerId: owner.id,
  });
};

/**
 * The registry as a runner sees it, limited to the jobs `keep` accepts (a runner claims only names
 * it knows, so the others wait in the queue), each run timed into `latencies` when `timed` says so.
 */
const runnerRegistry = (
  registry: JobRegistry,
  keep: (name: string) => boolean,
  latencies: Map<string, number[]>,
): JobRegistry => ({
  names: registry.names.filter(keep),
  subscribersOf: (type) => registry.subscribersOf(type),
  get(name) {
    const definition = keep(name) ? registry.get(name) : undefined;
    if (!definition) return undefined;
    const timed: JobDefinition = {
      ...definition,
      async handler(payload, context) {
        const before = performance.now();
        try {
          await definition.handler(payload, context);
        } finally {
          const list = latencies.get(name) ?? [];
          list.push(performance.now() - before);
          latencies.set(name, list);
        }
      },
    };
    return timed;
  },
});

const count = async (query: Promise<{ n: unknown } | undefined>): Promise<number> => Number((await query)?.n ?? 0);

const jobCounts = async (db: Database): Promise<{ done: number; failed: number }> => {
  const rows = await db.read
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll().as('n')])
    .groupBy('status')
    .execute();
  const of = (status: string): number => Number(rows.find((r) => r.status === status)?.n ?? 0);
  const failed = await count(
    db.read
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('last_error', 'is not', null)
      .executeTakeFirst(),
  );
  return { done: of('done'), failed: failed + of('dead') };
};

/**
 * Runs the real job runner (`createJobRunner`, concurrency as `redress start`) on the jobs `keep`
 * accepts until `remaining()` is 0 or `maxMs` passes; throughput is the work done (`total -
 * remaining`) over that time, latency the timed job's handler.
 */
const runPhase = async (
  deps: Deps,
  options: {
    readonly keep: (name: string) => boolean;
    readonly timed: string;
    readonly total: number;
    readonly remaining: () => Promise<number>;
    readonly maxMs: number;
  },
): Promise<RunnerPhase> => {
  const latencies = new Map<string, number[]>();
  const before = await jobCounts(deps.db);
  const runner = createJobRunner({
    db: deps.db,
    registry: runnerRegistry(deps.jobs, options.keep, latencies),
    clock: systemClock,
    logger: createLogger('silent'),
    workerId: `bench:${process.pid}`,
    concurrency: MAIL_LIMITS.runnerConcurrency,
    pollIntervalMs: MAIL_LIMITS.pollMs,
  });
  const start = performance.now();
  runner.start();
  let left = options.total;
  let elapsed = 0;
  try {
    for (;;) {
      left = await options.remaining();
      elapsed = performance.now() - start;
      if (left === 0 || elapsed > options.maxMs) break;
      await new Promise((resolve) => setTimeout(resolve, MAIL_LIMITS.pollMs));
    }
  } finally {
    await runner.stop();
  }
  const after = await jobCounts(deps.db);
  return {
    ...summarize(options.total - left, elapsed, latencies.get(options.timed) ?? []),
    handlers: [...latencies].map(([job, list]) => ({ job, ...summarize(list.length, elapsed, list) })),
    total: options.total,
    jobs: after.done - before.done,
    failedJobs: after.failed - before.failed,
    stoppedEarly: left > 0,
  };
};

/**
 * The mail section on one backend: Redress (`createDeps` on a real data directory) with its SMTP
 * receiver on loopback, complaints sent at each concurrency, then processing, then sending. Never
 * throws: what fails is in `problems` or `skipped`.
 */
export const runBackend = async (
  kind: 'sqlite' | 'postgres',
  source: ComplaintSource,
  sink: BareSmtp,
  progress: (text: string) => void,
): Promise<BackendResults> => {
  const name = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const results = {
    backend: name,
    sync: kind === 'sqlite' ? 'synchronous=FULL' : 'n/a',
    receive: [] as SmtpLoad[],
    process: undefined as RunnerPhase | undefined,
    send: undefined as RunnerPhase | undefined,
    receivedTotal: undefined as number | undefined,
    parked: undefined as number | undefined,
    settings: undefined as string | undefined,
    problems: [] as string[],
  };
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-mail-'));
  let opened: OpenedBackend | undefined;
  try {
    try {
      opened = await openBackend(kind, join(dir, 'data'));
    } catch (error) {
      return { ...results, skipped: `${name} rows skipped: ${describeError(error)}` };
    }
    results.sync = opened.sync;
    results.settings = opened.note;
    const config = loadConfig(
      {
        LOG_LEVEL: 'silent',
        SMTP_URL: sink.url,
        MAIL_FROM: 'Shop Help <help@shop.example>',
        REDRESS_PUBLIC_URL: 'https://help.shop.example',
      },
      { dataDir: join(dir, 'data') },
    );
    const deps = createDeps(config, opened.db, systemClock);
    await configure(deps);
    const receiver = await startSmtpReceiver({
      port: 0,
      host: '127.0.0.1',
      maxBytes: 25 * 1024 * 1024,
      channelFor: (address) => deps.inboundMail.channelForAddress(address),
      receive: (input) => deps.inboundMail.receiveRaw(input),
      logger: createLogger('silent'),
    });
    let next = 0;
    try {
      for (const concurrency of MAIL_LIMITS.concurrencies) {
        progress(`mail: ${name}: complaints over SMTP at concurrency ${concurrency}`);
        results.receive.push(
          await pooledLoad({
            port: receiver.port,
            concurrency,
            count: MAIL_LIMITS.count,
            maxMs: MAIL_LIMITS.smtpMaxMs,
            warmup: MAIL_LIMITS.warmup,
            message: () => source.mail(next++),
          }),
        );
      }
    } finally {
      await receiver.stop();
    }

    const db = deps.db;
    const countThreaded = () =>
      count(
        db.read
          .selectFrom('email_messages')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('direction', '=', 'inbound')
          .where('status', '!=', 'received')
          .executeTakeFirst(),
      );
    const received = await count(
      db.read
        .selectFrom('email_messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('direction', '=', 'inbound')
        .executeTakeFirst(),
    );
    // Processing is measured on the first `processBatch` messages, queued jobs and all: the runner
    // takes jobs oldest first, so with every message queued it would open no case's follow-on work
    // (clocks, acknowledgement) before the last message. The rest wait under another job name.
    const pending = await db.read
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', PROCESS_INBOUND_JOB)
      .where('status', '=', 'queued')
      .orderBy('run_at')
      .orderBy('id')
      .execute();
    const batch = pending.slice(0, MAIL_LIMITS.processBatch[kind]).map((row) => row.id);
    if (pending.length > batch.length) {
      await db.write((tx) =>
        tx
          .updateTable('jobs')
          .set({ name: PARKED_JOB })
          .where('name', '=', PROCESS_INBOUND_JOB)
          .where('status', '=', 'queued')
          .where('id', 'not in', batch)
          .execute(),
      );
    }
    results.parked = pending.length - batch.length;
    results.receivedTotal = received;
    const dueJobs = () =>
      count(
        db.read
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('status', 'in', ['queued', 'running'])
          .where('name', 'not in', [SEND_JOB, PARKED_JOB])
          .where('run_at', '<=', toDbTime(new Date()))
          .executeTakeFirst(),
      );
    progress(`mail: ${name}: the job runner turns ${batch.length} messages into cases`);
    const inBatch = batch.length;
    results.process = await runPhase(deps, {
      keep: (job) => job !== SEND_JOB,
      timed: PROCESS_INBOUND_JOB,
      total: inBatch,
      remaining: async () => {
        const left = await dueJobs();
        // Messages still to do, while any job of theirs is; the count of jobs says when all are done.
        return left === 0 ? 0 : Math.max(1, inBatch - (await countThreaded()));
      },
      maxMs: MAIL_LIMITS.processMaxMs,
    });
    const threaded = await countThreaded();
    if (threaded < inBatch && !results.process.stoppedEarly) {
      results.problems.push(`only ${threaded} of ${inBatch} messages processed.`);
    }
    const cases = await count(
      db.read
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst(),
    );
    if (threaded !== cases) {
      results.problems.push(`${threaded} messages threaded but ${cases} cases opened (expected one case each).`);
    }

    const queuedSends = () =>
      count(
        db.read
          .selectFrom('jobs')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('name', '=', SEND_JOB)
          .where('status', '=', 'queued')
          .executeTakeFirst(),
      );
    const acknowledgements = await queuedSends();
    if (acknowledgements < cases && !results.process.stoppedEarly) {
      results.problems.push(`${cases} cases opened but ${acknowledgements} acknowledgements queued.`);
    }
    progress(`mail: ${name}: the send job delivers ${acknowledgements} acknowledgements to the sink`);
    const sunkBefore = sink.received();
    results.send = await runPhase(deps, {
      keep: (job) => job === SEND_JOB,
      timed: SEND_JOB,
      total: acknowledgements,
      remaining: async () => Math.max(0, acknowledgements - (sink.received() - sunkBefore)),
      maxMs: MAIL_LIMITS.sendMaxMs,
    });
    const notSent = await count(
      db.read
        .selectFrom('email_messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('direction', '=', 'outbound')
        .where('status', '!=', 'sent')
        .executeTakeFirst(),
    );
    if (notSent > 0 && !results.send.stoppedEarly) {
      results.problems.push(`${notSent} outbound e-mails not marked sent after the send phase.`);
    }
    return results;
  } catch (error) {
    results.problems.push(`${name} stopped early: ${describeError(error)}`);
    return results;
  } finally {
    try {
      await opened?.close();
    } catch (error) {
      results.problems.push(`Could not close ${name}: ${describeError(error)}`);
    }
    rmSync(dir, { recursive: true, force: true });
  }
};
