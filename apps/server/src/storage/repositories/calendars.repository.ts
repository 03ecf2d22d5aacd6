import type { Selectable } from 'kysely';
import type { CalendarDaySource, CaseStatus } from '@redress/contract';
import type {
  BusinessCalendar,
  CalendarDay,
  CalendarRepository,
  DayOverride,
  StoredCalendar,
  WorkingInterval,
} from '../../modules/calendars/index.ts';
import type {
  PolicyConditions,
  PolicyRepository,
  ServicePolicy,
  StoredPolicy,
  Target,
} from '../../modules/policies/index.ts';
import { readBool, readInt, readJson, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import type { Schema } from '../schema.ts';

type CalendarRow = Selectable<Schema['calendars']>;
type DayRow = Selectable<Schema['calendar_days']>;
type PolicyRow = Selectable<Schema['service_policies']>;

/** A stored day override as a domain value. */
export const toDayOverride = (row: Pick<DayRow, 'kind' | 'name' | 'hours'>): DayOverride =>
  row.kind === 'working'
    ? {
        kind: 'working',
        name: row.name,
        hours: row.hours === null ? null : readJson<WorkingInterval[] | null>(row.hours),
      }
    : { kind: 'holiday', name: row.name };

export const toBusinessCalendar = (row: CalendarRow, days: readonly DayRow[]): BusinessCalendar => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  week: readJson<WorkingInterval[][]>(row.week),
  days: new Map(days.map((day) => [day.day, toDayOverride(day)])),
});

interface StoredTargets {
  acknowledge?: Target | null;
  firstResponse?: Target | null;
  keepInLoop?: Target | null;
  resolve?: Target | null;
}

export const toServicePolicy = (row: PolicyRow): ServicePolicy => {
  const targets = readJson<StoredTargets | null>(row.targets) ?? {};
  return {
    id: row.id,
    name: row.name,
    rank: readInt(row.rank),
    conditions: readJson<PolicyConditions | null>(row.conditions) ?? {},
    calendarId: row.calendar_id,
    targets: {
      acknowledge: targets.acknowledge ?? null,
      firstResponse: targets.firstResponse ?? null,
      keepInLoop: targets.keepInLoop ?? null,
      resolve: targets.resolve ?? null,
    },
    regulatory: row.regulatory === null ? null : readJson<ServicePolicy['regulatory']>(row.regulatory),
    pauseStatuses: readJson<CaseStatus[] | null>(row.pause_statuses) ?? [],
    warnPercents: readJson<number[] | null>(row.warn_percents) ?? [],
    preset: row.preset,
    enabled: readBool(row.enabled),
  };
};

/**
 * A calendar with all its day overrides, or undefined. For other repositories (clocks,
 * commitments) that need the maths' input inside their own unit of work; `db` is a Kysely or a
 * transaction.
 */
export const loadCalendar = async (db: Tx, id: string): Promise<BusinessCalendar | undefined> => {
  const row = await db.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const days = await db.selectFrom('calendar_days').selectAll().where('calendar_id', '=', id).orderBy('day').execute();
  return toBusinessCalendar(row, days);
};

/** Every enabled policy, in the order `selectPolicy` tries them: ascending rank, then creation. */
export const listEnabledPolicies = async (db: Tx): Promise<ServicePolicy[]> => {
  const rows = await db
    .selectFrom('service_policies')
    .selectAll()
    .where('enabled', '=', true)
    .orderBy('rank')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toServicePolicy);
};

/**
 * One policy by id, enabled or not: the policy recorded on a case keeps governing its clocks (what
 * pauses them, their calendar) after an administrator disables it for new cases.
 */
export const loadPolicy = async (db: Tx, id: string): Promise<ServicePolicy | undefined> => {
  const row = await db.selectFrom('service_policies').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toServicePolicy(row) : undefined;
};

const toStoredCalendar = (row: CalendarRow): StoredCalendar => ({
  id: row.id,
  name: row.name,
  timeZone: row.time_zone,
  week: readJson<WorkingInterval[][]>(row.week),
  preset: row.preset,
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

const toCalendarDay = (row: DayRow): CalendarDay => ({
  day: row.day,
  override: toDayOverride(row),
  source: row.source as CalendarDaySource,
});

// Rows per INSERT: 6 parameters each keeps a batch far below SQLite's bound-parameter limit.
const DAY_BATCH = 500;

/** The calendars port on a transaction (or the read side). */
export const calendarsRepository = (tx: Tx): CalendarRepository => ({
  async listCalendars() {
    const rows = await tx.selectFrom('calendars').selectAll().orderBy('name').orderBy('id').execute();
    return rows.map(toStoredCalendar);
  },
  async findCalendar(id) {
    const row = await tx.selectFrom('calendars').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStoredCalendar(row) : undefined;
  },
  async listDays(calendarId, year) {
    let query = tx.selectFrom('calendar_days').selectAll().where('calendar_id', '=', calendarId);
    if (year !== undefined) {
      const y = String(year).padStart(4, '0');
      query = query.where('day', '>=', `${y}-01-01`).where('day', '<=', `${y}-12-31`);
    }
    const rows = await query.orderBy('day').execute();
    return rows.map(toCalendarDay);
  },
  async insertCalendar(calendar) {
    await tx
      .insertInto('calendars')
      .values({
        id: calendar.id,
        name: calendar.name,
        time_zone: calendar.timeZone,
        week: toDbJson(calendar.week),
        preset: calendar.preset,
        created_at: toDbTime(calendar.createdAt),
        updated_at: toDbTime(calendar.updatedAt),
      })
      .execute();
  },
  async updateCalendar(id, patch) {
    await tx
      .updateTable('calendars')
      .set({
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.week !== undefined ? { week: toDbJson(patch.week) } : {}),
        updated_at: toDbTime(patch.updatedAt),
      })
      .where('id', '=', id)
      .execute();
  },
  async putDays(calendarId, days) {
    for (let i = 0; i < days.length; i += DAY_BATCH) {
      const rows = days.slice(i, i + DAY_BATCH).map(({ day, override, source }) => ({
        calendar_id: calendarId,
        day,
        kind: override.kind,
        name: override.name,
        hours: override.kind === 'working' && override.hours ? toDbJson(override.hours) : null,
        source,
      }));
      await tx
        .insertInto('calendar_days')
        .values(rows)
        .onConflict((oc) =>
          oc.columns(['calendar_id', 'day']).doUpdateSet((eb) => ({
            kind: eb.ref('excluded.kind'),
            name: eb.ref('excluded.name'),
            hours: eb.ref('excluded.hours'),
            source: eb.ref('excluded.source'),
          })),
        )
        .execute();
    }
  },
  async deleteDay(calendarId, day) {
    const result = await tx
      .deleteFrom('calendar_days')
      .where('calendar_id', '=', calendarId)
      .where('day', '=', day)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },
  async appendEvent(event) {
    await appendEvent(tx, event);
  },
});

const toStoredPolicy = (row: PolicyRow): StoredPolicy => ({
  ...toServicePolicy(row),
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

const policyColumns = (policy: StoredPolicy) => ({
  name: policy.name,
  rank: policy.rank,
  conditions: toDbJson(policy.conditions),
  calendar_id: policy.calendarId,
  targets: toDbJson(policy.targets),
  regulatory: policy.regulatory === null ? null : toDbJson(policy.regulatory),
  pause_statuses: toDbJson(policy.pauseStatuses),
  warn_percents: toDbJson(policy.warnPercents),
  preset: policy.preset,
  enabled: policy.enabled,
  updated_at: toDbTime(policy.updatedAt),
});

/** The service policies port on a transaction (or the read side). */
export const policiesRepository = (tx: Tx): PolicyRepository => ({
  async listPolicies() {
    const rows = await tx
      .selectFrom('service_policies')
      .selectAll()
      .orderBy('rank')
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toStoredPolicy);
  },
  async findPolicy(id) {
    const row = await tx.selectFrom('service_policies').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toStoredPolicy(row) : undefined;
  },
  async insertPolicy(policy) {
    await tx
      .insertInto('service_policies')
      .values({ id: policy.id, ...policyColumns(policy), created_at: toDbTime(policy.createdAt) })
      .execute();
  },
  async updatePolicy(policy) {
    await tx.updateTable('service_policies').set(policyColumns(policy)).where('id', '=', policy.id).execute();
  },
  async maxRank() {
    const row = await tx
      .selectFrom('service_policies')
      .select((eb) => eb.fn.max('rank').as('rank'))
      .executeTakeFirst();
    return row?.rank === null || row?.rank === undefined ? null : readInt(row.rank);
  },
  async calendarExists(id) {
    const row = await tx.selectFrom('calendars').select('id').where('id', '=', id).executeTakeFirst();
    return row !== undefined;
  },
  async appendEvent(event) {
    await appendEvent(tx, event);
  },
});
