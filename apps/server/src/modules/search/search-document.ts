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
 * Positions kept per case (terms of both streams and the boundaries between texts): PostgreSQL
 * records positions up to 16,383, so past this a phrase could no longer be told apart.
 */
export const MAX_DOCUMENT_TERMS = 16_000;

/**
 * Estimated stored size kept per case, in bytes: each distinct term costs its UTF-8 length plus
 * `LEXEME_BYTES`, each occurrence `POSITION_BYTES` (PostgreSQL's tsvector layout). PostgreSQL
 * refuses a tsvector past 1 MB (1,048,575 bytes), and a refused document would fail the write that
 * changed the case — so the cap stays well below, and applies on SQLite too, so that both backends
 * index the same terms.
 */
export const MAX_DOCUMENT_BYTES = 900_000;
const LEXEME_BYTES = 8;
const POSITION_BYTES = 2;

/** Characters of one text that are analysed; the rest of a huge paste is not indexed. */
export const MAX_TEXT_LENGTH = 100_000;

/**
 * Characters analysed per case, all texts together (each counted up to `MAX_TEXT_LENGTH`). It
 * bounds the work of indexing a case whatever its history: the texts past it are never read (see
 * `analysedLength`), and it is far more than the terms and bytes above usually hold.
 */
export const MAX_DOCUMENT_CHARS = 200_000;

/** How many of the document's characters `text` uses (what a loader counts against a budget). */
export const analysedLength = (text: string): number => Math.min(text.length, MAX_TEXT_LENGTH);

export interface SearchDocument {
  /** Word terms, with `BOUNDARY` between texts. */
  readonly words: readonly string[];
  /** Han bigrams, with `BOUNDARY` between runs and between texts. */
  readonly grams: readonly string[];
}

/** One text's terms in the order they occur: a word, or the bigrams of one Han run. */
type Piece = { readonly start: number; readonly word: string } | { readonly start: number; readonly grams: string[] };

const pieces = (text: string): Piece[] => {
  const out: Piece[] = [
    ...wordTerms(text).map((w) => ({ start: w.start, word: w.term })),
    ...hanRuns(text).map((r) => ({ start: r.start, grams: bigrams(r.run) })),
  ];
  // Stable: a word and a run starting together keep the word first.
  return out.sort((a, b) => a.start - b.start);
};

/**
 * Analyses `texts`, most important first (the caller's order: subject, customer names,
 * description, then messages, notes and calls newest first). Empty and null texts are skipped.
 * Each text gets what room remains — positions, bytes and characters — and is itself cut where
 * the room runs out, its words and Han bigrams in the order they occur; the texts after it are
 * dropped. Terms of a text already added are never taken back, so a long message can never push
 * out the subject, a name or the description, whatever their script.
 */
export const buildSearchDocument = (texts: readonly (string | null | undefined)[]): SearchDocument => {
  const words: string[] = [];
  const grams: string[] = [];
  const seen = new Set<string>();
  let bytes = 0;
  let chars = 0;
  /** Adds `term` (after a boundary when `opening` and the stream has terms); false when full. */
  const add = (stream: string[], term: string, opening: boolean): boolean => {
    const boundary = opening && stream.length > 0 ? 1 : 0;
    const fresh = !seen.has(term);
    const cost = POSITION_BYTES + (fresh ? Buffer.byteLength(term, 'utf8') + LEXEME_BYTES : 0);
    if (words.length + grams.length + boundary + 1 > MAX_DOCUMENT_TERMS) return false;
    if (bytes + cost > MAX_DOCUMENT_BYTES) return false;
    if (boundary) stream.push(BOUNDARY);
    stream.push(term);
    if (fresh) seen.add(term);
    bytes += cost;
    return true;
  };
  for (const raw of texts) {
    if (!raw) continue;
    const room = Math.min(MAX_TEXT_LENGTH, MAX_DOCUMENT_CHARS - chars);
    if (room <= 0) break;
    const text = raw.length > room ? raw.slice(0, room) : raw;
    chars += text.length;
    let firstWord = true;
    for (const piece of pieces(text)) {
      if ('word' in piece) {
        if (!add(words, piece.word, firstWord)) return { words, grams };
        firstWord = false;
        continue;
      }
      for (let i = 0; i < piece.grams.length; i += 1) {
        if (!add(grams, piece.grams[i]!, i === 0)) return { words, grams };
      }
    }
  }
  return { words, grams };
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
