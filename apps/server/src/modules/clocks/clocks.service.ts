import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type NewEvent, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { dueAt, dueFor, workingMinutesBetween } from '../calendars/index.ts';
import { selectPolicy } from '../policies/index.ts';
import {
  alertStep,
  clockEventPayload,
  DEFAULT_WARN_PERCENTS,
  dueItemKey,
  isClockRelevant,
  percentUsed,
  reconcileClocks,
  reselectsPolicy,
  settledClock,
  trackedClock,
  type CaseChangeLike,
  type ClockEnv,
  type DueItemInput,
  type ServiceClock,
  type TimeMath,
} from './clock.ts';
import type { ClockRepository, ClockStore } from './clock.repository.ts';
import type { ServicePolicy } from './clock-deps.ts';

/** The business-time maths of modules/calendars, as the pure core takes it. */
export const CALENDAR_MATH: TimeMath = { dueAt, workingMinutesBetween, dueFor };

const envFor = async (port: ClockRepository, calendarIds: readonly (string | null)[]): Promise<ClockEnv> => {
  const ids = [...new Set(calendarIds.filter((id): id is string => id !== null))];
  return { math: CALENDAR_MATH, calendars: ids.length > 0 ? await port.calendars(ids) : new Map() };
};

/**
 * Brings the case's clocks up to date after `changes` were appended on it, in the caller's unit of
 * work: chooses the policy again when the change calls for it (and records it on the case), then
 * starts, meets, pauses, resumes or recomputes clocks and appends `clock.started` / `clock.met`
 * on the case. Does nothing (no read) when no change matters to clocks. `now` is UTC.
 */
export const reconcileCaseClocks = async (
  port: ClockRepository,
  ctx: Context,
  caseId: string,
  changes: readonly CaseChangeLike[],
  now: Date,
): Promise<void> => {
  if (!changes.some(isClockRelevant)) return;
  const snapshot = await port.caseSnapshot(caseId);
  if (!snapshot) return;
  const created = changes.some((c) => c.type === 'case.created');
  const reselected = reselectsPolicy(changes);
  const [policies, clocks] = await Promise.all([
    port.enabledPolicies(),
    // A case being opened has no clocks yet: intake skips the read.
    created ? Promise.resolve([]) : port.listCaseClocks(caseId, true),
  ]);
  const policy: ServicePolicy | null = reselected
    ? (selectPolicy(policies, {
        categoryId: snapshot.categoryId,
        severity: snapshot.severity,
        channel: snapshot.channel,
        siteId: snapshot.siteId,
        customerTier: snapshot.customerTier,
      }) ?? null)
    : (policies.find((p) => p.id === snapshot.policyId) ?? null);
  const env = await envFor(port, [policy?.calendarId ?? null, ...clocks.map((c) => c.calendarId)]);
  const result = reconcileClocks(
    { case: snapshot, changes, policy, reselected, clocks, newId: () => newId('clk', now) },
    env,
    now,
  );
  if (reselected && (policy?.id ?? null) !== snapshot.policyId) await port.setCasePolicy(caseId, policy?.id ?? null);
  for (const write of result.writes) {
    if (write.isNew) await port.insertClock(write.clock);
    else await port.saveClock(write.clock);
  }
  for (const event of result.events) {
    await port.appendEvent({
      type: event.type,
      subjectType: 'case',
      subjectId: caseId,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: event.payload,
      occurredAt: now,
    });
  }
};

/**
 * Times a task, commitment or escalation on its case, in the caller's unit of work: key
 * `<kind>:<subjectId>`. `dueAt` (UTC) is taken as given; `targetMinutes` are working minutes of the
 * case's policy calendar (every minute when it has none). Tracking the same item again moves its
 * due time. Warnings follow the case policy's thresholds (80 % without a policy). The owning
 * module records its own events; this adds none.
 */
export const trackDueItem = async (port: ClockRepository, input: DueItemInput, now: Date): Promise<ServiceClock> => {
  const [snapshot, policies, existing] = await Promise.all([
    port.caseSnapshot(input.caseId),
    port.enabledPolicies(),
    port.findClock(input.caseId, dueItemKey(input.kind, input.subjectId), true),
  ]);
  const policy = snapshot?.policyId ? policies.find((p) => p.id === snapshot.policyId) : undefined;
  const calendarId = policy?.calendarId ?? null;
  const env = await envFor(port, [calendarId]);
  const clock = trackedClock(
    {
      ...input,
      id: newId('clk', now),
      policyId: policy?.id ?? null,
      calendarId: calendarId && env.calendars.has(calendarId) ? calendarId : null,
      warnPercents: policy?.warnPercents ?? DEFAULT_WARN_PERCENTS,
    },
    existing,
    env,
    now,
  );
  if (existing) await port.saveClock(clock);
  else await port.insertClock(clock);
  return clock;
};

/**
 * Settles a due item's clock (`met`: answered, kept; `cancelled`: withdrawn) in the caller's unit
 * of work. No clock, or one already settled: nothing happens. Returns whether it was settled now.
 */
export const settleDueItem = async (
  port: ClockRepository,
  item: { readonly caseId: string; readonly kind: DueItemInput['kind']; readonly subjectId: string },
  outcome: 'met' | 'cancelled',
  now: Date,
): Promise<boolean> => {
  const existing = await port.findClock(item.caseId, dueItemKey(item.kind, item.subjectId), true);
  const settled = existing && settledClock(existing, outcome, now);
  if (!settled) return false;
  await port.saveClock(settled);
  return true;
};

export interface SweepResult {
  /** Clocks looked at. */
  readonly examined: number;
  readonly warned: number;
  readonly breached: number;
  readonly batches: number;
}

export interface SweepOptions {
  /** Clocks per transaction. Default 500. */
  readonly batchSize?: number;
  /** Batches per run; the next run continues. Default 200. */
  readonly maxBatches?: number;
}

/**
 * Records every warning and breach due at `now` (UTC), each exactly once. Batches of due clocks,
 * each in ONE transaction: select (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent sweepers
 * share the work), compute each step (pure), write them all in one statement, each conditionally on
 * its row being as read, and append `clock.warned` / `clock.breached` on the case (one multi-row
 * insert) only for rows that write really changed. A
 * sweep stopped anywhere leaves each batch committed whole or not at all, so the next sweep
 * neither repeats nor loses an alert. Runs as the system actor (`ctx`).
 */
export const sweepDueClocks = async (
  store: UnitOfWork<ClockStore>,
  ctx: Context,
  now: Date,
  options: SweepOptions = {},
): Promise<SweepResult> => {
  const batchSize = options.batchSize ?? 500;
  const maxBatches = options.maxBatches ?? 200;
  let examined = 0;
  let warned = 0;
  let breached = 0;
  let batches = 0;
  while (batches < maxBatches) {
    const done = await store.write(async ({ clocks: port }) => {
      const due = await port.lockDueClocks(now, batchSize);
      const env = await envFor(
        port,
        due.map((c) => c.calendarId),
      );
      const steps = due.map((clock) => ({ clock, step: alertStep(clock, env, now) }));
      // One conditional write for the whole batch; only the rows it really changed get an event.
      const written = await port.recordAlerts(
        steps.map(({ clock, step }) => ({
          seen: clock,
          update: { warningsSent: step.warningsSent, nextAlertAt: step.nextAlertAt, breachedAt: step.breachedAt },
        })),
        now,
      );
      const events: NewEvent[] = [];
      for (const { clock, step } of steps) {
        if (!written.has(clock.id) || !step.event) continue;
        const payload: Record<string, unknown> = { ...clockEventPayload(clock) };
        if (step.event.type === 'clock.warned') {
          payload.percent = step.event.percent;
          warned += 1;
        } else {
          breached += 1;
        }
        events.push({
          type: step.event.type,
          subjectType: 'case',
          subjectId: clock.caseId,
          actorId: actorId(ctx.actor),
          requestId: ctx.requestId,
          payload,
          occurredAt: now,
        });
      }
      await port.appendEvents(events);
      examined += due.length;
      return { found: due.length, changed: written.size };
    });
    batches += 1;
    // Fewer rows than asked: nothing else is due (or the rest is locked by another sweeper).
    if (done.found < batchSize) break;
    // A full batch none of which could be written: every row moved under us; let the next run look.
    if (done.changed === 0) break;
  }
  return { examined, warned, breached, batches };
};

/** A clock as the read API shows it. */
export interface ClockView {
  readonly clock: ServiceClock;
  readonly percentUsed: number;
}

export interface ClockServiceDeps {
  readonly store: UnitOfWork<ClockStore>;
  readonly clock: Clock;
  /** The case when the caller may read it; otherwise `not_found` (cases.requireVisibleCase). */
  readonly requireVisibleCase: (ctx: Context, caseId: string) => Promise<{ id: string }>;
}

/** Service clocks: reading a case's clocks, and the sweep that announces warnings and breaches. */
export const createClockService = ({ store, clock, requireVisibleCase }: ClockServiceDeps) => {
  /** A case's clocks with how much of each one's time is used, for a caller who may read the case. */
  const listCaseClocks = async (ctx: Context, caseId: string): Promise<ClockView[]> => {
    requirePermission(ctx.actor, 'case:read');
    const visible = await requireVisibleCase(ctx, caseId);
    const port = store.read.clocks;
    const clocks = await port.listCaseClocks(visible.id);
    const env = await envFor(
      port,
      clocks.map((c) => c.calendarId),
    );
    const now = clock.now();
    return clocks.map((c) => ({ clock: c, percentUsed: percentUsed(c, env, now) }));
  };

  /** One sweep at the clock's "now" (see `sweepDueClocks`). */
  const sweep = (ctx: Context, options?: SweepOptions): Promise<SweepResult> =>
    sweepDueClocks(store, ctx, clock.now(), options);

  return { listCaseClocks, sweep };
};

export type ClockService = ReturnType<typeof createClockService>;
