import type { Kysely, Selectable } from 'kysely';
import { newId } from '../shared/ids.ts';
import { readBool, readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from './codec.ts';
import type { DialectName, Tx } from './database.ts';
import type { CronSchedulesTable, JobsTable, Schema } from './schema.ts';

/**
 * The job queue, which is also the outbox (STYLE #9), and the cron table. SQL only: the decisions
 * (what to claim, when to retry, which cron slot fires) are made in `jobs/`.
 *
 * Every instant is a UTC `Date` passed in by the caller (its `Clock`); nothing here reads the time.
 */

export const JobStatus = {
  /** Waiting for `run_at`. */
  Queued: 'queued',
  /** Claimed by `locked_by` until `locked_until` (the lease). */
  Running: 'running',
  Done: 'done',
  /** Gave up: attempts exhausted, invalid payload. Kept for inspection; never retried by itself. */
  Dead: 'dead',
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];

export interface NewJob {
  readonly name: string;
  readonly payload: unknown;
  /** When it may run (UTC); defaults to `now`. */
  readonly runAt?: Date;
  /** Defaults to a fresh `job_…`. Give a deterministic id to enqueue at most once. */
  readonly id?: string;
  readonly maxAttempts?: number;
}

export interface JobRecord {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly status: JobStatus;
  readonly runAt: Date;
  /** Claims so far, including the current run: 1 while the first attempt runs. */
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly lockedBy: string | null;
  readonly lockedUntil: Date | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

type Reader = Kysely<Schema>;

const DEFAULT_MAX_ATTEMPTS = 5;
/** Long stack traces are noise in a column; the log line has the full error. */
const MAX_ERROR_LENGTH = 4_000;

const toJob = (row: Selectable<JobsTable>): JobRecord => ({
  id: row.id,
  name: row.name,
  payload: readJson(row.payload),
  status: row.status as JobStatus,
  runAt: readTime(row.run_at),
  attempts: readInt(row.attempts),
  maxAttempts: readInt(row.max_attempts),
  lockedBy: row.locked_by,
  lockedUntil: readOptionalTime(row.locked_until),
  lastError: row.last_error,
  createdAt: readTime(row.created_at),
  finishedAt: readOptionalTime(row.finished_at),
});

/**
 * Enqueues a job inside the caller's transaction — the outbox: the side effect is recorded with the
 * state change and runs only after both commit. An existing id is left alone (`ON CONFLICT DO
 * NOTHING`), so deterministic ids make enqueueing idempotent. `now` (UTC) stamps `created_at`.
 */
export const enqueueJob = async (tx: Tx, job: NewJob, now: Date): Promise<{ id: string; inserted: boolean }> => {
  const id = job.id ?? newId('job', now);
  const inserted = await tx
    .insertInto('jobs')
    .values({
      id,
      name: job.name,
      payload: toDbJson(job.payload),
      status: JobStatus.Queued,
      run_at: toDbTime(job.runAt ?? now),
      attempts: 0,
      max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
      created_at: toDbTime(now),
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return { id, inserted: inserted !== undefined };
};

/** Rows per multi-row job INSERT: 7 parameters each keeps a statement far below either database's limit. */
const JOBS_PER_STATEMENT = 1_000;

/**
 * Enqueues many jobs inside the caller's transaction in as few statements as possible (one per
 * 1,000 jobs), each as `enqueueJob` would: an existing id is left alone (`ON CONFLICT DO NOTHING`),
 * and `now` (UTC) stamps `created_at` (and `run_at` unless the job gives one). Returns the ids.
 */
export const enqueueJobs = async (tx: Tx, jobs: readonly NewJob[], now: Date): Promise<string[]> => {
  const rows = jobs.map((job) => ({
    id: job.id ?? newId('job', now),
    name: job.name,
    payload: toDbJson(job.payload),
    status: JobStatus.Queued,
    run_at: toDbTime(job.runAt ?? now),
    attempts: 0,
    max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    created_at: toDbTime(now),
  }));
  for (let i = 0; i < rows.length; i += JOBS_PER_STATEMENT) {
    await tx
      .insertInto('jobs')
      .values(rows.slice(i, i + JOBS_PER_STATEMENT))
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }
  return rows.map((row) => row.id);
};

/**
 * Whether a claim at `now` (UTC) would find anything: a due queued job with one of `names`, or an
 * expired lease. A cheap read, so an idle worker's poll never opens a write transaction.
 */
export const hasClaimableJobs = async (db: Reader, now: Date, names: readonly string[]): Promise<boolean> => {
  if (names.length === 0) return false;
  const at = toDbTime(now);
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', JobStatus.Queued), eb('run_at', '<=', at), eb('name', 'in', [...names])]),
        eb.and([eb('status', '=', JobStatus.Running), eb('locked_until', '<', at)]),
      ]),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
};

/**
 * Claims up to `limit` due jobs (`run_at <= now`, name in `names`) for `workerId` until
 * `lockedUntil`, counting the attempt. On PostgreSQL `FOR UPDATE SKIP LOCKED` lets concurrent
 * workers claim disjoint batches without waiting; SQLite has one writer (the group commit's
 * `BEGIN IMMEDIATE`), so the plain `UPDATE … RETURNING` is already exclusive.
 */
export const claimJobs = async (
  tx: Tx,
  dialect: DialectName,
  claim: { workerId: string; now: Date; lockedUntil: Date; limit: number; names: readonly string[] },
): Promise<JobRecord[]> => {
  if (claim.limit <= 0 || claim.names.length === 0) return [];
  const due = tx
    .selectFrom('jobs')
    .select('id')
    .where('status', '=', JobStatus.Queued)
    .where('run_at', '<=', toDbTime(claim.now))
    .where('name', 'in', [...claim.names])
    .orderBy('run_at')
    .limit(claim.limit)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
  const rows = await tx
    .updateTable('jobs')
    .set((eb) => ({
      status: JobStatus.Running,
      locked_by: claim.workerId,
      locked_until: toDbTime(claim.lockedUntil),
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', due)
    .returningAll()
    .execute();
  return rows.map(toJob).sort((a, b) => a.runAt.getTime() - b.runAt.getTime());
};

/**
 * Frees jobs whose lease ran out (`locked_until < now`) — their worker crashed or hung — so they run
 * again: back to `queued` due now, or `dead` if that was their last attempt (a job that kills its
 * worker every time must not take the fleet down forever). Returns how many of each.
 */
export const releaseExpiredLeases = async (
  tx: Tx,
  dialect: DialectName,
  now: Date,
): Promise<{ requeued: number; dead: number }> => {
  const at = toDbTime(now);
  const expired = (exhausted: boolean) =>
    tx
      .selectFrom('jobs')
      .select('id')
      .where('status', '=', JobStatus.Running)
      .where('locked_until', '<', at)
      .where((eb) => eb('attempts', exhausted ? '>=' : '<', eb.ref('max_attempts')))
      .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked());
  const dead = await tx
    .updateTable('jobs')
    .set({ status: JobStatus.Dead, finished_at: at, locked_by: null, locked_until: null, last_error: 'lease expired' })
    .where('id', 'in', expired(true))
    .executeTakeFirst();
  const requeued = await tx
    .updateTable('jobs')
    .set({ status: JobStatus.Queued, run_at: at, locked_by: null, locked_until: null, last_error: 'lease expired' })
    .where('id', 'in', expired(false))
    .executeTakeFirst();
  return { requeued: Number(requeued.numUpdatedRows), dead: Number(dead.numUpdatedRows) };
};

/** Extends the lease of jobs `workerId` is still running. Returns how many it still held. */
export const renewJobLeases = async (
  tx: Tx,
  ids: readonly string[],
  workerId: string,
  lockedUntil: Date,
): Promise<number> => {
  if (ids.length === 0) return 0;
  const result = await tx
    .updateTable('jobs')
    .set({ locked_until: toDbTime(lockedUntil) })
    .where('id', 'in', [...ids])
    .where('locked_by', '=', workerId)
    .where('status', '=', JobStatus.Running)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
};

/**
 * Records the end of one run — only if `workerId` still holds the job (a worker whose lease expired
 * and was reclaimed must not overwrite the new owner's state). Returns false when it no longer did.
 *
 * `outcome`: `done`; `retry` at `runAt` (UTC); or `dead`.
 */
export const finishJob = async (
  tx: Tx,
  id: string,
  workerId: string,
  now: Date,
  outcome: { status: 'done' } | { status: 'retry'; runAt: Date; error: string } | { status: 'dead'; error: string },
): Promise<boolean> => {
  const released = { locked_by: null, locked_until: null } as const;
  const fields =
    outcome.status === 'done'
      ? { ...released, status: JobStatus.Done, finished_at: toDbTime(now), last_error: null }
      : outcome.status === 'retry'
        ? { ...released, status: JobStatus.Queued, run_at: toDbTime(outcome.runAt), last_error: clip(outcome.error) }
        : { ...released, status: JobStatus.Dead, finished_at: toDbTime(now), last_error: clip(outcome.error) };
  const result = await tx
    .updateTable('jobs')
    .set(fields)
    .where('id', '=', id)
    .where('locked_by', '=', workerId)
    .where('status', '=', JobStatus.Running)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
};

const clip = (text: string): string => (text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH)}…` : text);

export const getJob = async (db: Reader, id: string): Promise<JobRecord | undefined> => {
  const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toJob(row);
};

/** Jobs by status, for health checks and tests. */
export const countJobsByStatus = async (db: Reader): Promise<Record<JobStatus, number>> => {
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => ['status', eb.fn.countAll().as('count')])
    .groupBy('status')
    .execute();
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status as JobStatus] = readInt(row.count);
  return counts;
};

// ---- cron table -------------------------------------------------------------------------------

export interface CronScheduleRecord {
  /** Stable key, e.g. `escalation.sweep`; part of each fired job's id. */
  readonly name: string;
  /** Five-field (or six with seconds) cron expression, read in `timeZone`. */
  readonly expression: string;
  /** IANA zone, e.g. `Europe/London`: "09:00" means 09:00 there, across DST. */
  readonly timeZone: string;
  readonly jobName: string;
  readonly payload: unknown;
  readonly enabled: boolean;
  /** The next slot to fire (UTC). */
  readonly nextRunAt: Date;
  readonly lastRunAt: Date | null;
}

const toSchedule = (row: Selectable<CronSchedulesTable>): CronScheduleRecord => ({
  name: row.name,
  expression: row.expression,
  timeZone: row.time_zone,
  jobName: row.job_name,
  payload: readJson(row.payload),
  enabled: readBool(row.enabled),
  nextRunAt: readTime(row.next_run_at),
  lastRunAt: readOptionalTime(row.last_run_at),
});

const toScheduleRow = (s: CronScheduleRecord) => ({
  name: s.name,
  expression: s.expression,
  time_zone: s.timeZone,
  job_name: s.jobName,
  payload: toDbJson(s.payload),
  enabled: s.enabled,
  next_run_at: toDbTime(s.nextRunAt),
  last_run_at: s.lastRunAt && toDbTime(s.lastRunAt),
});

export const findCronSchedule = async (db: Reader, name: string): Promise<CronScheduleRecord | undefined> => {
  const row = await db.selectFrom('cron_schedules').selectAll().where('name', '=', name).executeTakeFirst();
  return row && toSchedule(row);
};

/** Reads one schedule inside `tx`, locking its row on PostgreSQL until the transaction ends. */
export const lockCronSchedule = async (
  tx: Tx,
  dialect: DialectName,
  name: string,
): Promise<CronScheduleRecord | undefined> => {
  const row = await tx
    .selectFrom('cron_schedules')
    .selectAll()
    .where('name', '=', name)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate())
    .executeTakeFirst();
  return row && toSchedule(row);
};

export const listCronSchedules = async (db: Reader): Promise<CronScheduleRecord[]> =>
  (await db.selectFrom('cron_schedules').selectAll().orderBy('name').execute()).map(toSchedule);

/** Inserts or replaces the whole row for `schedule.name`. */
export const saveCronSchedule = async (tx: Tx, schedule: CronScheduleRecord): Promise<void> => {
  const row = toScheduleRow(schedule);
  await tx
    .insertInto('cron_schedules')
    .values(row)
    .onConflict((oc) => oc.column('name').doUpdateSet(row))
    .execute();
};

/**
 * Locks and returns enabled schedules due at `now` (UTC). On PostgreSQL rows another scheduler is
 * firing are skipped (`SKIP LOCKED`) — it will advance them; SQLite's single writer serialises ticks.
 */
export const lockDueCronSchedules = async (
  tx: Tx,
  dialect: DialectName,
  now: Date,
  limit: number,
): Promise<CronScheduleRecord[]> => {
  const rows = await tx
    .selectFrom('cron_schedules')
    .selectAll()
    .where('enabled', '=', true)
    .where('next_run_at', '<=', toDbTime(now))
    .orderBy('next_run_at')
    .limit(limit)
    .$if(dialect === 'postgres', (qb) => qb.forUpdate().skipLocked())
    .execute();
  return rows.map(toSchedule);
};

/** Moves a schedule on after firing `firedAt` (UTC); the next slot is `nextRunAt` (UTC). */
export const advanceCronSchedule = async (tx: Tx, name: string, firedAt: Date, nextRunAt: Date): Promise<void> => {
  await tx
    .updateTable('cron_schedules')
    .set({ last_run_at: toDbTime(firedAt), next_run_at: toDbTime(nextRunAt) })
    .where('name', '=', name)
    .execute();
};
