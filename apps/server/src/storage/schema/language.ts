import type { Bool, NullableTimestamp, Timestamp } from './column-types.ts';

/** Lexicon entries administrators add to the escalation-signal rules, and what the category model needs. */
export interface LanguageTables {
  language_lexicon_entries: {
    id: string;
    signal: string;
    language: string;
    kind: string;
    text: string;
    negatable: Bool;
    confidence: number;
    created_by: string | null;
    created_at: Timestamp;
    disabled_at: NullableTimestamp;
  };
}
