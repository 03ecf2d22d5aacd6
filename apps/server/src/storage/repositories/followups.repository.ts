import type {
  CompensationKind,
  CompensationStatus,
  FollowUpPlan,
  FollowUpStatus,
  LeavingReason,
  SurveyChannel,
  SurveyStatus,
} from '@redress/contract';
import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type { FollowUp, FollowUpRepository, FollowUpStore, Survey } from '../../modules/followups/index.ts';
import type { ClockConfigCache } from './clocks.repository.ts';
import { casesRepository } from './cases.repository.ts';
import { tasksRepository } from './tasks.repository.ts';
import { readBool, readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import type { Schema } from '../schema.ts';

const toFollowUp = (row: Selectable<Schema['followups']>): FollowUp => ({
  id: row.id,
  caseId: row.case_id,
  status: row.status as FollowUpStatus,
  plan: row.plan as FollowUpPlan,
  dueAt: readOptionalTime(row.due_at),
  compensationId: row.compensation_id,
  surveyId: row.survey_id,
  reason: row.reason,
  sourceEventId: row.source_event_id,
  sourceSeq: readInt(row.source_seq),
  waitUntil: readOptionalTime(row.wait_until),
  sentAt: readOptionalTime(row.sent_at),
  cancelledAt: readOptionalTime(row.cancelled_at),
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

const optionalBool = (value: unknown): boolean | null =>
  value === null || value === undefined ? null : readBool(value);

const toSurvey = (row: Selectable<Schema['surveys']>): Survey => ({
  id: row.id,
  caseId: row.case_id,
  customerId: row.customer_id,
  followUpId: row.followup_id,
  language: row.language,
  status: row.status as SurveyStatus,
  score: row.score === null ? null : Number(row.score),
  solved: optionalBool(row.solved),
  effort: row.effort === null ? null : Number(row.effort),
  comment: row.comment,
  leaving: optionalBool(row.leaving),
  leavingReason: row.leaving_reason as LeavingReason | null,
  answeredVia: row.answered_via as SurveyChannel | null,
  answeredBy: row.answered_by,
  answeredAt: readOptionalTime(row.answered_at),
  expiresAt: readTime(row.expires_at),
  createdAt: readTime(row.created_at),
});

const mutableFollowUp = (f: FollowUp) => ({
  status: f.status,
  plan: f.plan,
  due_at: f.dueAt ? toDbTime(f.dueAt) : null,
  compensation_id: f.compensationId,
  survey_id: f.surveyId,
  reason: f.reason,
  wait_until: f.waitUntil ? toDbTime(f.waitUntil) : null,
  sent_at: f.sentAt ? toDbTime(f.sentAt) : null,
  cancelled_at: f.cancelledAt ? toDbTime(f.cancelledAt) : null,
  updated_at: toDbTime(f.updatedAt),
});

/** A survey's status and answer columns: what answering it changes. */
const surveyAnswer = (s: Survey) => ({
  status: s.status,
  score: s.score,
  solved: s.solved,
  effort: s.effort,
  comment: s.comment,
  leaving: s.leaving,
  leaving_reason: s.leavingReason,
  answered_via: s.answeredVia,
  answered_by: s.answeredBy,
  answered_at: s.answeredAt ? toDbTime(s.answeredAt) : null,
});

const PENDING: readonly FollowUpStatus[] = ['waiting_remedy', 'scheduled'];

// `->>` reads a JSON field on both backends (PostgreSQL jsonb, SQLite 3.38+ text).
const inbound = sql<boolean>`payload ->> 'direction' = 'inbound'`;
const notToClosed = sql<boolean>`coalesce(payload ->> 'to', '') <> 'closed'`;

/** How far a merged customer is followed to its survivor (merges are flattened; this is a guard). */
const MAX_MERGE_HOPS = 5;

/** The follow-ups port over Kysely, for SQLite and PostgreSQL alike. */
export const followUpsRepository = (tx: Tx): FollowUpRepository => {
  const isPostgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  return {
    async readSetting(key) {
      const row = await tx.selectFrom('org_settings').select('value').where('key', '=', key).executeTakeFirst();
      return row ? readJson<unknown>(row.value) : undefined;
    },
    async saveSetting(key, value, by, now) {
      const values = { value: toDbJson(value), updated_by: by, updated_at: toDbTime(now) };
      await tx
        .insertInto('org_settings')
        .values({ key, ...values })
        .onConflict((oc) => oc.column('key').doUpdateSet(values))
        .execute();
    },

    async insertFollowUp(f) {
      const result = await tx
        .insertInto('followups')
        .values({
          ...mutableFollowUp(f),
          id: f.id,
          case_id: f.caseId,
          source_event_id: f.sourceEventId,
          source_seq: f.sourceSeq,
          created_at: toDbTime(f.createdAt),
        })
        .onConflict((oc) => oc.column('source_event_id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },
    async saveFollowUp(f, expected) {
      const result = await tx
        .updateTable('followups')
        .set(mutableFollowUp(f))
        .where('id', '=', f.id)
        .where('status', '=', expected)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async findFollowUp(id) {
      const row = await tx.selectFrom('followups').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toFollowUp(row) : undefined;
    },
    async pendingForCase(caseId) {
      const rows = await tx
        .selectFrom('followups')
        .selectAll()
        .where('case_id', '=', caseId)
        .where('status', 'in', [...PENDING])
        .orderBy('id')
        .execute();
      return rows.map(toFollowUp);
    },
    async listForCase(caseId) {
      const rows = await tx.selectFrom('followups').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
      return rows.map(toFollowUp);
    },
    async due(now, limit, after) {
      let query = tx
        .selectFrom('followups')
        .selectAll()
        .where('status', '=', 'scheduled')
        .where('due_at', '<=', toDbTime(now));
      if (after) {
        const at = toDbTime(after.dueAt);
        query = query.where((eb) =>
          eb.or([eb('due_at', '>', at), eb.and([eb('due_at', '=', at), eb('id', '>', after.id)])]),
        );
      }
      const rows = await query.orderBy('due_at').orderBy('id').limit(limit).execute();
      return rows.map(toFollowUp);
    },
    async waitOver(now, limit) {
      const rows = await tx
        .selectFrom('followups')
        .selectAll()
        .where('status', '=', 'waiting_remedy')
        .where('wait_until', '<=', toDbTime(now))
        .orderBy('wait_until')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toFollowUp);
    },

    async remediesOf(caseId) {
      const rows = await tx
        .selectFrom('compensations')
        .select(['id', 'kind', 'status', 'delivered_at'])
        .where('case_id', '=', caseId)
        .orderBy('proposed_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as CompensationKind,
        status: r.status as CompensationStatus,
        deliveredAt: readOptionalTime(r.delivered_at),
      }));
    },
    async customerOf(caseId) {
      const first = await tx.selectFrom('cases').select('customer_id').where('id', '=', caseId).executeTakeFirst();
      if (!first) return undefined;
      const customer = (id: string) =>
        tx
          .selectFrom('customers')
          .select(['id', 'language', 'merged_into as mergedInto', 'consent'])
          .where('id', '=', id)
          .executeTakeFirst();
      // The customer as merged: follow the merge to the survivor, whose language and consent hold.
      let row = await customer(first.customer_id);
      if (!row) return undefined;
      const chain = [row.id];
      for (let hop = 0; hop < MAX_MERGE_HOPS && row.mergedInto; hop += 1) {
        const next = await customer(row.mergedInto);
        if (!next) break;
        row = next;
        chain.push(row.id);
      }
      // Contacts may sit on any customer of the chain (a merge moves them to the survivor).
      const email = await tx
        .selectFrom('customer_contacts')
        .select('value')
        .where('customer_id', 'in', chain)
        .where('kind', '=', 'email')
        .executeTakeFirst();
      const consent = readJson<Record<string, { granted?: unknown } | null> | null>(row.consent);
      const refused = consent?.contactEmail?.granted === false;
      return { customerId: row.id, language: row.language, hasEmail: email !== undefined && !refused };
    },
    async activityAfter(caseId, afterSeq) {
      const row = await tx
        .selectFrom('events')
        .select('type')
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('seq', '>', afterSeq)
        .where((eb) =>
          eb.or([
            eb.and([eb('type', 'in', ['case.message_recorded', 'case.call_logged']), inbound]),
            eb.and([eb('type', '=', 'case.status_changed'), notToClosed]),
          ]),
        )
        .orderBy('seq')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      return row.type === 'case.message_recorded'
        ? 'customer_wrote'
        : row.type === 'case.call_logged'
          ? 'customer_called'
          : 'case_reopened';
    },

    async insertSurvey(s) {
      await tx
        .insertInto('surveys')
        .values({
          ...surveyAnswer(s),
          id: s.id,
          case_id: s.caseId,
          customer_id: s.customerId,
          followup_id: s.followUpId,
          language: s.language,
          expires_at: toDbTime(s.expiresAt),
          created_at: toDbTime(s.createdAt),
        })
        .execute();
    },
    async expireOpenSurveys(caseId) {
      const result = await tx
        .updateTable('surveys')
        .set({ status: 'expired' })
        .where('case_id', '=', caseId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async findSurvey(id, forUpdate = false) {
      let query = tx.selectFrom('surveys').selectAll().where('id', '=', id);
      if (forUpdate && isPostgres) query = query.forUpdate();
      const row = await query.executeTakeFirst();
      return row ? toSurvey(row) : undefined;
    },
    async saveAnswer(s) {
      const result = await tx
        .updateTable('surveys')
        .set(surveyAnswer(s))
        .where('id', '=', s.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async listSurveys(caseId) {
      const rows = await tx.selectFrom('surveys').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
      return rows.map(toSurvey);
    },
  };
};

/** The follow-ups unit of work's ports: the case (events, reopen, clocks), tasks, follow-ups. */
export const followUpStore =
  (clockConfig: ClockConfigCache) =>
  (tx: Tx): FollowUpStore => ({
    cases: casesRepository(tx, clockConfig),
    tasks: tasksRepository(tx),
    followups: followUpsRepository(tx),
  });
