import { bigrams, hanRuns, wordTerms } from './search-text.ts';

/**
 * One case's index document: its texts (subject, customer name, description, messages, notes,
 * call summaries) analysed into the two term streams of search-text.ts. Both backends store the
 * same streams — SQLite as two space-joined FTS5 columns, PostgreSQL as one positioned tsvector —
 * so a phrase means the same on both.
 */

/**
 * Put between texts (and between Han runs) so that no phrase matches across two of them: the last
 * word of one message and the first of the next are not a phrase. It can never be a query term:
 * terms never hold whitespace, and U+3000 is whitespace. The FTS5 `ascii` tokenizer keeps every
 * non-ASCII character, so on SQLite it is an ordinary term that no query mentions; on PostgreSQL
 * it only takes up a position.
 */
export const BOUNDARY = '\u3000';

/**
 * Terms kept per case (both streams together). Past it the oldest messages go unindexed; it keeps
 * a case's tsvector far below PostgreSQL's 1 MB and its 16,383 positions, and reindexing a case on
 * each new message cheap.
 */
export const MAX_DOCUMENT_TERMS = 16_000;

/** Characters of one text that are analysed; the rest of a huge paste is not indexed. */
export const MAX_TEXT_LENGTH = 100_000;

export interface SearchDocument {
  /** Word terms, with `BOUNDARY` between texts. */
  readonly words: readonly string[];
  /** Han bigrams, with `BOUNDARY` between runs and between texts. */
  readonly grams: readonly string[];
}

/**
 * Analyses `texts` (most important first: later texts are dropped when the document is full).
 * Empty and null texts are skipped.
 */
export const buildSearchDocument = (texts: readonly (string | null | undefined)[]): SearchDocument => {
  const words: string[] = [];
  const grams: string[] = [];
  for (const raw of texts) {
    if (!raw) continue;
    if (words.length + grams.length >= MAX_DOCUMENT_TERMS) break;
    const text = raw.length > MAX_TEXT_LENGTH ? raw.slice(0, MAX_TEXT_LENGTH) : raw;
    const textWords = wordTerms(text).map((w) => w.term);
    if (textWords.length > 0) {
      if (words.length > 0) words.push(BOUNDARY);
      words.push(...textWords);
    }
    for (const run of hanRuns(text)) {
      const runGrams = bigrams(run.run);
      if (runGrams.length === 0) continue;
      if (grams.length > 0) grams.push(BOUNDARY);
      grams.push(...runGrams);
    }
  }
  const room = MAX_DOCUMENT_TERMS;
  return words.length + grams.length <= room
    ? { words, grams }
    : { words: words.slice(0, room), grams: grams.slice(0, Math.max(0, room - words.length)) };
};

/** The document as the two FTS5 columns (terms separated by ASCII spaces, for the `ascii` tokenizer). */
export const ftsColumns = (doc: SearchDocument): { words: string; grams: string } => ({
  words: doc.words.join(' '),
  grams: doc.grams.join(' '),
});

/** PostgreSQL's highest tsvector position and most positions kept per lexeme. */
const PG_MAX_POSITION = 16_383;
const PG_MAX_POSITIONS_PER_LEXEME = 256;

/** A lexeme as a tsvector/tsquery literal: single-quoted, quotes and backslashes doubled. */
export const pgLexeme = (term: string): string => `'${term.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;

/**
 * The document as a tsvector literal, `'芒果':1 '退款':2,7 …` — cast with `::tsvector`, which
 * takes the lexemes as written (the `simple` configuration's behaviour, with our own analysis).
 * Words take positions 1…, grams continue after a gap, so no phrase spans the two streams.
 */
export const tsvectorLiteral = (doc: SearchDocument): string => {
  const positions = new Map<string, number[]>();
  let position = 0;
  const add = (stream: readonly string[]) => {
    for (const term of stream) {
      position += 1;
      if (term === BOUNDARY) continue;
      let list = positions.get(term);
      if (!list) positions.set(term, (list = []));
      if (list.length < PG_MAX_POSITIONS_PER_LEXEME) list.push(Math.min(position, PG_MAX_POSITION));
    }
  };
  add(doc.words);
  position += 1;
  add(doc.grams);
  const parts: string[] = [];
  for (const [term, list] of positions) parts.push(`${pgLexeme(term)}:${[...new Set(list)].join(',')}`);
  return parts.join(' ');
};
