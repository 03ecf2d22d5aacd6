import type { CategoryKind } from '@redress/contract';
import type {
  CategoryModelRepository,
  SuggestableCategory,
  TrainingCase,
  TrainingScope,
} from '../../modules/language/index.ts';
import { readInt, readJson, readOptionalTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { firstInboundMessages } from './case-texts.ts';
import { caseAtSites } from './scope-sql.ts';

/**
 * What the category model learns from, on Kysely for both SQLite and PostgreSQL. A training case
 * is resolved or closed, not merged into another, and has a category; it reads as its subject,
 * description and the customer's first inbound message. Narrowed to the caller's sites in SQL.
 */

/** Events after which a model may be out of date: a case closes or reopens, changes category; a category is added. */
const RELEVANT_EVENTS = ['case.status_changed', 'case.field_changed', 'category.created', 'category.renamed'] as const;

const TRAINING_STATUSES = ['resolved', 'closed'];

export const categoryModelRepository = (tx: Tx): CategoryModelRepository => {
  const trainingCases = (scope: TrainingScope) =>
    tx
      .selectFrom('cases')
      .where('cases.status', 'in', TRAINING_STATUSES)
      .where('cases.merged_into_id', 'is', null)
      .where('cases.category_id', 'is not', null)
      .where(caseAtSites(scope));

  return {
    async listCategories() {
      const rows = await tx
        .selectFrom('categories')
        .select(['id', 'parent_id', 'names', 'kind'])
        .where('archived_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map((row): SuggestableCategory => ({
        id: row.id,
        parentId: row.parent_id,
        names: readJson<SuggestableCategory['names']>(row.names),
        kind: row.kind as CategoryKind,
      }));
    },

    async lastRelevantEventSeq() {
      // One seek per type on events (type, seq); an IN list would read every matching row.
      const maxima = await Promise.all(
        RELEVANT_EVENTS.map((type) =>
          tx
            .selectFrom('events')
            .select((eb) => eb.fn.max('seq').as('seq'))
            .where('type', '=', type)
            .executeTakeFirst(),
        ),
      );
      return Math.max(0, ...maxima.map((row) => (row?.seq == null ? 0 : readInt(row.seq))));
    },

    async trainingVersion(scope) {
      const [cases, categories] = await Promise.all([
        trainingCases(scope)
          .select((eb) => [eb.fn.countAll().as('n'), eb.fn.max('cases.updated_at').as('last')])
          .executeTakeFirst(),
        tx
          .selectFrom('categories')
          .select((eb) => [
            eb.fn.countAll().as('n'),
            eb.fn.max('created_at').as('last'),
            eb.fn.count('archived_at').as('archived'),
          ])
          .executeTakeFirst(),
      ]);
      const time = (value: unknown) => readOptionalTime(value)?.toISOString() ?? '-';
      return [
        readInt(cases?.n ?? 0),
        time(cases?.last),
        readInt(categories?.n ?? 0),
        time(categories?.last),
        readInt(categories?.archived ?? 0),
      ].join('|');
    },

    async listTrainingCases(scope, limit) {
      const newest = trainingCases(scope)
        .select(['cases.id', 'cases.category_id', 'cases.subject', 'cases.description'])
        // The last change of a resolved or closed case is its resolution or closing (or a later
        // correction of its category, which is just what the model should learn): indexed.
        .orderBy('cases.updated_at', 'desc')
        .orderBy('cases.id', 'desc')
        .limit(limit);
      const rows = await newest.execute();
      if (rows.length === 0) return [];
      // Only the first inbound message of each of these cases, cut in SQL: never every payload.
      const firstInbound = await firstInboundMessages(tx, newest.clearSelect().select('cases.id'));
      return rows.map((row): TrainingCase => ({
        categoryId: row.category_id ?? '',
        text: [row.subject, row.description, firstInbound.get(row.id)].filter(Boolean).join('\n'),
      }));
    },

    async caseText(caseId) {
      const row = await tx
        .selectFrom('cases')
        .select(['subject', 'description', 'language'])
        .where('id', '=', caseId)
        .executeTakeFirst();
      if (!row) return undefined;
      const inbound = (await firstInboundMessages(tx, [caseId])).get(caseId);
      return {
        text: [row.subject, row.description, inbound].filter(Boolean).join('\n'),
        language: row.language,
      };
    },
  };
};
