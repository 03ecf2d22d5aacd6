import type { Generated } from 'kysely';

/**
 * The full-text index (migration 0007): `search_cases` + the FTS5 table `search_fts` on SQLite,
 * `search_documents` on PostgreSQL. Each backend has only its own tables.
 */
export interface SearchTables {
  /** SQLite: the FTS5 rowid of each case's document, in creation order. */
  search_cases: {
    id: Generated<number>;
    case_id: string;
  };
  /** SQLite: the FTS5 table (contentless; written and queried with raw SQL). */
  search_fts: {
    rowid: number;
    words: string;
    grams: string;
  };
  /** PostgreSQL: one tsvector per case. */
  search_documents: {
    case_id: string;
    /** A tsvector; written as a literal cast with `::tsvector`. */
    doc: string;
  };
}
