import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  CompensationKind,
  CompensationStatus,
  EscalationDirection,
  EscalationSummary,
  EscalationTrigger as TriggerName,
  Locale,
  TriggerKind,
  TriggerSettings,
} from '@redress/contract';
import type {
  Escalation,
  EscalationRepository,
  EscalationTrigger,
  LadderLevel,
} from '../../modules/escalation/index.ts';
import { readBool, readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import { appendEvent } from '../events.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';

const toLevel = (row: Selectable<Schema['escalation_levels']>): LadderLevel => ({
  id: row.id,
  rank: readInt(row.rank),
  names: readJson<Record<Locale, string>>(row.names),
  roles: readJson<string[]>(row.roles),
  teamId: row.team_id,
  maxCompensation: row.max_compensation === null ? null : readInt(row.max_compensation),
  currency: row.currency,
  remedies: readJson<CompensationKind[]>(row.remedies),
  responseMinutes: readInt(row.response_minutes),
});

const toTrigger = (row: Selectable<Schema['escalation_triggers']>): EscalationTrigger => ({
  id: row.id,
  kind: row.kind as TriggerKind,
  enabled: readBool(row.enabled),
  settings: readJson<TriggerSettings>(row.settings),
  toRank: row.to_rank === null ? null : readInt(row.to_rank),
});

const toEscalation = (row: Selectable<Schema['case_escalations']>): Escalation => ({
  id: row.id,
  caseId: row.case_id,
  direction: row.direction as EscalationDirection,
  fromRank: readInt(row.from_rank),
  toRank: readInt(row.to_rank),
  trigger: row.trigger as TriggerName,
  reason: row.reason,
  summary: readJson<EscalationSummary>(row.summary),
  actorId: row.actor_id,
  createdAt: readTime(row.created_at),
  acknowledgedAt: readOptionalTime(row.acknowledged_at),
  acknowledgedBy: row.acknowledged_by,
  sourceEventId: row.source_event_id,
  supersededAt: readOptionalTime(row.superseded_at),
});

/**
 * The escalation ladder, lowest rank first. `db` is the database's read side or an open
 * transaction: other repositories call this to check authority inside their own unit of work.
 */
export const listLadderLevels = async (db: Kysely<Schema>): Promise<LadderLevel[]> =>
  (await db.selectFrom('escalation_levels').selectAll().orderBy('rank').execute()).map(toLevel);

/** A case's events of `types`, up to and including sequence number `uptoSeq` when given. */
const caseEvents = (tx: Tx, caseId: string, types: readonly string[], uptoSeq: number | undefined) =>
  tx
    .selectFrom('events')
    .where('subject_type', '=', 'case')
    .where('subject_id', '=', caseId)
    .where('type', 'in', [...types])
    .$if(uptoSeq !== undefined, (qb) => qb.where('seq', '<=', uptoSeq ?? 0));

// `->>` reads a JSON field on both backends (PostgreSQL jsonb, SQLite 3.38+ text). SQLite returns a
// JSON false as 0 and PostgreSQL as 'false': compared as text, either reads as a decline.
const inbound = sql<boolean>`payload ->> 'direction' = 'inbound'`;
const declined = sql<boolean>`CAST(payload ->> 'accepted' AS TEXT) IN ('false', '0')`;

const countOf = async (query: ReturnType<typeof caseEvents>): Promise<number> => {
  const row = await query.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
  return row ? Number(row.n) : 0;
};

/** The escalation port over Kysely. */
export const escalationRepository = (tx: Tx): EscalationRepository => ({
  listLevels: () => listLadderLevels(tx),
  async replaceLevels(levels, now) {
    await tx.deleteFrom('escalation_levels').execute();
    if (levels.length === 0) return;
    await tx
      .insertInto('escalation_levels')
      .values(
        levels.map((level) => ({
          id: level.id,
          rank: level.rank,
          names: toDbJson(level.names),
          roles: toDbJson(level.roles),
          team_id: level.teamId,
          max_compensation: level.maxCompensation,
          currency: level.currency,
          remedies: toDbJson(level.remedies),
          response_minutes: level.responseMinutes,
          created_at: toDbTime(now),
          updated_at: toDbTime(now),
        })),
      )
      .execute();
  },
  async listTriggers() {
    return (await tx.selectFrom('escalation_triggers').selectAll().orderBy('id').execute()).map(toTrigger);
  },
  async replaceTriggers(triggers, now) {
    await tx.deleteFrom('escalation_triggers').execute();
    if (triggers.length === 0) return;
    await tx
      .insertInto('escalation_triggers')
      .values(
        triggers.map((trigger) => ({
          id: trigger.id,
          kind: trigger.kind,
          settings: toDbJson(trigger.settings),
          to_rank: trigger.toRank,
          enabled: trigger.enabled,
          created_at: toDbTime(now),
          updated_at: toDbTime(now),
        })),
      )
      .execute();
  },
  async caseLevel(caseId) {
    const row = await tx.selectFrom('cases').select('escalation_level').where('id', '=', caseId).executeTakeFirst();
    return row ? readInt(row.escalation_level) : 0;
  },
  async setCaseLevel(caseId, rank) {
    await tx.updateTable('cases').set({ escalation_level: rank }).where('id', '=', caseId).execute();
  },
  async insertEscalation(e) {
    await tx
      .insertInto('case_escalations')
      .values({
        id: e.id,
        case_id: e.caseId,
        direction: e.direction,
        from_rank: e.fromRank,
        to_rank: e.toRank,
        trigger: e.trigger,
        reason: e.reason,
        summary: toDbJson(e.summary),
        actor_id: e.actorId,
        created_at: toDbTime(e.createdAt),
        acknowledged_at: e.acknowledgedAt ? toDbTime(e.acknowledgedAt) : null,
        acknowledged_by: e.acknowledgedBy,
        source_event_id: e.sourceEventId,
        superseded_at: e.supersededAt ? toDbTime(e.supersededAt) : null,
      })
      .execute();
  },
  async acknowledgeEscalation(id, userId, at) {
    const result = await tx
      .updateTable('case_escalations')
      .set({ acknowledged_at: toDbTime(at), acknowledged_by: userId })
      .where('id', '=', id)
      .where('direction', '=', 'up')
      .where('acknowledged_at', 'is', null)
      .where('superseded_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
  async supersedeWaiting(caseId, aboveRank, at) {
    const rows = await tx
      .updateTable('case_escalations')
      .set({ superseded_at: toDbTime(at) })
      .where('case_id', '=', caseId)
      .where('direction', '=', 'up')
      .where('to_rank', '>', aboveRank)
      .where('acknowledged_at', 'is', null)
      .where('superseded_at', 'is', null)
      .returning('id')
      .execute();
    return rows.map((row) => row.id).sort();
  },
  async findEscalation(id) {
    const row = await tx.selectFrom('case_escalations').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEscalation(row) : undefined;
  },
  async listEscalations(caseId) {
    const rows = await tx
      .selectFrom('case_escalations')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toEscalation);
  },
  async firedBy(eventId) {
    const row = await tx
      .selectFrom('case_escalations')
      .select('id')
      .where('source_event_id', '=', eventId)
      .executeTakeFirst();
    return row !== undefined;
  },
  async caseRecord(caseId) {
    const [commitments, tasks, compensations, events] = await Promise.all([
      tx
        .selectFrom('commitments')
        .select(['id', 'text', 'due_at', 'status'])
        .where('case_id', '=', caseId)
        .orderBy('due_at')
        .execute(),
      tx
        .selectFrom('internal_tasks')
        .select(['question', 'status', 'answer'])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .execute(),
      tx
        .selectFrom('compensations')
        .select(['kind', 'amount', 'currency', 'status'])
        .where('case_id', '=', caseId)
        .orderBy('proposed_at')
        .execute(),
      tx
        .selectFrom('events')
        .select(['type', 'payload', 'occurred_at'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('type', 'in', ['case.status_changed', 'case.message_recorded'])
        .orderBy('seq')
        .execute(),
    ]);
    const statusChanges: { from: string; to: string; at: Date }[] = [];
    const inboundMessages: string[] = [];
    for (const event of events) {
      const payload = readJson<Record<string, unknown>>(event.payload);
      if (event.type === 'case.status_changed') {
        statusChanges.push({ from: String(payload.from), to: String(payload.to), at: readTime(event.occurred_at) });
      } else if (payload.direction === 'inbound' && typeof payload.body === 'string') {
        inboundMessages.push(payload.body);
      }
    }
    return {
      commitments: commitments.map((c) => ({ id: c.id, text: c.text, dueAt: readTime(c.due_at), status: c.status })),
      tasks: tasks.map((t) => ({ question: t.question, status: t.status, answer: t.answer })),
      compensations: compensations.map((c) => ({
        kind: c.kind as CompensationKind,
        amount: c.amount === null ? null : readInt(c.amount),
        currency: c.currency,
        status: c.status as CompensationStatus,
      })),
      statusChanges,
      inboundMessages,
    };
  },
  countInboundContacts: (caseId, uptoSeq) =>
    countOf(caseEvents(tx, caseId, ['case.message_recorded', 'case.call_logged'], uptoSeq).where(inbound)),
  countNegotiationRounds: (caseId, uptoSeq) =>
    countOf(
      caseEvents(tx, caseId, ['compensation.proposed', 'compensation.customer_responded'], uptoSeq).where((eb) =>
        eb.or([eb('type', '=', 'compensation.proposed'), declined]),
      ),
    ),
  async appendEvent(event) {
    await appendEvent(tx, event);
  },
});
