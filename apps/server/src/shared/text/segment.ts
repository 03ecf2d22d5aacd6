import { fold } from './fold.ts';

/**
 * Word segmentation for all four languages with `Intl.Segmenter` (ICU's dictionaries break Chinese
 * and Thai, which have no spaces; Latin text breaks at spaces and punctuation). Long texts are cut
 * into chunks of a few KB at a space or punctuation mark, never segmented as one huge string.
 */

/** One word: its folded form (see fold.ts) and where it stands in the original text. */
export interface Token {
  /** Folded: lower case, NFKC, Simplified Chinese. */
  readonly term: string;
  /** `[start, end)` in the original text, in UTF-16 units. */
  readonly start: number;
  readonly end: number;
}

/** Characters per chunk handed to the segmenter. */
export const CHUNK_SIZE = 4_096;

// One segmenter serves every script: ICU picks the dictionary by the characters, not the locale.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const BREAK = /[\s\p{P}]/u;

const scriptOf = (char: string): 'han' | 'thai' | 'other' =>
  /\p{Script=Han}/u.test(char) ? 'han' : /\p{Script=Thai}/u.test(char) ? 'thai' : 'other';

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;

/**
 * Where to cut `text` at or before `limit`: after the last space or punctuation mark in the chunk's
 * second half; failing that, where the script changes (so no Chinese or Thai word is split); failing
 * that, at the limit — never inside a surrogate pair.
 */
const cutAt = (text: string, from: number, limit: number): number => {
  if (limit >= text.length) return text.length;
  const floor = from + (limit - from) / 2;
  for (let i = limit; i > floor; i -= 1) {
    if (BREAK.test(text[i - 1] ?? '')) return i;
  }
  for (let i = limit; i > floor; i -= 1) {
    if (isHighSurrogate(text.charCodeAt(i - 1))) continue;
    if (scriptOf(text[i - 1] ?? '') !== scriptOf(text[i] ?? '')) return i;
  }
  return isHighSurrogate(text.charCodeAt(limit - 1)) ? limit - 1 : limit;
};

/**
 * The words of `text`, in order, each folded and with its span in the original. Punctuation,
 * spaces and symbols are not words. `chunkSize` is for tests.
 */
export const tokenize = (text: string, chunkSize = CHUNK_SIZE): Token[] => {
  const tokens: Token[] = [];
  for (let from = 0; from < text.length;) {
    const to = cutAt(text, from, from + chunkSize);
    const chunk = text.slice(from, to);
    for (const part of segmenter.segment(chunk)) {
      if (!part.isWordLike) continue;
      // A word is folded whole, so its span is the segment's; folding never splits a word, but an
      // NFKC form may reveal one that is only a mark.
      const term = fold(part.segment);
      if (term.trim() === '') continue;
      const start = from + part.index;
      tokens.push({ term, start, end: start + part.segment.length });
    }
    from = to;
  }
  return tokens;
};

/** The folded words of `text`, without their positions. */
export const terms = (text: string, chunkSize = CHUNK_SIZE): string[] => tokenize(text, chunkSize).map((t) => t.term);
