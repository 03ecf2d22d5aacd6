import type { Selectable } from 'kysely';
import type { EscalationSignal } from '@redress/contract';
import type { LexiconLanguage, LexiconRepository, StoredLexiconEntry } from '../../modules/language/index.ts';
import { readBool, readOptionalTime, readTime, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import type { Schema } from '../schema.ts';

type EntryRow = Selectable<Schema['language_lexicon_entries']>;

const toEntry = (row: EntryRow): StoredLexiconEntry => ({
  id: row.id,
  signal: row.signal as EscalationSignal,
  language: row.language as LexiconLanguage,
  kind: row.kind === 'pattern' ? 'pattern' : 'phrase',
  text: row.text,
  negatable: readBool(row.negatable),
  confidence: Number(row.confidence),
  source: 'admin',
  createdBy: row.created_by,
  createdAt: readTime(row.created_at),
  disabledAt: readOptionalTime(row.disabled_at),
});

/** The signal lexicon port over Kysely: an administrator's entries in `language_lexicon_entries`. */
export const lexiconRepository = (tx: Tx): LexiconRepository => ({
  async listEntries() {
    const rows = await tx
      .selectFrom('language_lexicon_entries')
      .selectAll()
      .where('disabled_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(toEntry);
  },
  async findEntry(id) {
    const row = await tx
      .selectFrom('language_lexicon_entries')
      .selectAll()
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return row ? toEntry(row) : undefined;
  },
  async insertEntry(entry) {
    await tx
      .insertInto('language_lexicon_entries')
      .values({
        id: entry.id,
        signal: entry.signal,
        language: entry.language,
        kind: entry.kind,
        text: entry.text,
        negatable: entry.negatable,
        confidence: entry.confidence,
        created_by: entry.createdBy,
        created_at: toDbTime(entry.createdAt),
        disabled_at: entry.disabledAt ? toDbTime(entry.disabledAt) : null,
      })
      .execute();
  },
  async disableEntry(id, at) {
    const result = await tx
      .updateTable('language_lexicon_entries')
      .set({ disabled_at: toDbTime(at) })
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  },
  async appendEvent(event) {
    await appendEvent(tx, event);
  },
});
