import { alertInstants, type ClockEnv, type ServiceClock } from './clock.ts';

/**
 * The sweeper's rule for one due clock: which warning or breach to announce and what to write.
 * Pure; the sweep itself (batches, locks, conditional writes) is in `clocks.service.ts`.
 */

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
