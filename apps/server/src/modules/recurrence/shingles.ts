import { isHan } from '../../shared/text/fold.ts';
import { terms } from '../../shared/text/segment.ts';
import { STOP_WORDS as STOP } from '../../shared/text/stopwords.ts';

/**
 * The shingles of a complaint: the units MinHash compares (pure). Built from the folded words of
 * `shared/text/segment.ts`, so case, width and Traditional/Simplified differences vanish first.
 *
 * - Words outside Han script (English, Thai, numbers): each content word (`w:`) and each pair of
 *   neighbouring content words (`b:`), stop words dropped first. Words carry the "what" (mango,
 *   refund, เงินคืน), pairs the wording, so a template letter scores far above a complaint that
 *   merely shares vocabulary.
 * - Han script: character bigrams (`h:`) and trigrams (`t:`) over each run of Chinese characters,
 *   whatever the segmenter made of it. ICU segments Traditional and Simplified text differently
 *   (the dictionary sees the original characters), so word-level units would make one complaint
 *   in two scripts look different; characters folded to Simplified do not. Single-character stop
 *   words (的, 了, 是 …) are taken out of the run, and bigrams that are stop words (我们, 因为 …)
 *   are not kept. Stop words are the shared function-word lists of `shared/text/stopwords.ts`.
 * - Words with digits — order, account and phone numbers, dates, amounts — and redaction marks
 *   (XXXX) are left out: they differ from one customer to the next, and template letters would
 *   otherwise differ only by them.
 */

/** Single Han characters that are stop words: removed from a run before its n-grams are taken. */
const STOP_CHARS: ReadonlySet<string> = new Set([...STOP].filter((word) => word.length === 1 && isHan(word)));

const DIGIT = /\p{Nd}/u;
const REDACTION = /^x{2,}$/u;

const isNoise = (term: string): boolean => DIGIT.test(term) || REDACTION.test(term);

/** Adds the character bigrams and trigrams of one run of Han characters. */
const addHanRun = (run: readonly string[], out: Set<string>): void => {
  for (let i = 0; i + 1 < run.length; i += 1) {
    const bigram = `${run[i]}${run[i + 1]}`;
    if (!STOP.has(bigram)) out.add(`h:${bigram}`);
    if (i + 2 < run.length) out.add(`t:${bigram}${run[i + 2]}`);
  }
  // A lone content character (退, 爛) still says something when it is all the run has.
  if (run.length === 1) out.add(`h:${run[0]}`);
};

/**
 * The shingle set of `text` (subject and description joined by the caller). Deterministic; the
 * same text in Traditional or Simplified Chinese gives the same Han shingles.
 */
export const shinglesOf = (text: string): Set<string> => {
  const out = new Set<string>();
  let run: string[] = [];
  let previous: string | null = null;
  let previousStop = true;
  for (const term of terms(text)) {
    const first = term.codePointAt(0);
    if (first !== undefined && isHan(String.fromCodePoint(first))) {
      for (const char of term) if (isHan(char) && !STOP_CHARS.has(char)) run.push(char);
      previous = null;
      continue;
    }
    if (run.length > 0) {
      addHanRun(run, out);
      run = [];
    }
    if (isNoise(term)) continue;
    const stop = STOP.has(term);
    if (!stop) out.add(`w:${term}`);
    // A pair counts when one of its words is a content word: "not received" says more than either
    // word, while "of the" is in every letter.
    if (previous !== null && !(stop && previousStop)) out.add(`b:${previous} ${term}`);
    previous = term;
    previousStop = stop;
  }
  if (run.length > 0) addHanRun(run, out);
  return out;
};
