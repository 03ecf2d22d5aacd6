import type { NewEvent } from '../../../shared/unit-of-work.ts';
import type { LexiconEntry } from './lexicon-entry.ts';

/** An administrator's lexicon entry as stored. */
export interface StoredLexiconEntry extends LexiconEntry {
  readonly source: 'admin';
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

/** The lexicon port: rows of `language_lexicon_entries`. */
export interface LexiconRepository {
  /** Entries not disabled, oldest first. */
  listEntries(): Promise<StoredLexiconEntry[]>;
  /** An entry not disabled, or undefined. */
  findEntry(id: string): Promise<StoredLexiconEntry | undefined>;
  insertEntry(entry: StoredLexiconEntry): Promise<void>;
  /** Marks the entry disabled; false when there was none to disable. */
  disableEntry(id: string, at: Date): Promise<boolean>;
  appendEvent(event: NewEvent): Promise<void>;
}

export interface LexiconStore {
  readonly lexicon: LexiconRepository;
}
