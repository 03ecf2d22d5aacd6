import { EscalationSignals, type EscalationSignal } from '@redress/contract';
import { foldText, originalSpan } from '../../../shared/text/fold.ts';
import type { TextLanguage } from '../../../shared/text/detect-language.ts';
import { contextBefore, hasIntent, isNegated } from './context.ts';
import { builtInLexicon, type CompiledEntry, type Lexicon } from './lexicon.ts';
import { findShouting, SHOUTING_CONFIDENCE } from './shouting.ts';

/**
 * The escalation-signal detector (SIGNALS.md): which signals a customer's message carries, each
 * with the words behind it and a confidence.
 *
 * One pass: the message is folded once (NFKC, lower case, Traditional → Simplified, offsets kept)
 * and every entry of the lexicon's languages is tried in a single combined regular expression.
 * Each match is then read in its context — a negation cancels a negatable entry, an `intent` entry
 * needs a first-person intent or action before it — and quoted from the original text.
 */

/** One signal in a message: the words behind it, where they are, and how sure the detector is. */
export interface SignalHit {
  readonly kind: EscalationSignal;
  /** The words that triggered it, quoted from the original text. */
  readonly evidence: string;
  /** `[start, end)` of the evidence in the original text, in UTF-16 units. */
  readonly start: number;
  readonly end: number;
  /** 0–1. */
  readonly confidence: number;
}

export interface DetectOptions {
  /** The message's language: narrows the rules to it (and English). Undefined: every language. */
  readonly language?: TextLanguage | undefined;
  /** The compiled lexicon (an organisation's additions); the built-in one by default. */
  readonly lexicon?: Lexicon | undefined;
}

/** Added to a match's confidence when a first-person intent stands before it ("I will …", 我要). */
const INTENT_BONUS = 0.05;
/** The most a detector ever claims: keywords are never certain. */
const MAX_CONFIDENCE = 0.99;

const ORDER = new Map<EscalationSignal, number>(EscalationSignals.map((signal, i) => [signal, i]));

interface Found {
  /** The strongest single cue (the first of equals): the evidence shown. */
  best: SignalHit;
  /** Each cue's confidence by where it starts in the folded text; combined as a noisy-or. */
  byStart: Map<number, number>;
  /** The folded words heard so far. */
  cues: Set<string>;
  /** A cue that stands on its own was heard (not only `needs: 'support'` cues). */
  strong: boolean;
}

/** 1 − Π(1 − cᵢ), capped, to two decimals. */
const combine = (confidences: Iterable<number>): number => {
  let missing = 1;
  for (const confidence of confidences) missing *= 1 - confidence;
  return Math.round(Math.min(MAX_CONFIDENCE, 1 - missing) * 100) / 100;
};

/**
 * Every signal in `text`, once each, in vocabulary order. The evidence is the strongest cue heard
 * for the signal (the first of equals); the confidence combines the cues heard for it: 1 − Π(1 − cᵢ),
 * capped at 0.99, where cᵢ is the entry's confidence plus a small bonus for a first-person intent.
 */
export const detectSignals = (text: string, options: DetectOptions = {}): SignalHit[] => {
  if (text.length === 0) return [];
  const folded = foldText(text);
  const matcher = (options.lexicon ?? builtInLexicon()).matcher(options.language);
  const found = new Map<EscalationSignal, Found>();

  const consider = (compiled: CompiledEntry, start: number, end: number): void => {
    const { entry } = compiled;
    // A zero-width match has no words to show for itself.
    if (end === start) return;
    const before = contextBefore(folded.text, start);
    if (entry.negatable && isNegated(entry.language, before)) return;
    const intent = hasIntent(entry.language, before);
    if (entry.needs === 'intent' && !intent) return;
    const confidence = Math.min(
      MAX_CONFIDENCE,
      entry.confidence + (intent && entry.needs !== 'intent' ? INTENT_BONUS : 0),
    );
    const span = originalSpan(folded, start, end);
    const hit: SignalHit = {
      kind: entry.signal,
      evidence: text.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      confidence,
    };
    const cue = folded.text.slice(start, end);
    const strong = entry.needs !== 'support';
    const seen = found.get(entry.signal);
    if (!seen) {
      found.set(entry.signal, { best: hit, byStart: new Map([[start, confidence]]), cues: new Set([cue]), strong });
      return;
    }
    seen.strong ||= strong;
    const atStart = seen.byStart.get(start);
    // The same words said again ("退款！退款！") are not a new cue.
    if (atStart === undefined && seen.cues.has(cue)) return;
    seen.cues.add(cue);
    // The same place read by two entries is one cue, at the better reading.
    seen.byStart.set(start, Math.max(atStart ?? 0, confidence));
    if (confidence > seen.best.confidence) seen.best = hit;
  };

  const { combined, entries } = matcher;
  combined.lastIndex = 0;
  for (let match = combined.exec(folded.text); match !== null; match = combined.exec(folded.text)) {
    const start = match.index;
    const first = entries.findIndex((compiled) => match[compiled.group] !== undefined);
    if (first >= 0) consider(entries[first] as CompiledEntry, start, start + match[0].length);
    // Alternation reports only the first entry matching here; later entries may match here too.
    for (let i = first + 1; i < entries.length; i += 1) {
      const other = entries[i] as CompiledEntry;
      other.sticky.lastIndex = start;
      const again = other.sticky.exec(folded.text);
      if (again) consider(other, start, start + again[0].length);
    }
    // Next search from the following position, so overlapping cues are all heard.
    combined.lastIndex = start + 1;
  }

  const shout = findShouting(text);
  if (shout && !found.has('anger')) {
    const hit: SignalHit = {
      kind: 'anger',
      evidence: text.slice(shout.start, shout.end),
      ...shout,
      confidence: SHOUTING_CONFIDENCE,
    };
    found.set('anger', { best: hit, byStart: new Map([[-1, SHOUTING_CONFIDENCE]]), cues: new Set(), strong: true });
  }

  // A weak cue (profanity that is often a mere intensifier) counts only beside another signal that
  // stands on its own; two intensifiers ("คนแม่งเยอะสัส") are still only emphasis.
  const anyStrong = [...found.values()].some((f) => f.strong);
  return [...found.values()]
    .filter((f) => f.strong || anyStrong)
    .map((f) => ({ ...f.best, confidence: combine(f.byStart.values()) }))
    .sort((a, b) => (ORDER.get(a.kind) ?? 0) - (ORDER.get(b.kind) ?? 0));
};
