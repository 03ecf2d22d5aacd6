/**
 * When a failed job runs again. Pure: the runner passes the attempt count and its clock's "now".
 */
export interface RetryPolicy {
  /** Delay unit in milliseconds: the wait after attempt n is `baseMs · 2^n`. */
  readonly baseMs: number;
  /** Upper bound on one wait, in milliseconds. */
  readonly maxMs: number;
}

/** 10 s, 20 s, 40 s, 80 s … capped at one hour. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseMs: 5_000, maxMs: 3_600_000 };

/**
 * Milliseconds to wait after the `attempts`-th failed attempt (1 after the first failure):
 * `baseMs · 2^attempts`, capped at `maxMs`. Exponential so a dependency that is down for an hour
 * costs a handful of attempts, not thousands.
 */
export const retryDelayMs = (attempts: number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number =>
  Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts));

/**
 * After a failure: the UTC instant to run again, or null when `attempts` has used up `maxAttempts`
 * and the job should be marked dead.
 */
export const nextAttemptAt = (
  attempts: number,
  maxAttempts: number,
  now: Date,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): Date | null => (attempts >= maxAttempts ? null : new Date(now.getTime() + retryDelayMs(attempts, policy)));
