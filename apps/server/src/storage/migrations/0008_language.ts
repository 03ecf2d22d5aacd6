import type { Migration } from './types.ts';

/** Lexicon entries administrators add to the escalation-signal rules, and what the category model needs. */
export const language: Migration = {
  id: '0008_language',
  async up(db, t) {
    await db.schema
      .createTable('language_lexicon_entries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // An escalation signal (SIGNALS.md): 'refund_demand', 'legal_threat' …
      .addColumn('signal', 'text', (c) => c.notNull())
      // The rule family: 'en', 'zh' (both scripts) or 'th'.
      .addColumn('language', 'text', (c) => c.notNull())
      // 'phrase' (matched literally after folding) or 'pattern' (a checked regular expression).
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('negatable', t.bool, (c) => c.notNull())
      .addColumn('confidence', 'double precision', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      // Entries are disabled, not deleted: the events that added them keep pointing at a row.
      .addColumn('disabled_at', t.timestamp)
      .execute();

    // The category model trains on the newest resolved and closed cases and checks whether they
    // changed (count and newest update): both read this index instead of every case.
    await db.schema.createIndex('cases_status_updated_idx').on('cases').columns(['status', 'updated_at']).execute();
  },
};
