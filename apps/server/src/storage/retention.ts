import { toDbTime } from './codec.ts';
import type { Database } from './database.ts';

/** How long finished records are kept before housekeeping removes them. */
export const RETENTION = {
  /** Finished (done or dead) jobs: long enough to investigate a failure. */
  finishedJobsMs: 30 * 24 * 60 * 60 * 1000,
  /** Failed sign-ins: far beyond the 15-minute rate-limit window. */
  loginAttemptsMs: 24 * 60 * 60 * 1000,
  /** `Idempotency-Key` records: a retry within a day replays the first response. */
  idempotencyKeysMs: 24 * 60 * 60 * 1000,
} as const;

export interface PruneResult {
  readonly sessions: number;
  readonly loginAttempts: number;
  readonly jobs: number;
  readonly idempotencyKeys: number;
}

/**
 * Deletes expired sessions, old failed sign-ins, long-finished jobs and day-old idempotency keys. Idempotent: running it
 * twice, or on two instances, removes nothing twice. The event log is never pruned here.
 */
export const pruneExpired = async (db: Database, now: Date): Promise<PruneResult> =>
  db.write(async (tx) => {
    const sessions = await tx.deleteFrom('sessions').where('expires_at', '<=', toDbTime(now)).executeTakeFirst();
    const attempts = await tx
      .deleteFrom('login_attempts')
      .where('attempted_at', '<', toDbTime(new Date(now.getTime() - RETENTION.loginAttemptsMs)))
      .executeTakeFirst();
    const jobs = await tx
      .deleteFrom('jobs')
      .where('status', 'in', ['done', 'dead'])
      .where('finished_at', '<', toDbTime(new Date(now.getTime() - RETENTION.finishedJobsMs)))
      .executeTakeFirst();
    const idempotencyKeys = await tx
      .deleteFrom('idempotency_keys')
      .where('created_at', '<', toDbTime(new Date(now.getTime() - RETENTION.idempotencyKeysMs)))
      .executeTakeFirst();
    return {
      sessions: Number(sessions.numDeletedRows),
      loginAttempts: Number(attempts.numDeletedRows),
      jobs: Number(jobs.numDeletedRows),
      idempotencyKeys: Number(idempotencyKeys.numDeletedRows),
    };
  });
