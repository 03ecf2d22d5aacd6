import { fold, isSimplifiedOnly } from './fold.ts';

/** The languages Redress reads and writes. */
export type TextLanguage = 'en' | 'zh-TW' | 'zh-CN' | 'th';

const THAI = /\p{Script=Thai}/u;
const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/**
 * Characters written in Cantonese (Hong Kong) text, which is written in Traditional script: they
 * look the same in both scripts, so they count as Traditional evidence.
 */
const CANTONESE = new Set([...'嘅咗唔喺哋冇嚟啲睇嬲咁嘢乜佢']);

/** Characters of each script counted once per message: enough to decide, bounded for long texts. */
const SAMPLE_CHARS = 4_000;

export interface LanguageGuess {
  readonly language: TextLanguage;
  /** 0–1: the share of the message's letters in the script that decided it. */
  readonly confidence: number;
}

/**
 * Guesses the language of one message from its scripts: Thai letters make it Thai; Han characters
 * make it Chinese, Traditional (zh-TW) or Simplified (zh-CN) by which script's own characters
 * outnumber the other's; otherwise English. A message mostly in Latin letters with a Chinese or
 * Thai name in it stays English (the other script must be at least a fifth of the letters, with
 * Han characters counted three times — a Chinese word is one or two characters, an English one
 * five letters). `hint` (the customer's language) settles Chinese text that could be either script.
 */
export const guessLanguage = (text: string, hint?: string | null): LanguageGuess => {
  let thai = 0;
  let han = 0;
  let latin = 0;
  let traditional = 0;
  let simplified = 0;
  let seen = 0;
  for (const char of text) {
    if (seen >= SAMPLE_CHARS) break;
    const code = char.codePointAt(0) ?? 0;
    if (code < 128) {
      if ((code >= 65 && code <= 90) || (code >= 97 && code <= 122)) latin += 1;
      continue;
    }
    seen += 1;
    if (THAI.test(char)) thai += 1;
    else if (HAN.test(char)) {
      han += 1;
      if (CANTONESE.has(char) || fold(char) !== char) traditional += 1;
      else if (isSimplifiedOnly(char)) simplified += 1;
    } else if (LATIN.test(char)) latin += 1;
  }
  const weightedHan = han * 3;
  const letters = thai + weightedHan + latin;
  if (letters === 0) return { language: hintOr(hint, 'en'), confidence: 0 };
  if (thai + weightedHan < letters / 5) return { language: 'en', confidence: latin / letters };
  if (thai > weightedHan) return { language: 'th', confidence: thai / letters };
  const confidence = weightedHan / letters;
  if (traditional > simplified) return { language: 'zh-TW', confidence };
  if (simplified > traditional) return { language: 'zh-CN', confidence };
  const hinted = hintOr(hint, 'zh-CN');
  return { language: hinted.startsWith('zh') ? hinted : 'zh-CN', confidence };
};

/** The language of one message (see `guessLanguage`). */
export const detectLanguage = (text: string, hint?: string | null): TextLanguage => guessLanguage(text, hint).language;

/** A language tag as one of Redress's four (`zh-Hant-HK` → zh-TW, `th-TH` → th), or undefined. */
export const asTextLanguage = (tag: string | null | undefined): TextLanguage | undefined => {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  if (lower.startsWith('th')) return 'th';
  if (lower.startsWith('en')) return 'en';
  if (lower.startsWith('zh')) {
    return /hant|tw|hk|mo/.test(lower) ? 'zh-TW' : 'zh-CN';
  }
  return undefined;
};

const hintOr = (hint: string | null | undefined, fallback: TextLanguage): TextLanguage =>
  asTextLanguage(hint) ?? fallback;
