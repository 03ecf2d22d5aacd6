import { fold, isHan } from '../../shared/text/fold.ts';
import { tokenize } from '../../shared/text/segment.ts';
import { isStopWord } from '../../shared/text/stopwords.ts';
import { EN_TITLES, EXTRA_STOP_WORDS, TH_PREFIXES, ZH_COMPOUND_SURNAMES, ZH_HONORIFICS } from './coach-phrases.ts';

/**
 * The customer's side of a reply: how they may be addressed (their name and its short forms) and
 * the key words of their complaint, which a reply restating the problem in their own terms
 * (article 002: 复述了客户投诉的所有理由) repeats.
 */

/** How many of the customer's words count as the key words of the complaint. */
const KEY_WORD_LIMIT = 8;

/** Greetings and filler of complaint letters, on top of the shared function words. */
const COACH_STOP_WORDS: ReadonlySet<string> = new Set(EXTRA_STOP_WORDS.map((w) => fold(w)));

const LATIN = /^[\p{Script=Latin}\p{N}'’-]+$/u;
const THAI = /\p{Script=Thai}/u;
const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Patterns (on folded text) that count as addressing the customer by name: the full name; for a
 * Latin name any part of it of two letters or more ("Sarah", "Mitchell", "Ms Mitchell"); for a
 * Chinese name the given name (two characters or more) or the surname with an honorific (陳小姐,
 * 王先生, 欧阳女士); for a Thai name the first name, with or without คุณ.
 */
export const namePatterns = (names: readonly string[]): RegExp[] => {
  const sources = new Set<string>();
  for (const raw of names) {
    const name = fold(raw).trim().replace(/\s+/g, ' ');
    if (name === '') continue;
    const compact = name.replace(/\s/g, '');
    sources.add(escape(name).replace(/ /g, '\\s*'));
    const chars = [...compact];
    if (chars.length > 0 && chars.every((c) => isHan(c))) {
      const surname = ZH_COMPOUND_SURNAMES.find((s) => compact.startsWith(s)) ?? chars[0] ?? '';
      const given = compact.slice(surname.length);
      if ([...given].length >= 2) sources.add(escape(given));
      sources.add(`${escape(surname)}\\s*(?:${ZH_HONORIFICS.join('|')})`);
      continue;
    }
    const parts = name.split(' ').filter((p) => [...p].length >= 2);
    if (THAI.test(name)) {
      const first = parts[0];
      if (first) sources.add(`(?:${TH_PREFIXES.join('|')})?\\s*${escape(first)}`);
      continue;
    }
    for (const part of parts) {
      // Letter boundaries, not \b: \b knows only ASCII letters, and "josé" ends in one it does not.
      if (LATIN.test(part) && !EN_TITLES.includes(part))
        sources.add(`(?<![\\p{L}\\p{N}])${escape(part)}(?![\\p{L}\\p{N}])`);
    }
  }
  return [...sources].map((source) => new RegExp(source, 'u'));
};

/** A light English stem, so "refunds", "refunded" and "refund" meet; other scripts as they are. */
export const stem = (term: string): string => {
  if (!/^[a-z]+$/.test(term) || term.length < 5) return term;
  for (const [suffix, replacement] of [
    ['ies', 'y'],
    ['ing', ''],
    ['ed', ''],
    ['es', ''],
    ['s', ''],
  ] as const) {
    if (term.endsWith(suffix) && term.length - suffix.length >= 3) return term.slice(0, -suffix.length) + replacement;
  }
  return term;
};

/** One key word of the complaint: folded, as the customer first wrote it, and its weight. */
export interface KeyWord {
  readonly term: string;
  readonly surface: string;
  readonly weight: number;
}

/**
 * The complaint's key content words, heaviest first: words of the customer's own texts, folded and
 * segmented, without stop words, numbers, single Latin letters or the customer's name. A word
 * weighs its count; a one-character Chinese word (爛, 退) half, being often a common verb.
 */
export const keyWords = (texts: readonly string[], names: readonly string[]): KeyWord[] => {
  const nameTerms = new Set(names.flatMap((n) => tokenize(n).map((t) => t.term)));
  const found = new Map<string, { surface: string; weight: number; first: number }>();
  let position = 0;
  for (const text of texts) {
    for (const token of tokenize(text)) {
      position += 1;
      const { term } = token;
      if (isStopWord(term) || COACH_STOP_WORDS.has(term) || nameTerms.has(term) || /^[\p{N}\p{P}\p{S}]+$/u.test(term))
        continue;
      if (LATIN.test(term) && term.length < 3) continue;
      const single = [...term].length === 1 && isHan(term);
      const key = stem(term);
      const entry = found.get(key);
      if (entry) entry.weight += single ? 0.5 : 1;
      else found.set(key, { surface: text.slice(token.start, token.end), weight: single ? 0.5 : 1, first: position });
    }
  }
  return [...found.entries()]
    .sort((a, b) => b[1].weight - a[1].weight || a[1].first - b[1].first)
    .slice(0, KEY_WORD_LIMIT)
    .map(([term, { surface, weight }]) => ({ term, surface, weight }));
};

/**
 * Whether the draft uses a key word: English by stem and Thai by word among the draft's words;
 * Chinese anywhere in the folded draft, since a word may be segmented differently inside a longer
 * run. Thai is not matched inside other words: รับ (receive) is also the start of รับผิดชอบ
 * (responsibility), which a defensive reply uses without restating anything.
 */
export const draftUses = (
  key: KeyWord,
  draft: { readonly folded: string; readonly stems: ReadonlySet<string> },
): boolean =>
  LATIN.test(key.term) || THAI.test(key.term) ? draft.stems.has(key.term) : draft.folded.includes(key.term);

/** How many key words a restatement must repeat: one of a short complaint, two of a longer one. */
export const wordsNeeded = (keys: number): number => Math.max(1, Math.min(2, Math.ceil(keys * 0.3)));
