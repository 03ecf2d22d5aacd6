import type { Migration } from './types.ts';

/**
 * Best answers (modules/knowledge): replies that worked, kept per category and language for the
 * composer. `search_text` is the folded title and body (shared/text/fold.ts), so a search matches
 * whatever width, case or Chinese script the words were typed in.
 */
export const bestAnswers: Migration = {
  id: '0012_best_answers',
  async up(db, t) {
    await db.schema
      .createTable('best_answers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // null: a general answer, offered for every category.
      .addColumn('category_id', 'text', (c) => c.references('categories.id'))
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('search_text', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    // The composer asks for one category chain in one language.
    await db.schema
      .createIndex('best_answers_category_language_idx')
      .on('best_answers')
      .columns(['category_id', 'language'])
      .execute();
  },
};
