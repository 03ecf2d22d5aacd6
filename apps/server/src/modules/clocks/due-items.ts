import {
  isActive,
  rescheduled,
  withBreachReconsidered,
  type ClockEnv,
  type DueItemInput,
  type ServiceClock,
} from './clock.ts';

/** Due items: the clocks other modules ask for (a task, a commitment, an escalation), one per subject. */

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
