import { PostgresAdapter, type Selectable } from 'kysely';
import type { CaseChannel, CaseStatus, ClockKind, ClockState, Severity } from '@redress/contract';
import type { ClockAlertUpdate, ClockRepository, ServiceClock } from '../../modules/clocks/index.ts';
import type { BusinessCalendar } from '../../modules/calendars/index.ts';
import type { ServicePolicy } from '../../modules/policies/index.ts';
import { TtlCache } from '../../shared/ttl-cache.ts';
import { readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import type { Schema } from '../schema.ts';
import { listEnabledPolicies, loadCalendar } from './calendars.repository.ts';

type ClockRow = Selectable<Schema['service_clocks']>;

const toClock = (row: ClockRow): ServiceClock => ({
  id: row.id,
  caseId: row.case_id,
  key: row.key,
  kind: row.kind as ClockKind,
  subjectId: row.subject_id,
  cycle: readInt(row.cycle),
  policyId: row.policy_id,
  calendarId: row.calendar_id,
  startedAt: readTime(row.started_at),
  targetMinutes: row.target_minutes === null ? null : readInt(row.target_minutes),
  pausedAt: readOptionalTime(row.paused_at),
  pausedMinutes: readInt(row.paused_minutes),
  dueAt: readTime(row.due_at),
  warnPercents: readJson<number[]>(row.warn_percents),
  warningsSent: readInt(row.warnings_sent),
  nextAlertAt: readOptionalTime(row.next_alert_at),
  state: row.state as ClockState,
  breachedAt: readOptionalTime(row.breached_at),
  settledAt: readOptionalTime(row.settled_at),
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

const time = (at: Date | null): string | null => (at ? toDbTime(at) : null);

/** Every column but the key ones, as written on insert and on save. */
const mutableColumns = (clock: ServiceClock) => ({
  cycle: clock.cycle,
  policy_id: clock.policyId,
  calendar_id: clock.calendarId,
  started_at: toDbTime(clock.startedAt),
  target_minutes: clock.targetMinutes,
  paused_at: time(clock.pausedAt),
  paused_minutes: clock.pausedMinutes,
  due_at: toDbTime(clock.dueAt),
  warn_percents: toDbJson(clock.warnPercents),
  warnings_sent: clock.warningsSent,
  next_alert_at: time(clock.nextAlertAt),
  state: clock.state,
  breached_at: time(clock.breachedAt),
  settled_at: time(clock.settledAt),
  updated_at: toDbTime(clock.updatedAt),
});

/**
 * Policies and calendars as clocks read them, cached per process for `ttlMs` (default 5 s), so a
 * case change does not pay two extra reads. Another instance's edit shows here within `ttlMs`; in
 * this process `forget()` drops everything at once (call it when policies or calendars change).
 */
export interface ClockConfigCache {
  policies(db: Tx): Promise<readonly ServicePolicy[]>;
  calendar(db: Tx, id: string): Promise<BusinessCalendar | undefined>;
  forget(): void;
}

export const createClockConfigCache = (ttlMs = 5_000): ClockConfigCache => {
  const policies = new TtlCache<readonly ServicePolicy[]>(ttlMs, 1);
  const calendars = new TtlCache<BusinessCalendar | null>(ttlMs, 1_000);
  return {
    async policies(db) {
      const now = new Date();
      const cached = policies.get('all', now);
      if (cached) return cached;
      const loaded = await listEnabledPolicies(db);
      policies.set('all', loaded, now);
      return loaded;
    },
    async calendar(db, id) {
      const now = new Date();
      const cached = calendars.get(id, now);
      if (cached !== undefined) return cached ?? undefined;
      const loaded = await loadCalendar(db, id);
      calendars.set(id, loaded ?? null, now);
      return loaded;
    },
    forget() {
      policies.deleteWhere(() => true);
      calendars.deleteWhere(() => true);
    },
  };
};

/** No caching: every call reads (tests, tools, and any process that did not build a cache). */
const uncached: ClockConfigCache = {
  policies: (db) => listEnabledPolicies(db),
  calendar: (db, id) => loadCalendar(db, id),
  forget: () => undefined,
};

/** The clocks port on one transaction (or the read side). */
export const clocksRepository = (tx: Tx, cache: ClockConfigCache = uncached): ClockRepository => {
  const isPostgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async caseSnapshot(caseId) {
      const row = await tx
        .selectFrom('cases')
        .innerJoin('customers', 'customers.id', 'cases.customer_id')
        .select([
          'cases.id',
          'cases.status',
          'cases.category_id',
          'cases.severity',
          'cases.channel',
          'cases.site_id',
          'cases.created_at',
          'cases.policy_id',
          'customers.tier',
        ])
        .where('cases.id', '=', caseId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        id: row.id,
        status: row.status as CaseStatus,
        categoryId: row.category_id,
        severity: row.severity as Severity,
        channel: row.channel as CaseChannel,
        siteId: row.site_id,
        customerTier: row.tier,
        createdAt: readTime(row.created_at),
        policyId: row.policy_id,
      };
    },
    async listCaseClocks(caseId, forUpdate = false) {
      const rows = await tx
        .selectFrom('service_clocks')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .$if(forUpdate && isPostgres, (qb) => qb.forUpdate())
        .execute();
      return rows.map(toClock);
    },
    async findClock(caseId, key, forUpdate = false) {
      const row = await tx
        .selectFrom('service_clocks')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('key', '=', key)
        .$if(forUpdate && isPostgres, (qb) => qb.forUpdate())
        .executeTakeFirst();
      return row ? toClock(row) : undefined;
    },
    async insertClock(clock) {
      await tx
        .insertInto('service_clocks')
        .values({
          id: clock.id,
          case_id: clock.caseId,
          key: clock.key,
          kind: clock.kind,
          subject_id: clock.subjectId,
          created_at: toDbTime(clock.createdAt),
          ...mutableColumns(clock),
        })
        .execute();
    },
    async saveClock(clock) {
      await tx.updateTable('service_clocks').set(mutableColumns(clock)).where('id', '=', clock.id).execute();
    },
    async setCasePolicy(caseId, policyId) {
      await tx.updateTable('cases').set({ policy_id: policyId }).where('id', '=', caseId).execute();
    },
    enabledPolicies: () => cache.policies(tx),
    async calendars(ids) {
      const found = new Map<string, BusinessCalendar>();
      for (const id of ids) {
        const calendar = await cache.calendar(tx, id);
        if (calendar) found.set(id, calendar);
      }
      return found;
    },
    async lockDueClocks(now, limit) {
      const rows = await tx
        .selectFrom('service_clocks')
        .selectAll()
        .where('next_alert_at', 'is not', null)
        .where('next_alert_at', '<=', toDbTime(now))
        .orderBy('next_alert_at')
        .orderBy('id')
        .limit(limit)
        .$if(isPostgres, (qb) => qb.forUpdate().skipLocked())
        .execute();
      return rows.map(toClock);
    },
    async recordAlert(seen, update: ClockAlertUpdate, now) {
      const result = await tx
        .updateTable('service_clocks')
        .set({
          warnings_sent: update.warningsSent,
          next_alert_at: time(update.nextAlertAt),
          breached_at: time(update.breachedAt),
          updated_at: toDbTime(now),
        })
        .where('id', '=', seen.id)
        .where('cycle', '=', seen.cycle)
        .where('state', '=', seen.state)
        .where('warnings_sent', '=', seen.warningsSent)
        .where((eb) =>
          seen.nextAlertAt ? eb('next_alert_at', '=', toDbTime(seen.nextAlertAt)) : eb('next_alert_at', 'is', null),
        )
        .where((eb) =>
          seen.breachedAt ? eb('breached_at', '=', toDbTime(seen.breachedAt)) : eb('breached_at', 'is', null),
        )
        .executeTakeFirst();
      return readInt(result.numUpdatedRows) === 1;
    },
    async appendEvent(event) {
      await appendEvent(tx, event);
    },
  };
};
