import { sql } from 'kysely';
import type { Migration } from './types.ts';

/**
 * The full-text index over cases, messages, notes and customer names: one document per case,
 * analysed in the application (modules/search/search-text.ts) so both backends index the same
 * terms. Rebuildable at any time from the cases, events and customers (`rebuildSearchIndex`).
 *
 * - SQLite: an FTS5 table of two columns (`words`, `grams`) holding the pre-analysed terms joined
 *   by spaces, tokenized by `ascii` (which splits only at ASCII spaces and punctuation, and keeps
 *   every other character — Thai vowel signs and tone marks included — inside its term).
 *   Contentless: the texts live in their own tables, the index holds terms only.
 *   `search_cases` gives each case the integer rowid FTS5 needs, handed out in creation order,
 *   so descending rowid is newest first.
 * - PostgreSQL: a `tsvector` per case, built from the same terms with positions (the `simple`
 *   configuration's exact-lexeme behaviour), under a GIN index.
 */
export const search: Migration = {
  id: '0007_search',
  async up(db, t) {
    if (t.dialect === 'sqlite') {
      await db.schema
        .createTable('search_cases')
        .addColumn('id', 'integer', (c) => c.primaryKey())
        .addColumn('case_id', 'text', (c) => c.notNull().unique().references('cases.id'))
        .execute();
      await sql`CREATE VIRTUAL TABLE search_fts USING fts5(words, grams, tokenize = 'ascii', content = '', contentless_delete = 1)`.execute(
        db,
      );
      return;
    }
    await db.schema
      .createTable('search_documents')
      .addColumn('case_id', 'text', (c) => c.primaryKey().references('cases.id'))
      .addColumn('doc', sql`tsvector`, (c) => c.notNull())
      .execute();
    await sql`CREATE INDEX search_documents_doc_idx ON search_documents USING gin (doc)`.execute(db);
  },
};
