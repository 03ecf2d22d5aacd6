import { foldText, originalSpan } from '../../shared/text/fold.ts';
import { tokenize } from '../../shared/text/segment.ts';

/**
 * How text becomes index terms — the one analysis shared by documents and queries, so both sides
 * always agree. Two streams:
 *
 * - **words**: the segmented, folded words of every script except Han (English, Thai, digits …),
 *   each further split at ASCII punctuation (`don't` → `don`, `t`) so that no backend tokenizer
 *   ever splits a term again, and with Han characters taken out.
 * - **grams**: every maximal run of Han characters in the folded text, as overlapping character
 *   bigrams (`芒果干` → `芒果`, `果干`). A phrase of bigrams is an exact substring of one run, so a
 *   Chinese query is found inside a longer run whatever the segmenter made of either side, and
 *   Traditional and Simplified fold to one script before the bigrams are cut.
 *
 * A run of one Han character has no bigram: a one-character query cannot be served by the index
 * (see the query compiler's fallback), and a one-character run in a document is only found by that
 * fallback's scan.
 */

/** A word term and the span of the original text it came from. */
export interface WordTerm {
  /** Folded (lower case, NFKC, Simplified), without ASCII punctuation, whitespace or Han. */
  readonly term: string;
  /** `[start, end)` in the original text (the whole segmented word this part belongs to). */
  readonly start: number;
  readonly end: number;
}

/** A maximal run of Han characters, folded, and its span in the original text. */
export interface HanRun {
  readonly run: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Longest term kept, in UTF-16 units: longer "words" (hashes, base64, URLs run together) would
 * only bloat the index, and PostgreSQL refuses lexemes past 2 KB.
 */
export const MAX_TERM_LENGTH = 64;

// ASCII punctuation and control characters, whitespace of any script, and Han: what splits a word.
const SPLIT = /[\u0000-\u002f\u003a-\u0040\u005b-\u0060\u007b-\u007f\s\p{Script=Han}]+/u;
const HAN = /\p{Script=Han}/u;

/** The word terms of `text`, in order (see the module comment). */
export const wordTerms = (text: string): WordTerm[] => {
  const out: WordTerm[] = [];
  for (const token of tokenize(text)) {
    for (const part of token.term.split(SPLIT)) {
      if (part.length === 0 || part.length > MAX_TERM_LENGTH) continue;
      out.push({ term: part, start: token.start, end: token.end });
    }
  }
  return out;
};

/** The maximal runs of Han characters in the folded `text`, with their original spans. */
export const hanRuns = (text: string): HanRun[] => {
  const folded = foldText(text);
  const out: HanRun[] = [];
  let runStart = -1;
  const close = (end: number) => {
    if (runStart < 0) return;
    const span = originalSpan(folded, runStart, end);
    out.push({ run: folded.text.slice(runStart, end), start: span.start, end: span.end });
    runStart = -1;
  };
  for (let i = 0; i < folded.text.length;) {
    const point = folded.text.codePointAt(i) ?? 0;
    const width = point > 0xffff ? 2 : 1;
    if (HAN.test(folded.text.slice(i, i + width))) {
      if (runStart < 0) runStart = i;
    } else {
      close(i);
    }
    i += width;
  }
  close(folded.text.length);
  return out;
};

/** The overlapping character bigrams of a Han run (code points, not UTF-16 units); none for one character. */
export const bigrams = (run: string): string[] => {
  const chars = Array.from(run);
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i += 1) out.push(`${chars[i]}${chars[i + 1]}`);
  return out;
};

/** The number of characters (code points) in a run. */
export const runLength = (run: string): number => Array.from(run).length;
