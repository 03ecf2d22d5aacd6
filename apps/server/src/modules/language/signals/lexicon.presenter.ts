import type { LexiconDto, LexiconEntryDto } from '@redress/contract';
import type { StoredLexiconEntry } from './lexicon.repository.ts';
import type { LexiconView } from './lexicon.service.ts';

export const presentLexiconEntry = (entry: StoredLexiconEntry): LexiconEntryDto => ({
  id: entry.id,
  signal: entry.signal,
  language: entry.language,
  kind: entry.kind,
  text: entry.text,
  negatable: entry.negatable,
  confidence: entry.confidence,
  createdBy: entry.createdBy,
  createdAt: entry.createdAt.toISOString(),
});

export const presentLexicon = (view: LexiconView): LexiconDto => ({
  builtIn: view.builtIn.map((summary) => ({ ...summary })),
  entries: view.entries.map(presentLexiconEntry),
});
