/** The full-text index over cases, messages, notes and customer names (FTS5 on the embedded database, tsvector + GIN on PostgreSQL). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- tables are added by this change
export interface SearchTables {}
