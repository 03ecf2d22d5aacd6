import type { CaseChannel, CaseStatus, ClockKind, ClockState, Severity } from '@redress/contract';
import type { BusinessCalendar, ServicePolicy, Target } from './clock-deps.ts';

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

const MINUTE_MS = 60_000;
/** Warnings for due items on a case without a policy. */
export const DEFAULT_WARN_PERCENTS: readonly number[] = [80];
/** The case-level clocks a policy's targets start; the others are one per subject. */
export const POLICY_CLOCKS = ['acknowledge', 'first_response', 'keep_in_loop', 'resolve', 'regulatory'] as const;
type PolicyClock = (typeof POLICY_CLOCKS)[number];
/** Clocks that stop while the case waits (the regulator's clock and promises with a date never do). */
const PAUSABLE: readonly ClockKind[] = ['acknowledge', 'first_response', 'keep_in_loop', 'resolve'];
const FINISHED: readonly CaseStatus[] = ['resolved', 'closed'];

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

const isActive = (clock: ServiceClock): boolean => clock.state === 'running' || clock.state === 'paused';

const calendarOf = (clock: Pick<ServiceClock, 'calendarId'>, env: ClockEnv): BusinessCalendar | null =>
  clock.calendarId ? (env.calendars.get(clock.calendarId) ?? null) : null;

/** `minutes` of the clock's time after `start`: working minutes of its calendar, or wall minutes. */
const addMinutes = (start: Date, minutes: number, cal: BusinessCalendar | null, env: ClockEnv): Date =>
  cal ? env.math.dueAt(start, minutes, cal) : new Date(start.getTime() + minutes * MINUTE_MS);

/** Whole minutes (the columns are integers): working minutes of `cal`, or wall minutes. */
const minutesBetween = (from: Date, to: Date, cal: BusinessCalendar | null, env: ClockEnv): number =>
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

/** What one sweep does to a due clock: the event to record (if any) and the columns to write. */
export interface AlertStep {
  readonly event:
    { readonly type: 'clock.warned'; readonly percent: number } | { readonly type: 'clock.breached' } | null;
  readonly warningsSent: number;
  readonly nextAlertAt: Date | null;
  readonly breachedAt: Date | null;
}

/**
 * The sweeper's rule for one clock at `now`. Past the due time: the breach, once, and any warning
 * not yet announced is passed over (a late sweep does not send "50 % used" about a breached promise).
 * Otherwise the LATEST threshold passed is announced and the earlier unsent ones are passed over —
 * each threshold is recorded at most once per cycle. Null event: nothing to announce yet (the
 * row's `next_alert_at` is only corrected).
 */
export const alertStep = (clock: ServiceClock, env: ClockEnv, now: Date): AlertStep => {
  const total = clock.warnPercents.length;
  if (clock.state !== 'running' || clock.breachedAt) {
    return { event: null, warningsSent: clock.warningsSent, nextAlertAt: null, breachedAt: clock.breachedAt };
  }
  if (now.getTime() >= clock.dueAt.getTime()) {
    return { event: { type: 'clock.breached' }, warningsSent: total, nextAlertAt: null, breachedAt: clock.dueAt };
  }
  const instants = alertInstants(clock, env);
  let passed = clock.warningsSent;
  while (passed < total && (instants[passed]?.getTime() ?? Infinity) <= now.getTime()) passed += 1;
  const nextAlertAt = instants[passed] ?? clock.dueAt;
  if (passed === clock.warningsSent) {
    return { event: null, warningsSent: passed, nextAlertAt, breachedAt: null };
  }
  return {
    event: { type: 'clock.warned', percent: clock.warnPercents[passed - 1] ?? 0 },
    warningsSent: passed,
    nextAlertAt,
    breachedAt: null,
  };
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

const targetOf = (policy: ServicePolicy, key: PolicyClock): Target | null => {
  switch (key) {
    case 'acknowledge':
      return policy.targets.acknowledge;
    case 'first_response':
      return policy.targets.firstResponse;
    case 'keep_in_loop':
      return policy.targets.keepInLoop;
    case 'resolve':
      return policy.targets.resolve;
    case 'regulatory':
      return policy.regulatory ? { unit: 'calendar_days', amount: policy.regulatory.days } : null;
  }
};

/**
 * A policy target as the row stores it, for a (cycle) start at `start`: the target itself, the
 * minutes the cycle allows (rounded: only warnings and percentages use them for working days) and
 * the calendar they are counted in (null for calendar days: wall-clock minutes).
 */
export const targetAsMinutes = (
  target: Target,
  start: Date,
  cal: BusinessCalendar | null,
  env: ClockEnv,
): { target: Target; targetMinutes: number; calendarId: string | null } => {
  if (target.unit === 'working_minutes') return { target, targetMinutes: target.amount, calendarId: cal?.id ?? null };
  const due = env.math.dueFor(start, target, cal);
  if (target.unit === 'working_days') {
    return { target, targetMinutes: minutesBetween(start, due, cal, env), calendarId: cal?.id ?? null };
  }
  return { target, targetMinutes: minutesBetween(start, due, null, env), calendarId: null };
};

/**
 * The minutes a new cycle started at `start` allows, from the clock's own target: the target is
 * converted again (3 working days from a reopen are not the minutes 3 working days took from
 * receipt). Calendar days convert in UTC here (the row keeps no zone for them); only resolve and
 * keep-in-loop restart, and their targets count working time.
 */
const cycleMinutes = (clock: ServiceClock, start: Date, env: ClockEnv): number | null =>
  clock.target && clock.targetMinutes !== null
    ? targetAsMinutes(clock.target, start, calendarOf(clock, env), env).targetMinutes
    : clock.targetMinutes;

const policyCalendar = (policy: ServicePolicy, env: ClockEnv): BusinessCalendar | null =>
  policy.calendarId ? (env.calendars.get(policy.calendarId) ?? null) : null;

export interface ReconcileInput {
  readonly case: ClockCaseSnapshot;
  /** The events just appended on the case, in order. */
  readonly changes: readonly CaseChangeLike[];
  /** The policy in force after the change: re-selected (see `reselectsPolicy`) or the recorded one. */
  readonly policy: ServicePolicy | null;
  /** True when `policy` was chosen again by this change; running clocks are then recomputed from it. */
  readonly reselected: boolean;
  /** The case's current clock rows (one per key). */
  readonly clocks: readonly ServiceClock[];
  readonly newId: () => string;
}

export interface ReconcileResult {
  /** Rows to insert (`isNew`) or write back; unchanged rows are left out. */
  readonly writes: readonly { readonly clock: ServiceClock; readonly isNew: boolean }[];
  readonly events: readonly ClockChange[];
}

/**
 * Brings a case's clocks up to date after `input.changes`, all at `now` (UTC):
 * - intake starts one clock per target of the policy (absent target: no clock); acknowledge,
 *   first response, resolve and the regulatory clock count from receipt, keep-in-loop from now;
 * - a re-selected policy recomputes every running clock from its start, cancels clocks whose target
 *   it lacks, and starts missing resolve/regulatory (from receipt) and keep-in-loop clocks — not
 *   acknowledge or first response, whose moment may already have passed unrecorded;
 * - acknowledge is met by any status after `new`; first response by an outbound message or a
 *   logged call, which also meets keep-in-loop and starts its next cycle while the case is open;
 * - resolve and regulatory are met at `resolved`; a reopen starts resolve (and keep-in-loop) again
 *   as a new cycle; resolving cancels keep-in-loop (no more updates are owed);
 * - closing a resolved case cancels whatever still runs; a merge (or any close that skips
 *   `resolved`) cancels everything first, so nothing is recorded as met;
 * - pausable clocks pause while the status is in the policy's pause list and resume after; the paused
 *   working minutes extend the due time.
 */
export const reconcileClocks = (input: ReconcileInput, env: ClockEnv, now: Date): ReconcileResult => {
  const { case: snapshot, changes, policy } = input;
  const byKey = new Map(input.clocks.map((clock) => [clock.key, clock]));
  const original = new Map(byKey);
  const events: ClockChange[] = [];
  const put = (clock: ServiceClock): void => {
    byKey.set(clock.key, clock);
  };
  const status = snapshot.status;
  const created = changes.some((c) => c.type === 'case.created');
  // Merged into another case, or closed without being resolved first: nothing was met, the case
  // just stops here. (Closing a resolved case is the ordinary end; its clocks were met at resolve.)
  const ended =
    changes.some((c) => c.type === 'case.merged') ||
    changes.some((c) => c.type === 'case.status_changed' && c.payload.to === 'closed' && c.payload.from !== 'resolved');
  const reopened = changes.some((c) => c.type === 'case.status_changed' && c.payload.action === 'reopen');
  const responded = changes.some(
    (c) => (c.type === 'case.message_recorded' && c.payload.direction === 'outbound') || c.type === 'case.call_logged',
  );
  const finished = FINISHED.includes(status) && !ended;

  const settle = (clock: ServiceClock, state: 'met' | 'cancelled'): ServiceClock => {
    const cal = calendarOf(clock, env);
    const pausedMinutes = clock.pausedAt
      ? clock.pausedMinutes + minutesBetween(clock.pausedAt, now, cal, env)
      : clock.pausedMinutes;
    const settled: ServiceClock = {
      ...clock,
      state,
      pausedAt: null,
      pausedMinutes,
      settledAt: now,
      nextAlertAt: null,
      updatedAt: now,
    };
    if (state === 'met')
      events.push({ type: 'clock.met', payload: { ...clockEventPayload(settled), late: settled.breachedAt !== null } });
    return settled;
  };
  const started = (clock: ServiceClock): ServiceClock => {
    events.push({ type: 'clock.started', payload: clockEventPayload(clock) });
    return clock;
  };
  /** A new cycle of a settled (or just met) clock from `now`, its stored target converted again. */
  const restart = (clock: ServiceClock): ServiceClock =>
    started(
      rescheduled(
        {
          ...clock,
          cycle: clock.cycle + 1,
          startedAt: now,
          targetMinutes: cycleMinutes(clock, now, env),
          pausedAt: null,
          pausedMinutes: 0,
          warningsSent: 0,
          breachedAt: null,
          settledAt: null,
          state: 'running',
        },
        env,
        now,
      ),
    );
  const fromPolicy = (key: PolicyClock, target: Target, start: Date, p: ServicePolicy): ServiceClock => {
    const minutes = targetAsMinutes(target, start, policyCalendar(p, env), env);
    return rescheduled(
      {
        id: input.newId(),
        caseId: snapshot.id,
        key,
        kind: key,
        subjectId: null,
        cycle: 1,
        policyId: p.id,
        calendarId: minutes.calendarId,
        startedAt: start,
        target: minutes.target,
        targetMinutes: minutes.targetMinutes,
        pausedAt: null,
        pausedMinutes: 0,
        dueAt: start,
        warnPercents: p.warnPercents,
        warningsSent: 0,
        nextAlertAt: null,
        state: 'running',
        breachedAt: null,
        settledAt: null,
        createdAt: now,
        updatedAt: now,
      },
      env,
      now,
    );
  };

  // 1. The policy's clocks: started at intake, recomputed when the policy is chosen again.
  if (input.reselected) {
    for (const key of POLICY_CLOCKS) {
      const existing = byKey.get(key);
      const target = policy ? targetOf(policy, key) : null;
      if (!policy || !target) {
        if (existing && isActive(existing)) put(settle(existing, 'cancelled'));
        continue;
      }
      const fromReceipt = key !== 'keep_in_loop';
      if (!existing) {
        const wanted =
          created ||
          (!finished && status !== 'closed' && (key === 'resolve' || key === 'regulatory' || key === 'keep_in_loop'));
        if (wanted) put(started(fromPolicy(key, target, fromReceipt ? snapshot.createdAt : now, policy)));
        continue;
      }
      if (!isActive(existing)) continue;
      const minutes = targetAsMinutes(target, existing.startedAt, policyCalendar(policy, env), env);
      // Paused minutes were counted in the old calendar; the row keeps only their total, so it is
      // carried over as it is (a policy change during a long pause is rare, and the error is bounded
      // by that pause).
      const recomputed = rescheduled(
        { ...existing, policyId: policy.id, ...minutes, warnPercents: policy.warnPercents },
        env,
        now,
      );
      put(withBreachReconsidered(recomputed, env, now));
    }
  }

  // 2. What happened to the case. A case that ended without being resolved cancels everything
  // first, so that no rule below records a clock as met.
  if (ended) {
    for (const clock of byKey.values()) if (isActive(clock)) put(settle(clock, 'cancelled'));
  }
  const ack = byKey.get('acknowledge');
  if (ack && isActive(ack) && status !== 'new') put(settle(ack, 'met'));
  if (responded) {
    const first = byKey.get('first_response');
    if (first && isActive(first)) put(settle(first, 'met'));
    const loop = byKey.get('keep_in_loop');
    if (loop && isActive(loop)) {
      const met = settle(loop, 'met');
      put(finished ? met : restart(met));
    }
  }
  if (finished) {
    for (const key of ['resolve', 'regulatory'] as const) {
      const clock = byKey.get(key);
      if (clock && isActive(clock)) put(settle(clock, 'met'));
    }
    const loop = byKey.get('keep_in_loop');
    if (loop && isActive(loop)) put(settle(loop, 'cancelled'));
  }
  if (reopened && !finished) {
    for (const key of ['resolve', 'keep_in_loop'] as const) {
      const clock = byKey.get(key);
      if (clock && !isActive(clock)) put(restart(clock));
    }
  }
  if (status === 'closed') {
    for (const clock of byKey.values()) if (isActive(clock)) put(settle(clock, 'cancelled'));
  }

  // 3. Pause and resume by status.
  const pauseStatuses = policy?.pauseStatuses ?? [];
  for (const clock of byKey.values()) {
    if (!PAUSABLE.includes(clock.kind) || clock.targetMinutes === null) continue;
    const shouldPause = pauseStatuses.includes(status);
    if (clock.state === 'running' && shouldPause) {
      put({ ...clock, state: 'paused', pausedAt: now, nextAlertAt: null, updatedAt: now });
    } else if (clock.state === 'paused' && !shouldPause) {
      const cal = calendarOf(clock, env);
      const pausedMinutes = clock.pausedMinutes + (clock.pausedAt ? minutesBetween(clock.pausedAt, now, cal, env) : 0);
      put(rescheduled({ ...clock, state: 'running', pausedAt: null, pausedMinutes }, env, now));
    }
  }

  const writes = [...byKey.values()]
    .filter((clock) => original.get(clock.key) !== clock)
    .map((clock) => ({ clock, isNew: !original.has(clock.key) }));
  return { writes, events };
};

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

export const dueItemKey = (kind: DueItemInput['kind'], subjectId: string): string => `${kind}:${subjectId}`;

/**
 * The clock for a due item: a new one, or `existing` (same key) timed again — re-tracking a running
 * clock moves its due time and keeps the warnings already sent; re-tracking a settled one starts a
 * new cycle. `calendarId` and `warnPercents` come from the case's policy.
 */
export const trackedClock = (
  input: DueItemInput & {
    readonly id: string;
    readonly policyId: string | null;
    readonly calendarId: string | null;
    readonly warnPercents: readonly number[];
  },
  existing: ServiceClock | undefined,
  env: ClockEnv,
  now: Date,
): ServiceClock => {
  const minutesBased = input.dueAt === undefined;
  if (minutesBased === (input.targetMinutes === undefined)) {
    throw new RangeError('Give exactly one of dueAt and targetMinutes');
  }
  const fresh = !existing || !isActive(existing);
  const base: ServiceClock = {
    id: existing?.id ?? input.id,
    caseId: input.caseId,
    key: dueItemKey(input.kind, input.subjectId),
    kind: input.kind,
    subjectId: input.subjectId,
    cycle: existing ? (fresh ? existing.cycle + 1 : existing.cycle) : 1,
    policyId: input.policyId,
    calendarId: minutesBased ? input.calendarId : null,
    startedAt: input.startedAt,
    target: minutesBased ? { unit: 'working_minutes', amount: input.targetMinutes ?? 0 } : null,
    targetMinutes: minutesBased ? (input.targetMinutes ?? 0) : null,
    pausedAt: null,
    pausedMinutes: 0,
    dueAt: input.dueAt ?? input.startedAt,
    warnPercents: input.warnPercents,
    warningsSent: fresh ? 0 : (existing?.warningsSent ?? 0),
    nextAlertAt: null,
    state: 'running',
    breachedAt: fresh ? null : (existing?.breachedAt ?? null),
    settledAt: null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  return withBreachReconsidered(rescheduled(base, env, now), env, now);
};

/** Settles a due item's clock: `met` (answered, kept) or `cancelled` (withdrawn). Settled clocks stay as they are. */
export const settledClock = (clock: ServiceClock, outcome: 'met' | 'cancelled', now: Date): ServiceClock | undefined =>
  isActive(clock)
    ? { ...clock, state: outcome, pausedAt: null, settledAt: now, nextAlertAt: null, updatedAt: now }
    : undefined;
