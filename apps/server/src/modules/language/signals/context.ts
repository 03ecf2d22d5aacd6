import type { LexiconLanguage } from './lexicon-entry.ts';

/**
 * What stands just before a match and changes what it means: a negation cancels a negatable
 * entry, a first-person intent or action lets an `intent` entry count and makes any entry surer.
 * Both are read from the folded text (lower case, Simplified) before the match, within the same
 * sentence.
 */

/** Characters before a match that the context rules look at. */
export const CONTEXT_WINDOW = 32;

/**
 * A negation that cancels the match after it. English: right before it ("do not post this"), or a
 * negated wish a few words before ("I am not asking for a refund", "don't really want a
 * replacement") — but not a negated fact ("I have not received my refund" is still a demand).
 */
const NEGATION: Readonly<Record<LexiconLanguage, RegExp>> = {
  en: /\b(?:not|don't|do not|didn't|never|won't|will not|no need (?:for|to)|without|no intention (?:of|to))\b(?:[^.!?,;]{0,12}|(?:\s+\w+)?\s+(?:ask\w*|want\w*|need\w*|look\w* for|expect\w*|demand\w*|request\w*|after|seek\w*|interested in|going to|plan\w* to|intend\w* to)\b[^.!?,;]{0,12})$/,
  zh: /(?:不要|不用|不需要|不必|不是要|不是想|没有要|没打算|不打算|无需|不想|并不想|不会|别|唔使|唔要|唔会|唔想|冇打算)[^。！？!?，,]{0,3}$/,
  th: /(?:ไม่ต้อง|ไม่ได้ต้องการ|ไม่ต้องการ|ไม่ได้จะ|ไม่อยาก|ไม่ได้อยาก|จะไม่|ไม่เอา|ไม่ขอ|ไม่คิดจะ|ไม่ได้คิดจะ)[^\s]{0,6}\s?$/,
};

/**
 * A first-person intent or action before the match: "I will", "we are going to", 我要, 我们准备,
 * 不然就, 否则, ผมจะ, เดี๋ยว. The English form allows only auxiliaries between the subject and the
 * match, so "I saw a post" is not an intent to post.
 */
const INTENT: Readonly<Record<LexiconLanguage, RegExp>> = {
  en: /\b(?:i|we)(?:'ll|'m|'ve|'d)?(?:\s+(?:will|shall|am|are|have|had|already|just|now|going|gonna|to|plan|intend|want|would|like|definitely|then|also|be|been|must|might|may|seriously|considering|about))*\s+$/,
  zh: /(?:我|我们|不然|否则|要不然|再不|唔系|如果不|若不)[^。！？!?，,；;]{0,4}(?:一定|马上|就|会|要|将|准备|打算|去|已经|已|想|立即|即刻|可以)[^。！？!?，,；;]{0,10}$|(?:不然|否则|要不然)[^。！？!?，,；;]{0,4}$/,
  th: /(?:จะ|ต้อง|เดี๋ยว|กำลังจะ|คง)[^\s]{0,8}\s?$/,
};

/** True when a negation in `before` cancels a match in `language`. */
export const isNegated = (language: LexiconLanguage, before: string): boolean => NEGATION[language].test(before);

/** True when `before` ends with a first-person intent or action. */
export const hasIntent = (language: LexiconLanguage, before: string): boolean => INTENT[language].test(before);

/** The text before `start` that the rules read: the window, cut at the last sentence end. */
export const contextBefore = (folded: string, start: number): string => {
  const window = folded.slice(Math.max(0, start - CONTEXT_WINDOW), start);
  const cut = Math.max(
    window.lastIndexOf('.'),
    window.lastIndexOf('!'),
    window.lastIndexOf('?'),
    window.lastIndexOf('。'),
    window.lastIndexOf('！'),
    window.lastIndexOf('？'),
    window.lastIndexOf('\n'),
  );
  return cut >= 0 ? window.slice(cut + 1) : window;
};
