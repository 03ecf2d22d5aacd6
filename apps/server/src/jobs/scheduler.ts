import type { Clock } from '../shared/clock.ts';
import { AppError, ErrorCode } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { Database } from '../storage/database.ts';
import {
  advanceCronSchedule,
  enqueueJob,
  lockCronSchedule,
  lockDueCronSchedules,
  saveCronSchedule,
  type CronScheduleRecord,
} from '../storage/jobs.repository.ts';
import { cronJobId, cronProblem, nextRunAfter, planCronFire } from './cron.ts';
import { sleep } from './sleep.ts';

/** One row of the cron table, as code declares it. */
export interface CronDefinition {
  /** Stable key, e.g. `escalation.sweep`; part of every fired job's id. */
  readonly name: string;
  /** Cron expression (5 fields, or 6 with seconds first), read as wall-clock time in `timeZone`. */
  readonly expression: string;
  /** IANA zone, e.g. `Europe/London`, `Asia/Taipei`. */
  readonly timeZone: string;
  /** The registered job to enqueue at each slot. */
  readonly jobName: string;
  readonly payload?: unknown;
  readonly enabled?: boolean;
}

/**
 * Creates or updates a schedule (at boot, from code, or from an admin screen). `now` is the
 * current UTC instant. The stored next slot is kept when the timing (expression and zone) is
 * unchanged — so a restart never skips a slot that came due while the process was down — and
 * recomputed from `now` when the timing changes or a disabled schedule is enabled again.
 * Throws `config_invalid` for an invalid expression or zone.
 */
export const upsertCronSchedule = async (
  db: Database,
  definition: CronDefinition,
  now: Date,
): Promise<CronScheduleRecord> => {
  const problem = cronProblem(definition.expression, definition.timeZone);
  if (problem) throw new AppError(ErrorCode.ConfigInvalid, `Cron schedule "${definition.name}": ${problem}`);
  const enabled = definition.enabled ?? true;
  return db.write(async (tx) => {
    const existing = await lockCronSchedule(tx, db.dialect, definition.name);
    const keepSlot =
      existing !== undefined &&
      existing.enabled &&
      existing.expression === definition.expression &&
      existing.timeZone === definition.timeZone;
    const schedule: CronScheduleRecord = {
      name: definition.name,
      expression: definition.expression,
      timeZone: definition.timeZone,
      jobName: definition.jobName,
      payload: definition.payload ?? {},
      enabled,
      nextRunAt: keepSlot ? existing.nextRunAt : nextRunAfter(definition.expression, definition.timeZone, now),
      lastRunAt: existing?.lastRunAt ?? null,
    };
    await saveCronSchedule(tx, schedule);
    return schedule;
  });
};

export interface SchedulerOptions {
  readonly db: Database;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Milliseconds between ticks; a slot fires at most this late. Default 15 000. */
  readonly tickMs?: number;
  /** Schedules handled per tick (the rest wait for the next tick). Default 100. */
  readonly batchSize?: number;
}

export interface FiredSlot {
  readonly schedule: string;
  readonly jobId: string;
  /** The slot fired (UTC). */
  readonly slot: Date;
  /** False when another scheduler had already enqueued this slot. */
  readonly enqueued: boolean;
}

export interface Scheduler {
  start(): void;
  /** Stops ticking; resolves after the tick in progress (if any) has committed. */
  stop(): Promise<void>;
  /** One tick at the clock's "now": fires every due schedule once. Tests drive it directly. */
  tickOnce(): Promise<FiredSlot[]>;
}

/**
 * The cron table's ticker. Each tick, in ONE transaction: lock the due enabled schedules (on
 * PostgreSQL `FOR UPDATE SKIP LOCKED`, so concurrent schedulers split them instead of queueing),
 * enqueue each one's job with the deterministic id `cron:<name>:<slot ISO>` (`ON CONFLICT DO
 * NOTHING`), and advance `next_run_at`. The row lock and the id each on their own prevent a
 * double fire; together they make it impossible for any number of scheduler instances.
 * After downtime a schedule fires once, for its latest missed slot (see `planCronFire`).
 */
export const createScheduler = (options: SchedulerOptions): Scheduler => {
  const { db, clock, logger } = options;
  const tickMs = options.tickMs ?? 15_000;
  const batchSize = options.batchSize ?? 100;
  let loop: Promise<void> | undefined;
  let stopSignal = new AbortController();

  const tickOnce = async (): Promise<FiredSlot[]> => {
    const now = clock.now();
    const broken: Array<{ schedule: string; err: unknown }> = [];
    const fired = await db.write(async (tx) => {
      const slots: FiredSlot[] = [];
      for (const schedule of await lockDueCronSchedules(tx, db.dialect, now, batchSize)) {
        let plan;
        try {
          plan = planCronFire(schedule, now);
        } catch (error) {
          // Only a hand-edited row gets here (upsert validates); leave it and say so every tick.
          broken.push({ schedule: schedule.name, err: error });
          continue;
        }
        if (!plan) continue;
        const jobId = cronJobId(schedule.name, plan.slot);
        const { inserted } = await enqueueJob(
          tx,
          { id: jobId, name: schedule.jobName, payload: schedule.payload, runAt: plan.slot },
          now,
        );
        await advanceCronSchedule(tx, schedule.name, plan.slot, plan.nextRunAt);
        slots.push({ schedule: schedule.name, jobId, slot: plan.slot, enqueued: inserted });
      }
      return slots;
    });
    for (const problem of broken) logger.error(problem, 'cron schedule cannot be evaluated');
    for (const slot of fired) logger.info(slot, slot.enqueued ? 'cron slot fired' : 'cron slot already fired');
    return fired;
  };

  const tickLoop = async (signal: AbortSignal): Promise<void> => {
    while (!signal.aborted) {
      try {
        await tickOnce();
      } catch (error) {
        logger.error({ err: error }, 'scheduler tick failed');
      }
      await sleep(tickMs, signal);
    }
  };

  return {
    tickOnce,
    start() {
      if (loop) return;
      stopSignal = new AbortController();
      logger.info({ tickMs }, 'scheduler started');
      loop = tickLoop(stopSignal.signal);
    },
    async stop() {
      stopSignal.abort();
      await loop;
      loop = undefined;
      logger.info('scheduler stopped');
    },
  };
};
