import { LexiconLanguages, type EscalationSignal } from '@redress/contract';

/** The rule families: Chinese is one family for both scripts (and Cantonese written forms). */
export type LexiconLanguage = (typeof LexiconLanguages)[number];

export { LexiconLanguages };

/** One rule: a literal phrase (preferred) or a regular-expression source, over folded text. */
export interface LexiconEntry {
  readonly id: string;
  readonly signal: EscalationSignal;
  readonly language: LexiconLanguage;
  readonly kind: 'phrase' | 'pattern';
  /** The phrase as written, or the pattern's source (no flags; matched against folded text). */
  readonly text: string;
  /** A negation just before the match cancels it ("I am not asking for a refund", 不要退款). */
  readonly negatable: boolean;
  /** 0–1: how sure a match alone makes the signal (a bare noun is less sure than a demand). */
  readonly confidence: number;
  /**
   * `intent`: counts only after a first-person intent or action ("I will", 我要, 不然就, จะ) —
   * for words that also name everyday things (微博, a review, โพสต์).
   * `support`: a weak cue, reported only when the message also carries a signal heard from a cue
   * that stands on its own (profanity that is often a mere intensifier: แม่ง, เหี้ย).
   */
  readonly needs?: 'intent' | 'support' | undefined;
  /** Where it comes from: shipped with Redress, or added by an administrator. */
  readonly source: 'built-in' | 'admin';
}

const counters = new Map<LexiconLanguage, number>();

/**
 * Shorthand for the built-in data files: one entry, with an id stable as long as the files keep
 * their order (`builtin:en:12`).
 */
export const rule = (
  language: LexiconLanguage,
  signal: EscalationSignal,
  kind: 'phrase' | 'pattern',
  text: string,
  confidence: number,
  options: { negatable?: boolean; needs?: 'intent' | 'support' } = {},
): LexiconEntry => {
  const n = (counters.get(language) ?? 0) + 1;
  counters.set(language, n);
  return {
    id: `builtin:${language}:${n}`,
    signal,
    language,
    kind,
    text,
    negatable: options.negatable ?? false,
    confidence,
    needs: options.needs,
    source: 'built-in',
  };
};
