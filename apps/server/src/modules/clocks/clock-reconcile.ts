import type { BusinessCalendar } from '../calendars/index.ts';
import type { ServicePolicy, Target } from '../policies/index.ts';
import {
  calendarOf,
  clockEventPayload,
  FINISHED,
  isActive,
  minutesBetween,
  PAUSABLE,
  POLICY_CLOCKS,
  rescheduled,
  withBreachReconsidered,
  type CaseChangeLike,
  type ClockCaseSnapshot,
  type ClockChange,
  type ClockEnv,
  type PolicyClock,
  type ServiceClock,
} from './clock.ts';

/**
 * Reconciliation: what a case change does to the case's clocks (start, meet, cancel, pause, resume,
 * restart, recompute under a newly chosen policy). Pure: the rows in, the rows to write and the
 * events to append out.
 */

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
