import type { Selectable } from 'kysely';
import type { CaseStatus } from '@redress/contract';
import type { BusinessCalendar, DayOverride, WorkingInterval } from '../../modules/calendars/index.ts';
import type { PolicyConditions, ServicePolicy, Target } from '../../modules/policies/index.ts';
import { readBool, readInt, readJson } from '../codec.ts';
import type { Tx } from '../database.ts';
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
