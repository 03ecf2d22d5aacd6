import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type { CaseChannel, CaseStatus, ClockKind, ClockState, Severity } from '@redress/contract';
import type { ClockAlertUpdate, ClockAlertWrite, ClockRepository, ServiceClock } from '../../modules/clocks/index.ts';
import type { BusinessCalendar } from '../../modules/calendars/index.ts';
import type { ServicePolicy, Target } from '../../modules/policies/index.ts';
import { TtlCache } from '../../shared/ttl-cache.ts';
import { readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent, appendEvents } from '../events.ts';
import type { Schema } from '../schema.ts';
import { listEnabledPolicies, loadCalendar, loadPolicy } from './calendars.repository.ts';

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
  target:
    row.target_unit === null || row.target_amount === null
      ? null
      : ({ unit: row.target_unit, amount: readInt(row.target_amount) } as Target),
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
  target_unit: clock.target?.unit ?? null,
  target_amount: clock.target?.amount ?? null,
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
  /** One policy by id, enabled or not. */
  policy(db: Tx, id: string): Promise<ServicePolicy | undefined>;
  calendar(db: Tx, id: string): Promise<BusinessCalendar | undefined>;
  forget(): void;
}

export const createClockConfigCache = (ttlMs = 5_000): ClockConfigCache => {
  const policies = new TtlCache<readonly ServicePolicy[]>(ttlMs, 1);
  const byId = new TtlCache<ServicePolicy | null>(ttlMs, 1_000);
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
    async policy(db, id) {
      const now = new Date();
      const cached = byId.get(id, now);
      if (cached !== undefined) return cached ?? undefined;
      const loaded = await loadPolicy(db, id);
      byId.set(id, loaded ?? null, now);
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
      byId.deleteWhere(() => true);
      calendars.deleteWhere(() => true);
    },
  };
};

/** No caching: every call reads (tests, tools, and any process that did not build a cache). */
const uncached: ClockConfigCache = {
  policies: (db) => listEnabledPolicies(db),
  policy: (db, id) => loadPolicy(db, id),
  calendar: (db, id) => loadCalendar(db, id),
  forget: () => undefined,
};

/** Rows per bulk alert UPDATE: on SQLite 9 parameters each stays far below its limit. */
const ALERTS_PER_STATEMENT = 2_000;

/**
 * One statement writing a batch of sweep steps, each only where the row is still as the sweep read
 * it (same id, cycle, state, warnings sent, next alert and breach), returning the ids written. The
 * batch is joined on the primary key: on PostgreSQL as nine arrays unnested into rows (nine
 * parameters, however large the batch, so parsing and planning stay cheap), on SQLite as a VALUES
 * list. SQLite's RETURNING names only the target's columns, unqualified.
 */
const bulkAlertUpdate = (writes: readonly ClockAlertWrite[], now: Date, isPostgres: boolean) => {
  const at = toDbTime(now);
  const where = sql`c.id = v.id AND c.cycle = v.cycle AND c.state = v.state AND c.warnings_sent = v.warnings_sent
      AND c.next_alert_at IS NOT DISTINCT FROM v.next_alert_at
      AND c.breached_at IS NOT DISTINCT FROM v.breached_at`;
  const set = sql`warnings_sent = v.new_warnings, next_alert_at = v.new_next, breached_at = v.new_breached`;
  if (isPostgres) {
    const column = <T>(pick: (write: ClockAlertWrite) => T): T[] => writes.map(pick);
    return sql<{ id: string }>`
      UPDATE service_clocks AS c SET ${set}, updated_at = ${at}
      FROM unnest(${column((w) => w.seen.id)}::text[], ${column((w) => w.seen.cycle)}::integer[],
          ${column((w) => w.seen.state)}::text[], ${column((w) => w.seen.warningsSent)}::integer[],
          ${column((w) => time(w.seen.nextAlertAt))}::timestamptz[], ${column((w) => time(w.seen.breachedAt))}::timestamptz[],
          ${column((w) => w.update.warningsSent)}::integer[], ${column((w) => time(w.update.nextAlertAt))}::timestamptz[],
          ${column((w) => time(w.update.breachedAt))}::timestamptz[])
        AS v (id, cycle, state, warnings_sent, next_alert_at, breached_at, new_warnings, new_next, new_breached)
      WHERE ${where}
      RETURNING c.id`;
  }
  const values = sql.join(
    writes.map(
      ({ seen, update }) =>
        sql`(${seen.id}, ${seen.cycle}, ${seen.state}, ${seen.warningsSent}, ${time(seen.nextAlertAt)},
          ${time(seen.breachedAt)}, ${update.warningsSent}, ${time(update.nextAlertAt)}, ${time(update.breachedAt)})`,
    ),
  );
  return sql<{ id: string }>`
    WITH v (id, cycle, state, warnings_sent, next_alert_at, breached_at, new_warnings, new_next, new_breached)
      AS (VALUES ${values})
    UPDATE service_clocks AS c SET ${set}, updated_at = ${at}
    FROM v
    WHERE ${where}
    RETURNING id`;
};

/** The clocks port on one transaction (or the read side). */
export const clocksRepository = (tx: Tx, cache: ClockConfigCache = uncached): ClockRepository => {
  const isPostgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async caseSnapshot(caseId, withTier = true) {
      const row = await tx
        .selectFrom('cases')
        .select([
          'cases.id',
          'cases.status',
          'cases.category_id',
          'cases.severity',
          'cases.channel',
          'cases.site_id',
          'cases.created_at',
          'cases.policy_id',
        ])
        // The customer only when the tier is wanted (choosing a policy).
        .$if(withTier, (qb) => qb.leftJoin('customers', 'customers.id', 'cases.customer_id').select('customers.tier'))
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
        customerTier: row.tier ?? null,
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
    async insertClocks(clocks) {
      if (clocks.length === 0) return;
      await tx
        .insertInto('service_clocks')
        .values(
          clocks.map((clock) => ({
            id: clock.id,
            case_id: clock.caseId,
            key: clock.key,
            kind: clock.kind,
            subject_id: clock.subjectId,
            created_at: toDbTime(clock.createdAt),
            ...mutableColumns(clock),
          })),
        )
        .execute();
    },
    async customerTier(customerId) {
      const row = await tx.selectFrom('customers').select('tier').where('id', '=', customerId).executeTakeFirst();
      return row?.tier ?? null;
    },
    async saveClock(clock) {
      await tx.updateTable('service_clocks').set(mutableColumns(clock)).where('id', '=', clock.id).execute();
    },
    async setCasePolicy(caseId, policyId) {
      await tx.updateTable('cases').set({ policy_id: policyId }).where('id', '=', caseId).execute();
    },
    enabledPolicies: () => cache.policies(tx),
    policy: (id) => cache.policy(tx, id),
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
      const written = await bulkAlertUpdate([{ seen, update }], now, isPostgres).execute(tx);
      return written.rows.length === 1;
    },
    async recordAlerts(writes, now) {
      const written = new Set<string>();
      for (let i = 0; i < writes.length; i += ALERTS_PER_STATEMENT) {
        const result = await bulkAlertUpdate(writes.slice(i, i + ALERTS_PER_STATEMENT), now, isPostgres).execute(tx);
        for (const row of result.rows) written.add(row.id);
      }
      return written;
    },
    async appendEvent(event) {
      await appendEvent(tx, event);
    },
    async appendEvents(events) {
      await appendEvents(tx, events);
    },
  };
};
