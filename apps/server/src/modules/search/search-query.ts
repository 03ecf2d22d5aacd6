import { AppError, ErrorCode } from '../../shared/errors.ts';
import { fold } from '../../shared/text/fold.ts';
import { pgLexeme } from './search-document.ts';
import { bigrams, hanRuns, runLength, wordTerms } from './search-text.ts';

/**
 * The query compiler: a search box's text → terms, analysed exactly as documents are
 * (search-text.ts), and rendered for each backend. Terms are separated by whitespace, or quoted
 * (`"cold chain"`); every term must match (AND), and each term is matched as a phrase: its words
 * consecutive, each of its Han runs as a substring. Nothing the user types reaches either
 * database's query syntax: terms are re-quoted from the analysed words, which hold no ASCII
 * punctuation, so `NEAR(`, `"`, `*`, `:` and `'` are just text.
 */

/** One term of a query. */
export interface QueryTerm {
  /** As typed (quotes removed). */
  readonly raw: string;
  /** Its word terms, in order: matched as one phrase. Empty when it has none. */
  readonly words: readonly string[];
  /** Its folded Han runs: each matched as a phrase of bigrams (a substring). */
  readonly runs: readonly string[];
  /**
   * True when the index can find it: it has words or runs, and every run has two characters or
   * more. Otherwise it is matched by the fallback scan as a folded substring, `needle`.
   */
  readonly indexed: boolean;
  /** The folded, trimmed term: what the fallback scan looks for. */
  readonly needle: string;
}

/** A search box's text compiled: its distinct terms, in the order typed. */
export interface CompiledQuery {
  readonly terms: readonly QueryTerm[];
  /** True when every term is indexed: the index alone answers the query. */
  readonly indexed: boolean;
}

/** Longest query accepted, in characters (the contract says the same). */
export const MAX_QUERY_LENGTH = 500;
/** Most terms in one query. */
export const MAX_QUERY_TERMS = 16;

const invalid = (message: string): AppError =>
  new AppError(ErrorCode.ValidationFailed, message, [{ field: '/querystring/q', message }]);

/** Splits at whitespace, keeping double-quoted groups together; a lone quote is an ordinary character. */
export const splitTerms = (q: string): string[] => {
  const out: string[] = [];
  const pattern = /"([^"]*)"|(\S+)/gu;
  for (const match of q.matchAll(pattern)) {
    const term = (match[1] ?? match[2] ?? '').trim();
    if (term.length > 0) out.push(term);
  }
  return out;
};

const analyseTerm = (raw: string): QueryTerm => {
  const words = wordTerms(raw).map((w) => w.term);
  const runs = hanRuns(raw).map((r) => r.run);
  const needle = fold(raw).trim();
  const indexed = (words.length > 0 || runs.length > 0) && runs.every((run) => runLength(run) >= 2);
  return { raw, words, runs, indexed, needle };
};

/**
 * Compiles the text of a search box. Throws `validation_failed` for a query that is empty, too
 * long or has too many terms; anything else compiles (a term of punctuation only is left to the
 * fallback scan, which looks for it literally).
 */
export const compileQuery = (q: string): CompiledQuery => {
  if (q.length > MAX_QUERY_LENGTH) throw invalid(`must be at most ${MAX_QUERY_LENGTH} characters`);
  const raws = splitTerms(q);
  if (raws.length === 0) throw invalid('must contain something to search for');
  if (raws.length > MAX_QUERY_TERMS) throw invalid(`must have at most ${MAX_QUERY_TERMS} terms`);
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const term of raws.map(analyseTerm)) {
    const key = `${term.words.join(' ')}|${term.runs.join(' ')}|${term.indexed ? '' : term.needle}`;
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  return { terms, indexed: terms.every((t) => t.indexed) };
};

/** The indexed terms alone (what the index can narrow by when some term needs the scan). */
export const indexedTerms = (query: CompiledQuery): QueryTerm[] => query.terms.filter((t) => t.indexed);

/** A phrase as an FTS5 string: double quotes, any inner quote doubled (analysed terms hold none). */
const ftsPhrase = (terms: readonly string[]): string => `"${terms.join(' ').replaceAll('"', '""')}"`;

/**
 * The FTS5 MATCH expression for indexed terms (over the `words` and `grams` columns), e.g.
 * `words : "cold chain" AND grams : "芒果"`. Undefined when there is nothing to match.
 */
export const toFtsMatch = (terms: readonly QueryTerm[]): string | undefined => {
  const parts: string[] = [];
  for (const term of terms) {
    if (!term.indexed) continue;
    if (term.words.length > 0) parts.push(`words : ${ftsPhrase(term.words)}`);
    for (const run of term.runs) parts.push(`grams : ${ftsPhrase(bigrams(run))}`);
  }
  return parts.length > 0 ? parts.join(' AND ') : undefined;
};

const tsPhrase = (terms: readonly string[]): string => {
  const inner = terms.map(pgLexeme).join(' <-> ');
  return terms.length > 1 ? `(${inner})` : inner;
};

/**
 * The tsquery literal for indexed terms, e.g. `('cold' <-> 'chain') & '芒果'`, cast with
 * `::tsquery` (lexemes as written, as in the documents). Undefined when there is nothing to match.
 */
export const toTsQuery = (terms: readonly QueryTerm[]): string | undefined => {
  const parts: string[] = [];
  for (const term of terms) {
    if (!term.indexed) continue;
    if (term.words.length > 0) parts.push(tsPhrase(term.words));
    for (const run of term.runs) parts.push(tsPhrase(bigrams(run)));
  }
  return parts.length > 0 ? parts.join(' & ') : undefined;
};
