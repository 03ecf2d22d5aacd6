import { foldText, originalSpan } from '../../shared/text/fold.ts';
import type { QueryTerm } from './search-query.ts';
import { wordTerms } from './search-text.ts';

/**
 * Where a query's terms stand in one text — the same phrase rules as the index (words
 * consecutive, Han runs and fallback needles as folded substrings), on the original text, so a
 * highlight quotes the customer's own characters in their own script. Also the fallback scan's
 * matcher: a case matches when every part of every term is found in one of its texts.
 */

/** `[start, end)` in UTF-16 units of the text it was found in. */
export interface Range {
  readonly start: number;
  readonly end: number;
}

/**
 * One part of a term: its word phrase, one of its Han runs, or — for a term the index cannot
 * serve — its folded needle. `key` is stable across texts, so hits on a case can be collected.
 */
export interface TermPart {
  readonly key: string;
  readonly kind: 'words' | 'substring';
  readonly words: readonly string[];
  readonly needle: string;
}

/** The parts every one of which a case must contain to match the terms. */
export const termParts = (terms: readonly QueryTerm[]): TermPart[] => {
  const parts: TermPart[] = [];
  terms.forEach((term, i) => {
    if (!term.indexed) {
      if (term.needle.length > 0) parts.push({ key: `${i}:s`, kind: 'substring', words: [], needle: term.needle });
      return;
    }
    if (term.words.length > 0) parts.push({ key: `${i}:w`, kind: 'words', words: term.words, needle: '' });
    term.runs.forEach((run, k) => parts.push({ key: `${i}:r${k}`, kind: 'substring', words: [], needle: run }));
  });
  return parts;
};

/** The hits of each part in `text`: part key → ranges in the original text (only parts found). */
export const findParts = (text: string, parts: readonly TermPart[]): Map<string, Range[]> => {
  const hits = new Map<string, Range[]>();
  if (text.length === 0 || parts.length === 0) return hits;
  const words = parts.some((p) => p.kind === 'words') ? wordTerms(text) : [];
  const folded = parts.some((p) => p.kind === 'substring') ? foldText(text) : undefined;
  for (const part of parts) {
    const ranges: Range[] = [];
    if (part.kind === 'words') {
      const n = part.words.length;
      for (let i = 0; i + n <= words.length; i += 1) {
        let k = 0;
        while (k < n && words[i + k]!.term === part.words[k]) k += 1;
        if (k === n) ranges.push({ start: words[i]!.start, end: words[i + n - 1]!.end });
      }
    } else if (folded && part.needle.length > 0) {
      for (let at = folded.text.indexOf(part.needle); at >= 0; at = folded.text.indexOf(part.needle, at + 1)) {
        ranges.push(originalSpan(folded, at, at + part.needle.length));
      }
    }
    if (ranges.length > 0) hits.set(part.key, mergeRanges(ranges));
  }
  return hits;
};

/** Sorted, with overlapping or touching ranges joined. */
export const mergeRanges = (ranges: readonly Range[]): Range[] => {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Range[] = [];
  for (const range of sorted) {
    const last = out.at(-1);
    if (last && range.start <= last.end)
      out[out.length - 1] = { start: last.start, end: Math.max(last.end, range.end) };
    else out.push(range);
  }
  return out;
};

/** A piece of a text around its first hits: plain text and the highlighted ranges within it. */
export interface Snippet {
  readonly text: string;
  readonly highlights: readonly Range[];
}

/** Characters of context shown before the first hit. */
const LEAD = 40;

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

/**
 * Cuts a window of about `width` characters from `text`, starting a little before the first
 * range, and rebases the ranges that fall inside it. `…` marks a cut at either end (it is counted
 * in the offsets). Never splits a surrogate pair. Plain text: the client escapes it when it shows it.
 */
export const makeSnippet = (text: string, ranges: readonly Range[], width = 160): Snippet => {
  const first = ranges[0];
  let from = first ? Math.max(0, first.start - LEAD) : 0;
  if (text.length - from < width) from = Math.max(0, text.length - width);
  if (first && from > first.start) from = first.start;
  if (isLowSurrogate(text.charCodeAt(from))) from -= 1;
  let to = Math.min(text.length, from + width);
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to += 1;
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  const shift = prefix.length - from;
  const highlights = ranges
    .filter((r) => r.start < to && r.end > from)
    .map((r) => ({ start: Math.max(r.start, from) + shift, end: Math.min(r.end, to) + shift }));
  return { text: `${prefix}${text.slice(from, to)}${suffix}`, highlights };
};
