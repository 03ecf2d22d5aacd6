import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { ClockCaseSnapshot, ServiceClock } from './clock.ts';
import type { BusinessCalendar } from '../calendars/index.ts';
import type { ServicePolicy } from '../policies/index.ts';

/** The columns one sweep step writes. */
export interface ClockAlertUpdate {
  readonly warningsSent: number;
  readonly nextAlertAt: Date | null;
  readonly breachedAt: Date | null;
}

/** One sweep step to write: the row as the sweep read it, and the columns to write. */
export interface ClockAlertWrite {
  readonly seen: ServiceClock;
  readonly update: ClockAlertUpdate;
}

/** The clocks module's port onto storage. Implemented in `storage/repositories/clocks.repository.ts`. */
export interface ClockRepository {
  /**
   * The case facts clocks depend on, or undefined. The customer's tier is read (a join) only
   * `withTier`; otherwise it is null.
   */
  caseSnapshot(caseId: string, withTier?: boolean): Promise<ClockCaseSnapshot | undefined>;
  /** The customer's tier (null: none, or no such customer). */
  customerTier(customerId: string): Promise<string | null>;
  /**
   * The case's clocks, oldest first. `forUpdate` locks them until the unit of work ends
   * (PostgreSQL), so a sweep cannot record an alert on a row this unit is about to rewrite.
   */
  listCaseClocks(caseId: string, forUpdate?: boolean): Promise<ServiceClock[]>;
  findClock(caseId: string, key: string, forUpdate?: boolean): Promise<ServiceClock | undefined>;
  insertClock(clock: ServiceClock): Promise<void>;
  /** Inserts these clocks in one statement (a new case's clocks). */
  insertClocks(clocks: readonly ServiceClock[]): Promise<void>;
  saveClock(clock: ServiceClock): Promise<void>;
  /** Records the policy chosen for the case (`cases.policy_id`). */
  setCasePolicy(caseId: string, policyId: string | null): Promise<void>;
  /** Enabled policies in ascending rank (may be a few seconds stale: a per-process cache). */
  enabledPolicies(): Promise<readonly ServicePolicy[]>;
  /** One policy by id, enabled or not (the one recorded on a case); may be a few seconds stale. */
  policy(id: string): Promise<ServicePolicy | undefined>;
  /** These calendars by id (missing ones left out; may be a few seconds stale). */
  calendars(ids: readonly string[]): Promise<Map<string, BusinessCalendar>>;

  /**
   * Up to `limit` clocks whose `next_alert_at <= now`, earliest first. On PostgreSQL the rows are
   * locked `FOR UPDATE SKIP LOCKED`, so concurrent sweepers take different rows.
   */
  lockDueClocks(now: Date, limit: number): Promise<ServiceClock[]>;
  /**
   * Writes one sweep step IF the row is still as `seen` (same cycle, warnings sent, next alert,
   * running, not breached). False when another sweeper or a case change got there first.
   */
  recordAlert(seen: ServiceClock, update: ClockAlertUpdate, now: Date): Promise<boolean>;
  /**
   * `recordAlert` for a whole batch in one statement: each row is written only if it is still as
   * its `seen`. Returns the ids of the rows really written.
   */
  recordAlerts(writes: readonly ClockAlertWrite[], now: Date): Promise<ReadonlySet<string>>;

  appendEvent(event: NewEvent): Promise<void>;
  /** Appends these events in order, in as few statements as the store can (a sweep batch's alerts). */
  appendEvents(events: readonly NewEvent[]): Promise<void>;
}

/** What the clocks' own use cases work on inside one unit of work. */
export interface ClockStore {
  readonly clocks: ClockRepository;
}
