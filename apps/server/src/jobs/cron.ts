import { CronExpressionParser, type CronExpression } from 'cron-parser';

/**
 * Cron maths: pure functions of (expression, IANA time zone, instant). No clock, no database.
 *
 * An expression is read as wall-clock time in its zone — `0 9 * * 1-5` in `Europe/London` is 09:00
 * London time on weekdays, 08:00 or 09:00 UTC depending on the season. Around DST changes (these are
 * cron-parser's rules, pinned by cron.test.ts):
 * - a time that does not exist (spring forward, e.g. 01:30 in London on the last Sunday of March)
 *   runs an hour later in wall-clock terms (02:30 BST), once;
 * - a time that happens twice (fall back, 01:30 in London on the last Sunday of October) runs once,
 *   at its first occurrence, *provided the schedule is walked slot to slot* — cron-parser's answer
 *   inside the repeated hour depends on where the walk starts, so `planCronFire` always continues
 *   from the stored slot and never restarts from "now";
 * - expressions that step through every hour (`0 * * * *`) run every real hour, so twice at
 *   01:00 wall-clock time on the fall-back night.
 */

/** True when `timeZone` is an IANA zone this runtime knows (e.g. `Asia/Taipei`, `UTC`). */
export const isValidTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
};

const iterate = (expression: string, timeZone: string, after: Date): CronExpression =>
  CronExpressionParser.parse(expression, { currentDate: after, tz: timeZone });

/** Why `expression` in `timeZone` cannot be scheduled, or null when it can. */
export const cronProblem = (expression: string, timeZone: string): string | null => {
  if (!isValidTimeZone(timeZone)) return `Unknown time zone "${timeZone}"`;
  try {
    const cron = iterate(expression, timeZone, new Date(0));
    if (!cron.hasNext()) return `Cron expression "${expression}" never fires`;
    return null;
  } catch (error) {
    return `Invalid cron expression "${expression}": ${error instanceof Error ? error.message : String(error)}`;
  }
};

/**
 * The first slot of `expression` (wall clock in the IANA `timeZone`) strictly after the instant
 * `after`. Returns a UTC instant. Throws on an invalid expression or zone (see `cronProblem`).
 */
export const nextRunAfter = (expression: string, timeZone: string, after: Date): Date =>
  iterate(expression, timeZone, after).next().toDate();

export interface CronSlotState {
  readonly expression: string;
  readonly timeZone: string;
  /** The stored next slot (UTC); always a slot of the expression. */
  readonly nextRunAt: Date;
}

export interface CronFirePlan {
  /** The one slot to fire now (UTC): the latest slot at or before `now`. */
  readonly slot: Date;
  /** The slot after `now` to store (UTC). */
  readonly nextRunAt: Date;
}

const HOUR_MS = 3_600_000;
/** How far back to re-anchor after an outage, smallest first: keeps the walk short (see below). */
const CATCH_UP_WINDOWS_MS = [HOUR_MS, 25 * HOUR_MS, 32 * 24 * HOUR_MS, 367 * 24 * HOUR_MS];

/**
 * What a scheduler tick at `now` (UTC) should do with one schedule: nothing (null) when its next
 * slot is still ahead; otherwise fire ONE slot — the latest one at or before `now` — and store the
 * first slot after `now`.
 *
 * Why one and not every missed slot: scheduled jobs here are sweeps that act on the state they
 * find (escalations due, reminders owed, digests of "since last run"); after an outage one run
 * catches up and fifty back-to-back runs would only repeat it. A job that needs each period once
 * (say a daily report) should take its period from the last one it finished, not from the slot.
 *
 * The walk goes forward from the stored slot (see the DST note above). After a long outage it
 * first re-anchors at the start of the smallest window before `now` that contains a slot, so the
 * work is bounded by that window's slots, not by the outage (a per-minute schedule down for a year
 * walks one hour, not 525,600 slots). Re-anchoring only ever skips slots, so it cannot fire one twice.
 */
export const planCronFire = (state: CronSlotState, now: Date): CronFirePlan | null => {
  if (state.nextRunAt.getTime() > now.getTime()) return null;
  let from = state.nextRunAt;
  for (const windowMs of CATCH_UP_WINDOWS_MS) {
    const anchor = new Date(now.getTime() - windowMs);
    if (anchor.getTime() <= from.getTime()) break;
    const candidate = nextRunAfter(state.expression, state.timeZone, anchor);
    if (candidate.getTime() <= now.getTime()) {
      from = candidate;
      break;
    }
  }
  const walk = iterate(state.expression, state.timeZone, from);
  let slot = from;
  for (;;) {
    const next = walk.next().toDate();
    if (next.getTime() > now.getTime()) return { slot, nextRunAt: next };
    slot = next;
  }
};

/**
 * The id of the job a schedule fires for `slot`. Deterministic, so two schedulers firing the same
 * slot enqueue one job (the insert is `ON CONFLICT DO NOTHING`). STYLE #8 (Documenso's
 * `createCronRunId`).
 */
export const cronJobId = (scheduleName: string, slot: Date): string => `cron:${scheduleName}:${slot.toISOString()}`;
