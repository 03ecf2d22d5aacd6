import { sql } from 'kysely';
import type { Locale } from '@redress/contract';
import type { BestAnswer, KnowledgeRepository } from '../../modules/knowledge/index.ts';
import { readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';

type AnswerRow = {
  id: string;
  category_id: string | null;
  language: string;
  title: string;
  body: string;
  created_at: unknown;
  updated_at: unknown;
  updated_by: string | null;
  editor_name: string | null;
};

const toAnswer = (row: AnswerRow): BestAnswer => ({
  id: row.id,
  categoryId: row.category_id,
  language: row.language as Locale,
  title: row.title,
  body: row.body,
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
  updatedBy: row.updated_by,
  updatedByName: row.editor_name,
});

/** A LIKE pattern matching `word` anywhere, with LIKE's own characters taken literally (escape `\`). */
const containsPattern = (word: string): string => `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Best answers on Kysely, for SQLite and PostgreSQL alike. */
export const knowledgeRepository = (db: Tx): { knowledge: KnowledgeRepository } => {
  const answers = () =>
    db
      .selectFrom('best_answers as a')
      .leftJoin('users as u', 'u.id', 'a.updated_by')
      .select([
        'a.id',
        'a.category_id',
        'a.language',
        'a.title',
        'a.body',
        'a.created_at',
        'a.updated_at',
        'a.updated_by',
        'u.name as editor_name',
      ]);

  return {
    knowledge: {
      async categoryParents() {
        const rows = await db.selectFrom('categories').select(['id', 'parent_id']).execute();
        return new Map(rows.map((row) => [row.id, row.parent_id]));
      },

      async categoryExists(id) {
        const row = await db
          .selectFrom('categories')
          .select('id')
          .where('id', '=', id)
          .where('archived_at', 'is', null)
          .executeTakeFirst();
        return row !== undefined;
      },

      async listAnswers(filter) {
        let query = answers();
        const chain = filter.chain;
        if (chain) {
          query = query.where((eb) =>
            eb.or([
              eb('a.category_id', 'is', null),
              ...(chain.length > 0 ? [eb('a.category_id', 'in', [...chain])] : []),
            ]),
          );
          // Nearest first: the chain's position (0 = the category itself), the general ones last.
          // Positions are literals (small integers), so both backends compare them as numbers.
          const rank = sql<number>`case ${sql.join(
            chain.map((id, i) => sql`when ${sql.ref('a.category_id')} = ${id} then ${sql.lit(i)}`),
            sql` `,
          )} else ${sql.lit(chain.length)} end`;
          query = query.orderBy(rank);
        }
        if (filter.language) query = query.where('a.language', '=', filter.language);
        for (const word of filter.words) {
          query = query.where(sql<boolean>`${sql.ref('a.search_text')} like ${containsPattern(word)} escape '\\'`);
        }
        const rows = await query.orderBy('a.created_at').orderBy('a.id').limit(filter.limit).execute();
        return rows.map(toAnswer);
      },

      async findAnswer(id) {
        const row = await answers().where('a.id', '=', id).executeTakeFirst();
        return row ? toAnswer(row) : undefined;
      },

      async insertAnswer(answer) {
        await db
          .insertInto('best_answers')
          .values({
            id: answer.id,
            category_id: answer.categoryId,
            language: answer.language,
            title: answer.title,
            body: answer.body,
            search_text: answer.searchText,
            created_by: answer.createdBy,
            created_at: toDbTime(answer.createdAt),
            updated_by: answer.updatedBy,
            updated_at: toDbTime(answer.updatedAt),
          })
          .execute();
      },

      async updateAnswer(answer) {
        await db
          .updateTable('best_answers')
          .set({
            category_id: answer.categoryId,
            language: answer.language,
            title: answer.title,
            body: answer.body,
            search_text: answer.searchText,
            updated_by: answer.updatedBy,
            updated_at: toDbTime(answer.updatedAt),
          })
          .where('id', '=', answer.id)
          .execute();
      },

      async deleteAnswer(id) {
        const result = await db.deleteFrom('best_answers').where('id', '=', id).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      },

      async appendEvent(event) {
        await appendEvent(db, event);
      },
    },
  };
};
