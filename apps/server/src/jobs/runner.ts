import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../shared/clock.ts';
import type { Logger } from '../shared/logger.ts';
import type { Database } from '../storage/database.ts';
import {
  claimJobs,
  finishJob,
  hasClaimableJobs,
  releaseExpiredLeases,
  renewJobLeases,
  type JobRecord,
} from '../storage/jobs.repository.ts';
import { checkPayload, type JobRegistry } from './registry.ts';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, type RetryPolicy } from './retry.ts';
import { sleep } from './sleep.ts';

export interface JobRunnerOptions {
  readonly db: Database;
  readonly registry: JobRegistry;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Names this process in `locked_by`; unique per process (see `defaultWorkerId`). */
  readonly workerId: string;
  /** Jobs run at once by this process. Default 4. */
  readonly concurrency?: number;
  /** Milliseconds between polls while the queue is empty. Default 1000. */
  readonly pollIntervalMs?: number;
  /**
   * Milliseconds a claim lasts. Renewed every third of it while the job runs, so it bounds how
   * long a crashed worker's jobs wait to be picked up again, not how long a job may take.
   * Default 5 minutes.
   */
  readonly leaseMs?: number;
  readonly retry?: RetryPolicy;
}

export interface JobRunner {
  /** Starts polling in the background. Idempotent. */
  start(): void;
  /** Stops claiming, then resolves once every job already claimed has finished and been recorded. */
  stop(): Promise<void>;
  /**
   * Claims one batch (up to the free concurrency), runs it, records the outcomes and resolves with
   * the number of jobs claimed. Tests drive the runner with this and a fixed clock.
   */
  runOnce(): Promise<number>;
}

/** `<host>:<pid>:<random>` — readable in `locked_by`, unique even across container restarts. */
export const defaultWorkerId = (): string => `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

const describeError = (error: unknown): string =>
  error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);

/**
 * The database-backed job runner. At-least-once: a job is claimed with a lease, run, and marked
 * done; on failure it is retried with exponential backoff until `max_attempts`, then marked dead.
 * Jobs of a crashed worker are picked up again once their lease expires.
 */
export const createJobRunner = (options: JobRunnerOptions): JobRunner => {
  const { db, registry, clock, logger, workerId } = options;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;

  const inFlight = new Map<string, Promise<void>>();
  let reserved = 0;
  const freeSlots = (): number => concurrency - inFlight.size - reserved;
  let renewTimer: NodeJS.Timeout | undefined;
  let loop: Promise<void> | undefined;
  let stopSignal = new AbortController();

  const renewLeases = async (): Promise<void> => {
    const ids = [...inFlight.keys()];
    try {
      const lockedUntil = new Date(clock.now().getTime() + leaseMs);
      await db.write((tx) => renewJobLeases(tx, ids, workerId, lockedUntil));
    } catch (error) {
      logger.warn({ err: error, jobIds: ids }, 'could not renew job leases');
    }
  };

  // One timer for all in-flight jobs, alive only while there are some.
  const track = (id: string, run: Promise<void>): Promise<void> => {
    renewTimer ??= setInterval(() => void renewLeases(), Math.max(1, Math.floor(leaseMs / 3))).unref();
    const settled = run.finally(() => {
      inFlight.delete(id);
      if (inFlight.size === 0 && renewTimer) {
        clearInterval(renewTimer);
        renewTimer = undefined;
      }
    });
    inFlight.set(id, settled);
    return settled;
  };

  const record = async (job: JobRecord, outcome: Parameters<typeof finishJob>[4]): Promise<void> => {
    const held = await db.write((tx) => finishJob(tx, job.id, workerId, clock.now(), outcome));
    // Our lease expired and someone else owns the job now; their outcome wins.
    if (!held) logger.warn({ jobId: job.id, job: job.name }, 'job outcome not recorded: lease lost');
  };

  /** Runs one claimed job and records its outcome. Never rejects. */
  const execute = async (job: JobRecord): Promise<void> => {
    const jobLogger = logger.child({ jobId: job.id, job: job.name, attempt: job.attempts });
    try {
      // Claims only ask for registered names, so a missing definition is a registry swapped mid-run.
      const definition = registry.get(job.name);
      const check = definition
        ? checkPayload(definition, job.payload)
        : { ok: false as const, reason: `no handler registered for ${job.name}` };
      if (!check.ok || !definition) {
        const reason = check.ok ? 'unknown job' : check.reason;
        jobLogger.error({ reason }, 'job is dead: it cannot run');
        await record(job, { status: 'dead', error: reason });
        return;
      }
      const startedAt = clock.now();
      try {
        await definition.handler(check.payload, {
          jobId: job.id,
          name: job.name,
          attempt: job.attempts,
          maxAttempts: job.maxAttempts,
          workerId,
          logger: jobLogger,
        });
      } catch (error) {
        const retryAt = nextAttemptAt(job.attempts, job.maxAttempts, clock.now(), retry);
        jobLogger.warn({ err: error, retryAt }, retryAt ? 'job failed; will retry' : 'job failed; giving up');
        await record(
          job,
          retryAt
            ? { status: 'retry', runAt: retryAt, error: describeError(error) }
            : { status: 'dead', error: describeError(error) },
        );
        return;
      }
      jobLogger.debug({ ms: clock.now().getTime() - startedAt.getTime() }, 'job done');
      await record(job, { status: 'done' });
    } catch (error) {
      // Recording failed (database unreachable): the lease expires and the job runs again.
      jobLogger.error({ err: error }, 'could not record job outcome');
    }
  };

  /** Claims up to `limit` jobs and starts them; resolves with their completion promises. */
  const launch = async (): Promise<Promise<void>[]> => {
    const limit = freeSlots();
    if (limit <= 0) return [];
    // Slots being claimed count as taken, so runOnce() beside the loop cannot exceed `concurrency`.
    reserved += limit;
    try {
      const now = clock.now();
      if (!(await hasClaimableJobs(db.read, now, registry.names))) return [];
      const { released, jobs } = await db.write(async (tx) => ({
        released: await releaseExpiredLeases(tx, db.dialect, now),
        jobs: await claimJobs(tx, db.dialect, {
          workerId,
          now,
          lockedUntil: new Date(now.getTime() + leaseMs),
          limit,
          names: registry.names,
        }),
      }));
      if (released.requeued + released.dead > 0) logger.warn(released, 'released jobs whose lease expired');
      return jobs.map((job) => track(job.id, execute(job)));
    } finally {
      reserved -= limit;
    }
  };

  const pollLoop = async (signal: AbortSignal): Promise<void> => {
    const aborted = new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
    while (!signal.aborted) {
      const free = freeSlots();
      let claimed = 0;
      try {
        claimed = (await launch()).length;
      } catch (error) {
        logger.error({ err: error }, 'could not claim jobs');
      }
      if (signal.aborted) break;
      if ((free > 0 && claimed < free) || inFlight.size === 0) {
        // The queue had less than we could take (nothing more is due yet), or it could not be read.
        await sleep(pollIntervalMs, signal);
      } else {
        // Every slot is busy: go again as soon as one frees up.
        await Promise.race([...inFlight.values(), aborted]);
      }
    }
  };

  return {
    start() {
      if (loop) return;
      stopSignal = new AbortController();
      logger.info({ workerId, concurrency }, 'job runner started');
      loop = pollLoop(stopSignal.signal);
    },
    async stop() {
      stopSignal.abort();
      await loop;
      loop = undefined;
      await Promise.all(inFlight.values());
      logger.info({ workerId }, 'job runner stopped');
    },
    async runOnce() {
      const runs = await launch();
      await Promise.all(runs);
      return runs.length;
    },
  };
};
