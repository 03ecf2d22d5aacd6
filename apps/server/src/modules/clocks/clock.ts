import type { CaseChannel, CaseStatus, ClockKind, ClockState, Severity } from '@redress/contract';
import type { BusinessCalendar } from '../calendars/index.ts';
import type { Target } from '../policies/index.ts';

/**
 * Service clocks (STYLE #7, "deadlines are data"): every promise about a case is a row with a due
 * time, recomputed on each relevant change. This file is the pure core: which clocks a case change
 * starts, meets, pauses, resumes or restarts, and when each clock must next be announced (a
 * warning threshold or the breach). No I/O and no "now" of its own; calendar maths is passed in.
 *
 * A clock keeps the policy target it counts (`target`: unit and amount) and, for the cycle under
 * way, `targetMinutes`: the working minutes of its calendar (`calendarId` null: wall minutes) that
 * the target allows from the cycle's start. The target is converted again at each cycle start
 * (`dueFor`), never carried over from an earlier cycle. The due time:
 * - `working_minutes`, `calendar_days` (stored with a null calendar: wall minutes):
 *   `dueAt(start, targetMinutes + paused)`;
 * - `working_days`: the close of the Nth working day, then the paused working minutes after it:
 *   `dueAt(dueFor(start, target), paused)` (no pause: exactly that close). Converting it to whole
 *   minutes instead would, for a start with seconds, run past the close into the next day.
 * Pauses extend every clock by the working time spent paused. The sweeper and the read API need
 * nothing but the row and its calendar, never the policy, which an administrator may have edited
 * since.
 * A due time given outright (tasks, commitments) has no target: its warnings fall at fractions of
 * the wall-clock span from start to due.
 *
 * This file holds the types and the schedule of one clock (due time, alert instants, share used);
 * `clock-reconcile.ts` applies case changes, `clock-alerts.ts` is the sweeper's step and
 * `due-items.ts` times tasks, commitments and escalations.
 */

/** The calendar maths the core needs (modules/calendars provides it; tests may pass their own). */
export interface TimeMath {
  /** The UTC instant once `minutes` working minutes of `cal` have passed after `start`. */
  dueAt(start: Date, minutes: number, cal: BusinessCalendar): Date;
  /** Working minutes of `cal` in `[from, to)`; 0 when `to <= from`. */
  workingMinutesBetween(from: Date, to: Date, cal: BusinessCalendar): number;
  /** The due instant of `target` started at `start` (null calendar: every minute counts, UTC days). */
  dueFor(start: Date, target: Target, cal: BusinessCalendar | null): Date;
}

/** Everything besides the rows that the clock maths reads: the calendar functions and the calendars by id. */
export interface ClockEnv {
  readonly math: TimeMath;
  readonly calendars: ReadonlyMap<string, BusinessCalendar>;
}

/** One clock row. Instants are UTC. */
export interface ServiceClock {
  readonly id: string;
  readonly caseId: string;
  /** Unique per case: `acknowledge`, `resolve`, `task:<id>` … */
  readonly key: string;
  readonly kind: ClockKind;
  readonly subjectId: string | null;
  readonly cycle: number;
  readonly policyId: string | null;
  /** null: every minute counts (calendar days, given due times). */
  readonly calendarId: string | null;
  readonly startedAt: Date;
  /** The target counted (policy clocks, due items in working minutes); null when the due time was given. */
  readonly target: Target | null;
  /**
   * Working minutes (wall minutes without a calendar) this cycle allows, whole; null when the due
   * time was given. Warnings fall at their share of it.
   */
  readonly targetMinutes: number | null;
  readonly pausedAt: Date | null;
  /** Working minutes (of the clock's calendar) spent paused in this cycle. */
  readonly pausedMinutes: number;
  readonly dueAt: Date;
  /** Ascending, each in (0, 100). */
  readonly warnPercents: readonly number[];
  /** How many of `warnPercents` are behind us (announced, or passed over by a late sweep) this cycle. */
  readonly warningsSent: number;
  /** When the sweeper must next look at this clock; null when nothing is left to announce. */
  readonly nextAlertAt: Date | null;
  readonly state: ClockState;
  readonly breachedAt: Date | null;
  readonly settledAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The case facts clocks depend on (a plain snapshot: the clocks module does not know cases). */
export interface ClockCaseSnapshot {
  readonly id: string;
  readonly status: CaseStatus;
  readonly categoryId: string | null;
  readonly severity: Severity;
  readonly channel: CaseChannel;
  readonly siteId: string | null;
  readonly customerTier: string | null;
  readonly createdAt: Date;
  /** The policy recorded on the case when it was last selected. */
  readonly policyId: string | null;
}

/** A case event as the cases module appends it. */
export interface CaseChangeLike {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/** An event the clocks add to the case's timeline. */
export interface ClockChange {
  readonly type: 'clock.started' | 'clock.met' | 'clock.warned' | 'clock.breached';
  readonly payload: Record<string, unknown>;
}
export const MINUTE_MS = 60_000;
/** Warnings for due items on a case without a policy. */
export const DEFAULT_WARN_PERCENTS: readonly number[] = [80];
/** The case-level clocks a policy's targets start; the others are one per subject. */
export const POLICY_CLOCKS = ['acknowledge', 'first_response', 'keep_in_loop', 'resolve', 'regulatory'] as const;
export type PolicyClock = (typeof POLICY_CLOCKS)[number];
/** Clocks that stop while the case waits (the regulator's clock and promises with a date never do). */
export const PAUSABLE: readonly ClockKind[] = ['acknowledge', 'first_response', 'keep_in_loop', 'resolve'];
export const FINISHED: readonly CaseStatus[] = ['resolved', 'closed'];

/** Change types after which a case's clocks may need reconciling; anything else is ignored cheaply. */
export const CLOCK_RELEVANT_FIELDS: readonly string[] = ['categoryId', 'severity', 'channel', 'siteId'];
export const isClockRelevant = (change: CaseChangeLike): boolean => {
  switch (change.type) {
    case 'case.created':
    case 'case.status_changed':
    case 'case.merged':
    case 'case.call_logged':
      return true;
    case 'case.message_recorded':
      return change.payload.direction === 'outbound';
    case 'case.field_changed':
      return CLOCK_RELEVANT_FIELDS.includes(String(change.payload.field));
    default:
      return false;
  }
};

/** True when the change makes the case's policy be chosen again (intake, or a field policies select on). */
export const reselectsPolicy = (changes: readonly CaseChangeLike[]): boolean =>
  changes.some(
    (c) =>
      c.type === 'case.created' ||
      (c.type === 'case.field_changed' && CLOCK_RELEVANT_FIELDS.includes(String(c.payload.field))),
  );
export const isActive = (clock: ServiceClock): boolean => clock.state === 'running' || clock.state === 'paused';

export const calendarOf = (clock: Pick<ServiceClock, 'calendarId'>, env: ClockEnv): BusinessCalendar | null =>
  clock.calendarId ? (env.calendars.get(clock.calendarId) ?? null) : null;

/** `minutes` of the clock's time after `start`: working minutes of its calendar, or wall minutes. */
export const addMinutes = (start: Date, minutes: number, cal: BusinessCalendar | null, env: ClockEnv): Date =>
  cal ? env.math.dueAt(start, minutes, cal) : new Date(start.getTime() + minutes * MINUTE_MS);

/** Whole minutes (the columns are integers): working minutes of `cal`, or wall minutes. */
export const minutesBetween = (from: Date, to: Date, cal: BusinessCalendar | null, env: ClockEnv): number =>
  to.getTime() <= from.getTime()
    ? 0
    : cal
      ? Math.round(env.math.workingMinutesBetween(from, to, cal))
      : Math.round((to.getTime() - from.getTime()) / MINUTE_MS);

/**
 * The instants to announce, in order: one per warning threshold, then the due time (the breach).
 * A threshold of p% falls when p% of the allowed time has been used, paused time not counted.
 */
export const alertInstants = (clock: ServiceClock, env: ClockEnv): Date[] => {
  const cal = calendarOf(clock, env);
  const warnings = clock.warnPercents.map((percent) => {
    if (clock.targetMinutes === null) {
      const span = clock.dueAt.getTime() - clock.startedAt.getTime();
      return new Date(clock.startedAt.getTime() + Math.round((span * percent) / 100));
    }
    return addMinutes(
      clock.startedAt,
      Math.round((clock.targetMinutes * percent) / 100) + clock.pausedMinutes,
      cal,
      env,
    );
  });
  return [...warnings, clock.dueAt];
};

/** When the sweeper must next look at `clock`: the next threshold not yet behind us, the breach, or null. */
export const nextAlertOf = (clock: ServiceClock, env: ClockEnv): Date | null => {
  if (clock.state !== 'running' || clock.breachedAt) return null;
  const instants = alertInstants(clock, env);
  return instants[Math.min(clock.warningsSent, clock.warnPercents.length)] ?? clock.dueAt;
};

/** The due time from the row's own facts (see the file comment); a given due time stays as it is. */
const dueOf = (clock: ServiceClock, env: ClockEnv): Date => {
  if (clock.targetMinutes === null) return clock.dueAt;
  const cal = calendarOf(clock, env);
  if (clock.target?.unit === 'working_days') {
    const close = env.math.dueFor(clock.startedAt, clock.target, cal);
    return clock.pausedMinutes > 0 ? addMinutes(close, clock.pausedMinutes, cal, env) : close;
  }
  return addMinutes(clock.startedAt, clock.targetMinutes + clock.pausedMinutes, cal, env);
};

/** Recomputes the due time (target-based clocks) and the next alert from the row's own facts. */
export const rescheduled = (clock: ServiceClock, env: ClockEnv, now: Date): ServiceClock => {
  const next = { ...clock, dueAt: dueOf(clock, env), updatedAt: now };
  return { ...next, nextAlertAt: nextAlertOf(next, env) };
};

/**
 * A clock whose due time was just recomputed (a new policy, a due item tracked again): a breach
 * recorded for an earlier due time no longer stands when the new one is still ahead. The breach is
 * cleared and the thresholds the new schedule has not reached yet will be announced; those it has
 * passed stay behind us (at most as many as before, so nothing announced is repeated early).
 */
export const withBreachReconsidered = (clock: ServiceClock, env: ClockEnv, now: Date): ServiceClock => {
  if (!clock.breachedAt || clock.dueAt.getTime() <= now.getTime()) return clock;
  const instants = alertInstants(clock, env);
  let passed = 0;
  while (passed < clock.warnPercents.length && (instants[passed]?.getTime() ?? Infinity) <= now.getTime()) passed += 1;
  return rescheduled({ ...clock, breachedAt: null, warningsSent: Math.min(clock.warningsSent, passed) }, env, now);
};

/**
 * Share of the allowed time used at `now` (or when it was settled or paused), in whole percent;
 * above 100 when overdue.
 */
export const percentUsed = (clock: ServiceClock, env: ClockEnv, now: Date): number => {
  const until = clock.settledAt ?? clock.pausedAt ?? now;
  if (clock.targetMinutes === null) {
    const span = clock.dueAt.getTime() - clock.startedAt.getTime();
    if (span <= 0) return 100;
    return Math.max(0, Math.floor(((until.getTime() - clock.startedAt.getTime()) * 100) / span));
  }
  if (clock.targetMinutes <= 0) return 100;
  const used = minutesBetween(clock.startedAt, until, calendarOf(clock, env), env) - clock.pausedMinutes;
  return Math.max(0, Math.floor((used * 100) / clock.targetMinutes));
};
/** The facts every clock event carries. */
export const clockEventPayload = (clock: ServiceClock): Record<string, unknown> => ({
  clockId: clock.id,
  key: clock.key,
  kind: clock.kind,
  subjectId: clock.subjectId,
  cycle: clock.cycle,
  dueAt: clock.dueAt.toISOString(),
});
/** What another module asks to have timed on a case: a task, a commitment, an escalation. */
export interface DueItemInput {
  readonly caseId: string;
  readonly kind: 'task' | 'commitment' | 'escalation';
  readonly subjectId: string;
  /** UTC. */
  readonly startedAt: Date;
  /** A due time given outright (UTC) … */
  readonly dueAt?: Date | undefined;
  /** … or working minutes of the case's policy calendar. Exactly one of the two. */
  readonly targetMinutes?: number | undefined;
}
