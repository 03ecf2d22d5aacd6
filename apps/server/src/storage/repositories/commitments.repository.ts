import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type { CommitmentFlagCode, CommitmentStatus } from '@redress/contract';
import { isWorkingInstant } from '../../modules/calendars/index.ts';
import type {
  Commitment,
  CommitmentRepository,
  CommitmentStatsCounts,
  PromisedRemedy,
} from '../../modules/commitments/index.ts';
import { readBool, readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';
import { loadCalendar } from './calendars.repository.ts';
import { listLadderLevels } from './escalation.repository.ts';
import { caseAtSites } from './scope-sql.ts';

/** Case events in which a promise can be made to the customer. */
const MESSAGE_EVENT_TYPES = ['case.message_recorded', 'case.call_logged'];

/** Clocks whose due time a promise must not outrun. */
const DEADLINE_KINDS = ['resolve', 'regulatory'];

const toCommitment = (row: Selectable<Schema['commitments']>): Commitment => ({
  id: row.id,
  caseId: row.case_id,
  text: row.text,
  promisedTo: row.promised_to,
  keyPersonId: row.key_person_id,
  dueAt: readTime(row.due_at),
  madeBy: row.made_by,
  madeAt: readTime(row.made_at),
  messageEventId: row.message_event_id,
  dependsOn: readJson<string[]>(row.depends_on),
  remedy: row.remedy === null ? null : readJson<PromisedRemedy | null>(row.remedy),
  flags: readJson<CommitmentFlagCode[]>(row.flags),
  status: row.status as CommitmentStatus,
  outcomeAt: readOptionalTime(row.outcome_at),
  keptOnTime: row.kept_on_time === null ? null : readBool(row.kept_on_time),
  renegotiatedFromId: row.renegotiated_from_id,
  renegotiatedToId: row.renegotiated_to_id,
  atRiskAt: readOptionalTime(row.at_risk_at),
  siteId: row.site_id,
  teamId: row.team_id,
});

const mutable = (c: Commitment, now: Date) => ({
  status: c.status,
  outcome_at: c.outcomeAt ? toDbTime(c.outcomeAt) : null,
  kept_on_time: c.keptOnTime,
  renegotiated_to_id: c.renegotiatedToId,
  at_risk_at: c.atRiskAt ? toDbTime(c.atRiskAt) : null,
  updated_at: toDbTime(now),
});

/** The instant a row changed: the latest of the commitment's own instants (no wall clock here). */
const changedAt = (c: Commitment): Date =>
  new Date(Math.max(c.madeAt.getTime(), c.outcomeAt?.getTime() ?? 0, c.atRiskAt?.getTime() ?? 0));

/** The commitments port over Kysely, for SQLite and PostgreSQL alike. */
export const commitmentsRepository = (tx: Tx): CommitmentRepository => ({
  async insertCommitment(c) {
    await tx
      .insertInto('commitments')
      .values({
        ...mutable(c, changedAt(c)),
        id: c.id,
        case_id: c.caseId,
        text: c.text,
        promised_to: c.promisedTo,
        key_person_id: c.keyPersonId,
        due_at: toDbTime(c.dueAt),
        made_by: c.madeBy,
        made_at: toDbTime(c.madeAt),
        message_event_id: c.messageEventId,
        depends_on: toDbJson(c.dependsOn),
        remedy: c.remedy === null ? null : toDbJson(c.remedy),
        flags: toDbJson(c.flags),
        renegotiated_from_id: c.renegotiatedFromId,
        site_id: c.siteId,
        team_id: c.teamId,
        created_at: toDbTime(c.madeAt),
      })
      .execute();
  },
  async saveCommitment(c) {
    await tx
      .updateTable('commitments')
      .set(mutable(c, changedAt(c)))
      .where('id', '=', c.id)
      .execute();
  },
  async findCommitment(id, forUpdate = false) {
    let query = tx.selectFrom('commitments').selectAll().where('id', '=', id);
    // The embedded store has a single writer and no row locks; PostgreSQL locks the row.
    if (forUpdate && tx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toCommitment(row) : undefined;
  },
  async listCaseCommitments(caseId) {
    const rows = await tx
      .selectFrom('commitments')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('made_at')
      .orderBy('id')
      .execute();
    return rows.map(toCommitment);
  },
  async findCaseTasks(caseId, ids) {
    if (ids.length === 0) return [];
    const rows = await tx
      .selectFrom('internal_tasks')
      .select(['id', 'due_at', 'status'])
      .where('case_id', '=', caseId)
      .where('id', 'in', [...ids])
      .execute();
    return rows.map((row) => ({ id: row.id, dueAt: readTime(row.due_at), status: row.status }));
  },
  async isCaseMessageEvent(caseId, eventId) {
    const row = await tx
      .selectFrom('events')
      .select('id')
      .where('id', '=', eventId)
      .where('subject_type', '=', 'case')
      .where('subject_id', '=', caseId)
      .where('type', 'in', MESSAGE_EVENT_TYPES)
      .executeTakeFirst();
    return row !== undefined;
  },
  async caseDeadlines(caseId) {
    const rows = await tx
      .selectFrom('service_clocks')
      .select(['kind', 'due_at'])
      .where('case_id', '=', caseId)
      .where('kind', 'in', DEADLINE_KINDS)
      .where('state', 'in', ['running', 'paused'])
      .execute();
    return rows.map((row) => ({ kind: row.kind, dueAt: readTime(row.due_at) }));
  },
  async dueInWorkingHours(caseId, at) {
    const row = await tx
      .selectFrom('cases as c')
      .innerJoin('service_policies as p', 'p.id', 'c.policy_id')
      .select('p.calendar_id')
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    if (!row?.calendar_id) return null;
    const calendar = await loadCalendar(tx, row.calendar_id);
    if (!calendar) return null;
    // A promise "by 18:00" falls due as the day's last working minute ends: judge the minute before.
    return isWorkingInstant(new Date(at.getTime() - 60_000), calendar);
  },
  ladderLevels: () => listLadderLevels(tx),
  async caseAudience(caseId) {
    const row = await tx
      .selectFrom('cases as c')
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .leftJoin('sites as s', 's.id', 'c.site_id')
      .select(['cu.name', 'cu.preferred_name', 'cu.language as customer_language', 'c.language', 's.time_zone'])
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      customerName: row.preferred_name ?? row.name,
      language: row.language ?? row.customer_language,
      timeZone: row.time_zone,
    };
  },
  async stats(filter) {
    const column = filter.groupBy === 'agent' ? 'm.made_by' : filter.groupBy === 'team' ? 'm.team_id' : 'm.site_id';
    // Who sees a promise in the figures: whoever oversees the case's site (the case's site, not
    // the promiser's — a promise made on a site's case is that site's to answer for). The rows are
    // still grouped by the promiser and their site and team when it was made.
    let query = tx
      .selectFrom('commitments as m')
      .innerJoin('cases', 'cases.id', 'm.case_id')
      .where(caseAtSites(filter.sites))
      .select((eb) => [
        eb.ref(column).as('key'),
        eb.fn.countAll().as('made'),
        sql<number>`sum(case when m.status = 'open' then 1 else 0 end)`.as('open'),
        sql<number>`sum(case when m.status = 'kept' and m.kept_on_time = ${true} then 1 else 0 end)`.as('kept_on_time'),
        sql<number>`sum(case when m.status = 'kept' and m.kept_on_time = ${false} then 1 else 0 end)`.as('kept_late'),
        sql<number>`sum(case when m.status = 'broken' then 1 else 0 end)`.as('broken'),
        sql<number>`sum(case when m.status = 'renegotiated' then 1 else 0 end)`.as('renegotiated'),
      ])
      .groupBy(column);
    if (filter.from) query = query.where('m.made_at', '>=', toDbTime(filter.from));
    if (filter.to) query = query.where('m.made_at', '<', toDbTime(filter.to));
    const rows = await query.execute();
    const keys = rows.map((row) => row.key).filter((key): key is string => typeof key === 'string');
    const names = await namesOf(tx, filter.groupBy, keys);
    return rows
      .map((row): CommitmentStatsCounts => ({
        key: row.key,
        name: row.key === null ? null : (names.get(row.key) ?? null),
        made: readInt(row.made),
        open: readInt(row.open ?? 0),
        keptOnTime: readInt(row.kept_on_time ?? 0),
        keptLate: readInt(row.kept_late ?? 0),
        broken: readInt(row.broken ?? 0),
        renegotiated: readInt(row.renegotiated ?? 0),
      }))
      .sort((a, b) => (a.key ?? '').localeCompare(b.key ?? ''));
  },
});

/** Display names for the grouped ids. */
const namesOf = async (tx: Tx, groupBy: string, ids: readonly string[]): Promise<Map<string, string>> => {
  if (ids.length === 0) return new Map();
  const table = groupBy === 'agent' ? 'users' : groupBy === 'team' ? 'teams' : 'sites';
  const rows = await tx
    .selectFrom(table)
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
};
