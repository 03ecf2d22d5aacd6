import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type NewEvent, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { dueAt, dueFor, workingMinutesBetween } from '../calendars/index.ts';
import { selectPolicy } from '../policies/index.ts';
import type { ServicePolicy } from '../policies/index.ts';
import { alertStep, type AlertStep } from './clock-alerts.ts';
import { reconcileClocks, type ReconcileInput, type ReconcileResult } from './clock-reconcile.ts';
import {
  clockEventPayload,
  DEFAULT_WARN_PERCENTS,
  isClockRelevant,
  percentUsed,
  reselectsPolicy,
  type CaseChangeLike,
  type ClockCaseSnapshot,
  type ClockEnv,
  type DueItemInput,
  type ServiceClock,
  type TimeMath,
} from './clock.ts';
import type { ClockRepository, ClockStore } from './clock.repository.ts';
import { dueItemKey, settledClock, trackedClock } from './due-items.ts';

/** The business-time maths of modules/calendars, as the pure core takes it. */
export const CALENDAR_MATH: TimeMath = { dueAt, workingMinutesBetween, dueFor };

const envFor = async (port: ClockRepository, calendarIds: readonly (string | null)[]): Promise<ClockEnv> => {
  const ids = [...new Set(calendarIds.filter((id): id is string => id !== null))];
  return { math: CALENDAR_MATH, calendars: ids.length > 0 ? await port.calendars(ids) : new Map() };
};

/** The same maths with no calendar at all: every minute counts (`ALWAYS_OPEN`). */
const WITHOUT_CALENDARS: ClockEnv = { math: CALENDAR_MATH, calendars: new Map() };

/**
 * The calendar maths' refusal: a calendar that puts a due time out of reach (no working time for
 * years, or beyond the five-year horizon). Validation keeps such calendars out, but one built from
 * holidays alone, or a huge target on a sparse week, can still get here.
 */
const isCalendarRefusal = (error: unknown): boolean =>
  error instanceof AppError && error.code === ErrorCode.RuleViolated;

/** The case as its own module just saved it: what clocks need, but the customer's tier and the policy. */
export type SavedCaseFacts = Omit<ClockCaseSnapshot, 'customerTier' | 'policyId'> & { readonly customerId: string };

/**
 * Reconciles with the case's calendars; when one of them refuses, once more counting every minute,
 * so that a bad calendar never makes a case change (intake above all) fail. The clocks started
 * that way say so on their events (`calendarFallback`), which is where an administrator sees it.
 */
const reconcileOrFallBack = (input: ReconcileInput, env: ClockEnv, now: Date): ReconcileResult => {
  try {
    return reconcileClocks(input, env, now);
  } catch (error) {
    if (!isCalendarRefusal(error)) throw error;
    const result = reconcileClocks(input, WITHOUT_CALENDARS, now);
    return {
      writes: result.writes,
      events: result.events.map((event) => ({ ...event, payload: { ...event.payload, calendarFallback: true } })),
    };
  }
};

/**
 * Brings the case's clocks up to date after `changes` were appended on it, in the caller's unit of
 * work: chooses the policy again when the change calls for it (and records it on the case), then
 * starts, meets, pauses, resumes or recomputes clocks and appends `clock.started` / `clock.met`
 * on the case. Does nothing (no read) when no change matters to clocks. `now` is UTC.
 *
 * `saved`: the case as the caller just saved it. At intake it stands in for reading the case back
 * (a new case has no policy and no clocks yet, so only the customer's tier is read). Otherwise the
 * case is read (with the customer's tier only when the policy is chosen again). The policy recorded
 * on the case is loaded by id, enabled or not: disabling a policy stops it being chosen for new
 * cases, it does not change how the clocks of cases already under it pause. A calendar that
 * refuses to give a due time falls back to counting every minute (see `reconcileOrFallBack`).
 */
export const reconcileCaseClocks = async (
  port: ClockRepository,
  ctx: Context,
  caseId: string,
  changes: readonly CaseChangeLike[],
  now: Date,
  saved?: SavedCaseFacts,
): Promise<void> => {
  if (!changes.some(isClockRelevant)) return;
  const created = changes.some((c) => c.type === 'case.created');
  const reselected = reselectsPolicy(changes);
  const snapshot: ClockCaseSnapshot | undefined =
    created && saved
      ? {
          id: saved.id,
          status: saved.status,
          categoryId: saved.categoryId,
          severity: saved.severity,
          channel: saved.channel,
          siteId: saved.siteId,
          createdAt: saved.createdAt,
          policyId: null,
          customerTier: await port.customerTier(saved.customerId),
        }
      : await port.caseSnapshot(caseId, reselected);
  if (!snapshot) return;
  const [policies, recorded, clocks] = await Promise.all([
    reselected ? port.enabledPolicies() : Promise.resolve([]),
    !reselected && snapshot.policyId ? port.policy(snapshot.policyId) : Promise.resolve(undefined),
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
    : (recorded ?? null);
  const env = await envFor(port, [policy?.calendarId ?? null, ...clocks.map((c) => c.calendarId)]);
  const result = reconcileOrFallBack(
    { case: snapshot, changes, policy, reselected, clocks, newId: () => newId('clk', now) },
    env,
    now,
  );
  if (reselected && (policy?.id ?? null) !== snapshot.policyId) await port.setCasePolicy(caseId, policy?.id ?? null);
  await port.insertClocks(result.writes.filter((w) => w.isNew).map((w) => w.clock));
  for (const write of result.writes) if (!write.isNew) await port.saveClock(write.clock);
  await port.appendEvents(
    result.events.map((event) => ({
      type: event.type,
      subjectType: 'case',
      subjectId: caseId,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: event.payload,
      occurredAt: now,
    })),
  );
};

/**
 * Times a task, commitment or escalation on its case, in the caller's unit of work: key
 * `<kind>:<subjectId>`. `dueAt` (UTC) is taken as given; `targetMinutes` are working minutes of the
 * case's policy calendar (every minute when it has none). Tracking the same item again moves its
 * due time. Warnings follow the case policy's thresholds (80 % without a policy). The owning
 * module records its own events; this adds none. The case's recorded policy counts whether or
 * not it is still enabled; a calendar that refuses to give a due time makes the item count every
 * minute instead (the row then has no calendar).
 */
export const trackDueItem = async (port: ClockRepository, input: DueItemInput, now: Date): Promise<ServiceClock> => {
  const [snapshot, existing] = await Promise.all([
    port.caseSnapshot(input.caseId, false),
    port.findClock(input.caseId, dueItemKey(input.kind, input.subjectId), true),
  ]);
  const policy = snapshot?.policyId ? await port.policy(snapshot.policyId) : undefined;
  const calendarId = policy?.calendarId ?? null;
  const env = await envFor(port, [calendarId]);
  const track = (calendar: string | null): ServiceClock =>
    trackedClock(
      {
        ...input,
        id: newId('clk', now),
        policyId: policy?.id ?? null,
        calendarId: calendar,
        warnPercents: policy?.warnPercents ?? DEFAULT_WARN_PERCENTS,
      },
      existing,
      env,
      now,
    );
  let clock: ServiceClock;
  try {
    clock = track(calendarId && env.calendars.has(calendarId) ? calendarId : null);
  } catch (error) {
    if (!isCalendarRefusal(error)) throw error;
    clock = track(null);
  }
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
  /** Told of each clock whose step failed (its calendar refused); the sweep goes on. */
  readonly onClockError?: (clock: ServiceClock, error: unknown) => void;
}

/** How long a clock whose step failed waits before the sweeper tries it again. */
export const FAILED_STEP_RETRY_MS = 3_600_000;

/**
 * One clock's step, or — when its calendar maths throws — a step that only pushes the clock's next
 * look `FAILED_STEP_RETRY_MS` later. Without that, the failing row (earliest due) would come first
 * in every batch and roll every batch back: no warning anywhere, forever.
 */
const stepOrPostpone = (clock: ServiceClock, env: ClockEnv, now: Date, options: SweepOptions): AlertStep => {
  try {
    return alertStep(clock, env, now);
  } catch (error) {
    options.onClockError?.(clock, error);
    return {
      event: null,
      warningsSent: clock.warningsSent,
      nextAlertAt: new Date(now.getTime() + FAILED_STEP_RETRY_MS),
      breachedAt: clock.breachedAt,
    };
  }
};

/**
 * Records every warning and breach due at `now` (UTC), each exactly once. Batches of due clocks,
 * each in ONE transaction: select (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so concurrent sweepers
 * share the work), compute each step (pure), write them all in one statement, each conditionally on
 * its row being as read, and append `clock.warned` / `clock.breached` on the case (one multi-row
 * insert) only for rows that write really changed. A
 * sweep stopped anywhere leaves each batch committed whole or not at all, so the next sweep
 * neither repeats nor loses an alert. A clock whose step fails (its calendar refuses) is reported to
 * `options.onClockError` and looked at again an hour later; the rest of its batch goes on. Runs as
 * the system actor (`ctx`).
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
      const steps = due.map((clock) => ({ clock, step: stepOrPostpone(clock, env, now, options) }));
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
