import { Converter as openccConverter } from 'opencc-js';

/**
 * opencc-js's type declarations import their own files without extensions, which Node's ESM
 * resolution cannot follow, so its types arrive unresolved; this is the shape it documents.
 */
const Converter = openccConverter as unknown as (options: { from: string; to: string }) => (text: string) => string;

/**
 * Folding: the one normal form Redress compares text in, for search, signals, similarity and the
 * reply coach alike. Each code point is folded on its own — NFKC (full-width letters and digits,
 * compatibility forms, Thai SARA AM written either way), lower case, and Traditional Chinese to
 * Simplified with OpenCC's character table (騙子 and 骗子 fold to one word) — so every folded
 * character knows the original character it came from and a match is quoted as the customer wrote it.
 */

/** A folded text and, for each UTF-16 unit of it, the index of the original unit it came from. */
export interface FoldedText {
  readonly text: string;
  /** `origin[i]` is where folded unit `i` starts in the original; `origin[text.length]` is the original's length. */
  readonly origin: Int32Array;
}

let traditionalToSimplified: ((text: string) => string) | undefined;

/**
 * OpenCC's Taiwan (and, through it, Hong Kong) Traditional → mainland Simplified converter, built
 * on first use: its dictionaries take a tenth of a second to load, and many processes never fold Han.
 */
const toSimplified = (text: string): string => {
  const convert = (traditionalToSimplified ??= Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
};

let simplifiedToTraditional: ((text: string) => string) | undefined;

/** Simplified → Taiwan Traditional, for telling the scripts apart (see `detectLanguage`). */
export const toTraditional = (text: string): string => {
  const convert = (simplifiedToTraditional ??= Converter({ from: 'cn', to: 'tw' }));
  return convert(text);
};

/** Whether each Han character seen so far is written only in Simplified. Bounded by the characters that exist. */
const simplifiedOnly = new Map<string, boolean>();

/** True when `char` (one Han character) has a different Traditional form: it is Simplified-only. */
export const isSimplifiedOnly = (char: string): boolean => {
  let answer = simplifiedOnly.get(char);
  if (answer === undefined) {
    answer = toTraditional(char) !== char;
    simplifiedOnly.set(char, answer);
  }
  return answer;
};

/** Folded forms of the non-ASCII code points seen so far. Bounded by the code points that exist. */
const foldedCodePoints = new Map<string, string>();

const HAN = /\p{Script=Han}/u;

/** The folded form of one non-ASCII code point. */
const foldCodePoint = (char: string): string => {
  let folded = foldedCodePoints.get(char);
  if (folded === undefined) {
    folded = char.normalize('NFKC').toLowerCase();
    if (HAN.test(folded)) folded = toSimplified(folded);
    foldedCodePoints.set(char, folded);
  }
  return folded;
};

/** Lower-cases ASCII letters; everything else in 0–127 folds to itself. */
const foldAscii = (code: number): string => String.fromCharCode(code >= 65 && code <= 90 ? code + 32 : code);

/** Folds `text` (see the module comment) and keeps where each folded unit came from. */
export const foldText = (text: string): FoldedText => {
  let out = '';
  const origin: number[] = [];
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      out += foldAscii(code);
      origin.push(i);
      i += 1;
      continue;
    }
    const point = text.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    const folded = foldCodePoint(text.slice(i, i + width));
    for (let k = 0; k < folded.length; k += 1) origin.push(i);
    out += folded;
    i += width;
  }
  origin.push(text.length);
  return { text: out, origin: Int32Array.from(origin) };
};

/** The folded form of `text` alone, when no offsets are needed (queries, lexicon entries, keys). */
export const fold = (text: string): string => {
  let out = '';
  for (let i = 0; i < text.length;) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      out += foldAscii(code);
      i += 1;
      continue;
    }
    const point = text.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    out += foldCodePoint(text.slice(i, i + width));
    i += width;
  }
  return out;
};

/**
 * Folds only the non-ASCII characters of a regular-expression source, so a lexicon pattern written
 * in Traditional or Simplified matches folded text, while its ASCII syntax (`\B`, `\W`, `[A-Z]`)
 * is left as written. English parts of patterns are written in lower case.
 */
export const foldPattern = (source: string): string => {
  let out = '';
  for (let i = 0; i < source.length;) {
    const code = source.charCodeAt(i);
    if (code < 128) {
      out += source[i];
      i += 1;
      continue;
    }
    const point = source.codePointAt(i) ?? code;
    const width = point > 0xffff ? 2 : 1;
    out += foldCodePoint(source.slice(i, i + width));
    i += width;
  }
  return out;
};

/** The span `[start, end)` of folded text, as a span of the original it was folded from. */
export const originalSpan = (folded: FoldedText, start: number, end: number): { start: number; end: number } => {
  const from = folded.origin[Math.max(0, Math.min(start, folded.text.length))] ?? 0;
  // The end of a match is where the next folded unit's original starts.
  const to = folded.origin[Math.max(0, Math.min(end, folded.text.length))] ?? from;
  return { start: from, end: Math.max(from, to) };
};

/** True when the code point is a Han ideograph (Chinese characters, either script). */
export const isHan = (char: string): boolean => HAN.test(char);
