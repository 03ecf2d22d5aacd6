import { tokenize } from '../../../shared/text/segment.ts';
import { isStopWord } from '../../../shared/text/stopwords.ts';

/**
 * What a category model reads from a text: its folded words (Traditional and Simplified Chinese
 * alike, see shared/text/fold.ts) without stop words (shared/text/stopwords.ts), plus the character bigrams of each run of
 * Chinese characters. The bigrams make Chinese robust to segmentation: a dictionary that splits
 * 冷冻柜 differently in two texts still leaves them the bigrams 冷冻 and 冻柜 in common.
 */

/** Marks a Han bigram so it never collides with a two-character word of the same letters. */
const BIGRAM_MARK = '#';

const HAN = /^\p{Script=Han}+$/u;
const DIGITS = /^[\p{Nd}.,]+$/u;
const ASCII_LETTER = /^[a-z]$/;
/** Masked personal data (`XXXX`, `XX/XX/XXXX`) says nothing about the complaint. */
const MASK = /^x{2,}$/;

/** True when `term` (folded) carries no meaning for a category on its own (shared/text/stopwords.ts). */
export { isStopWord };

const keepWord = (term: string): boolean =>
  !isStopWord(term) && !DIGITS.test(term) && !ASCII_LETTER.test(term) && !MASK.test(term);

/**
 * The features of `text`: kept words, then Han bigrams (marked). Repeated features are repeated;
 * the model decides whether to count them once.
 */
export const categoryFeatures = (text: string): string[] => {
  const features: string[] = [];
  // Code points, not UTF-16 units: rare Han characters lie outside the Basic Multilingual Plane.
  let run: string[] = [];
  let runEnd = -1;
  const flushRun = (): void => {
    for (let i = 0; i + 1 < run.length; i += 1) features.push(`${BIGRAM_MARK}${run[i]}${run[i + 1]}`);
    run = [];
  };
  for (const token of tokenize(text)) {
    if (keepWord(token.term)) features.push(token.term);
    if (HAN.test(token.term)) {
      // Adjacent Han words (no space or punctuation between) form one run, read across word edges.
      if (token.start !== runEnd) flushRun();
      run.push(...token.term);
      runEnd = token.end;
    } else {
      flushRun();
    }
  }
  flushRun();
  return features;
};
