import { fold, foldPattern } from '../../../shared/text/fold.ts';
import type { TextLanguage } from '../../../shared/text/detect-language.ts';
import { ENGLISH_LEXICON } from './lexicon-en.ts';
import { LexiconLanguages, type LexiconEntry, type LexiconLanguage } from './lexicon-entry.ts';
import { THAI_LEXICON } from './lexicon-th.ts';
import { CHINESE_LEXICON } from './lexicon-zh.ts';

/**
 * Lexicons for the escalation signals: entries are data (a phrase or a pattern, the signal it
 * speaks for, its language, whether a negation before it cancels it, how sure it is), compiled
 * once into one combined matcher per language set so a message is scanned in a single pass.
 *
 * Chinese entries are written in Simplified (Traditional, Hong Kong and Cantonese forms fold to
 * the same text through `shared/text/fold.ts`); English parts are written in lower case.
 */

/** One entry inside a compiled matcher: which capture group reports it, and a sticky copy. */
export interface CompiledEntry {
  readonly entry: LexiconEntry;
  /** The capture group (1-based) that is set when this entry matched. */
  readonly group: number;
  /** The entry alone, sticky: tried at a position where an earlier entry already matched. */
  readonly sticky: RegExp;
}

/** Every entry of a language set in one global regular expression (see `detectSignals`). */
export interface Matcher {
  readonly combined: RegExp;
  readonly entries: readonly CompiledEntry[];
}

/** A compiled lexicon: its entries, and the matcher for the languages of one message. */
export interface Lexicon {
  readonly entries: readonly LexiconEntry[];
  /** The matcher for a message in `language` (undefined: every language), built on first use. */
  matcher(language: TextLanguage | undefined): Matcher;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The folded regular-expression source of an entry. A phrase is folded and escaped; an English
 * phrase is held to word boundaries at its ends (`refund` is not inside `refunded`… unless written so).
 */
export const entrySource = (entry: Pick<LexiconEntry, 'kind' | 'text' | 'language'>): string => {
  if (entry.kind === 'pattern') return foldPattern(entry.text);
  const phrase = fold(entry.text.trim()).replace(/\s+/g, ' ');
  const escaped = escapeRegExp(phrase).replace(/ /g, '\\s+');
  if (entry.language !== 'en') return escaped;
  const head = /^\w/.test(phrase) ? '\\b' : '';
  const tail = /\w$/.test(phrase) ? '\\b' : '';
  return `${head}${escaped}${tail}`;
};

/** How many capture groups a source has (its own groups shift the numbering of later entries). */
const captureCount = (source: string): number => (new RegExp(`${source}|`).exec('')?.length ?? 1) - 1;

/** English words (CFPB, ASAP) appear in every language's messages; other families only in their own. */
const familiesFor = (language: TextLanguage | undefined): readonly LexiconLanguage[] => {
  if (language === undefined) return LexiconLanguages;
  if (language === 'th') return ['en', 'th'];
  if (language === 'en') return ['en'];
  return ['en', 'zh'];
};

const buildMatcher = (entries: readonly LexiconEntry[]): Matcher => {
  const compiled: CompiledEntry[] = [];
  const parts: string[] = [];
  let group = 1;
  for (const entry of entries) {
    const source = entrySource(entry);
    compiled.push({ entry, group, sticky: new RegExp(source, 'y') });
    parts.push(`(${source})`);
    group += 1 + captureCount(source);
  }
  // A pattern that can never match keeps an empty lexicon's matcher valid.
  const combined = new RegExp(parts.length > 0 ? parts.join('|') : '(?!)', 'g');
  return { combined, entries: compiled };
};

const BUILT_IN: readonly LexiconEntry[] = [...ENGLISH_LEXICON, ...CHINESE_LEXICON, ...THAI_LEXICON];

/**
 * Compiles the built-in entries and `entries` (an administrator's additions) into a lexicon.
 * `builtIn: false` compiles `entries` alone (tests, a lexicon built from scratch).
 */
export const compileLexicon = (entries: readonly LexiconEntry[], options: { builtIn?: boolean } = {}): Lexicon => {
  const all = [...(options.builtIn === false ? [] : BUILT_IN), ...entries];
  const matchers = new Map<string, Matcher>();
  return {
    entries: all,
    matcher(language) {
      const families = familiesFor(language);
      const key = families.join(',');
      let matcher = matchers.get(key);
      if (!matcher) {
        matcher = buildMatcher(all.filter((entry) => families.includes(entry.language)));
        matchers.set(key, matcher);
      }
      return matcher;
    },
  };
};

let builtIn: Lexicon | undefined;

/** The lexicon Redress ships with, compiled once per process. */
export const builtInLexicon = (): Lexicon => (builtIn ??= compileLexicon([]));

export { LexiconLanguages, type LexiconEntry, type LexiconLanguage };
