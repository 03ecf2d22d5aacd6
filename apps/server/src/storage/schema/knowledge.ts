import type { Timestamp } from './column-types.ts';

/** Best answers per category and language (migration 0012). */
export interface KnowledgeTables {
  best_answers: {
    /** `ans_…` */
    id: string;
    /** null: a general answer. */
    category_id: string | null;
    language: string;
    title: string;
    body: string;
    /** The folded title and body, for `q`. */
    search_text: string;
    created_by: string | null;
    created_at: Timestamp;
    updated_by: string | null;
    updated_at: Timestamp;
  };
}
