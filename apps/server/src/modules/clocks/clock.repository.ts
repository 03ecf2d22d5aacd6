import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { ClockCaseSnapshot, ServiceClock } from './clock.ts';
import type { BusinessCalendar, ServicePolicy } from './clock-deps.ts';

/** The columns one sweep step writes. */
export interface ClockAlertUpdate {
  readonly warningsSent: number;
  readonly nextAlertAt: Date | null;
  readonly breachedAt: Date | null;
}

/** The clocks module's port onto storage. Implemented in `storage/repositories/clocks.repository.ts`. */
export interface ClockRepository {
  /** The case facts clocks depend on (with the customer's tier), or undefined. */
  caseSnapshot(caseId: string): Promise<ClockCaseSnapshot | undefined>;
  /**
   * The case's clocks, oldest first. `forUpdate` locks them until the unit of work ends
   * (PostgreSQL), so a sweep cannot record an alert on a row this unit is about to rewrite.
   */
  listCaseClocks(caseId: string, forUpdate?: boolean): Promise<ServiceClock[]>;
  findClock(caseId: string, key: string, forUpdate?: boolean): Promise<ServiceClock | undefined>;
  insertClock(clock: ServiceClock): Promise<void>;
  saveClock(clock: ServiceClock): Promise<void>;
  /** Records the policy chosen for the case (`cases.policy_id`). */
  setCasePolicy(caseId: string, policyId: string | null): Promise<void>;
  /** Enabled policies in ascending rank (may be a few seconds stale: a per-process cache). */
  enabledPolicies(): Promise<readonly ServicePolicy[]>;
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

  appendEvent(event: NewEvent): Promise<void>;
}

/** What the clocks' own use cases work on inside one unit of work. */
export interface ClockStore {
  readonly clocks: ClockRepository;
}
