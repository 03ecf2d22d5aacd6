import type { AnalyzeResultDto, SignalFindingDto } from '@redress/contract';
import { guessLanguage, type TextLanguage } from '../../shared/text/detect-language.ts';
import { suggestCategories, type CategoryModel } from './categories/naive-bayes.ts';
import type { Lexicon } from './signals/lexicon.ts';
import { assessRisk } from './signals/risk.ts';
import { detectSignals } from './signals/signals.ts';

/**
 * Text analysis of one customer message: its language, the escalation signals in it with the words
 * behind each, a risk score from those signals alone (a message has no case facts), and suggested
 * categories when a category model is given. Pure: the same text, lexicon and model always give the
 * same result. `POST /analyze` and `npx redress analyze` both answer with this shape.
 */

export interface AnalyzeOptions {
  /** Skip detection: the message is in this language. */
  readonly language?: TextLanguage | undefined;
  /** The organisation's compiled lexicon; the built-in one when absent. */
  readonly lexicon?: Lexicon | undefined;
  /** The organisation's category model; no suggestions when absent. */
  readonly categoryModel?: CategoryModel | undefined;
  /** Most categories suggested; default `CATEGORY_LIMIT`. */
  readonly categoryLimit?: number | undefined;
}

/** Categories suggested per message by default. */
export const CATEGORY_LIMIT = 3;

/** Confidences are reported to three decimals: more digits would claim a precision a detector lacks. */
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/**
 * One finding per signal kind, the strongest kept (the first of equals), in the order found.
 * `detectSignals` already reports each kind once; this keeps the contract true for any detector.
 */
export const strongestPerKind = (findings: readonly SignalFindingDto[]): SignalFindingDto[] => {
  const byKind = new Map<SignalFindingDto['kind'], SignalFindingDto>();
  for (const finding of findings) {
    const previous = byKind.get(finding.kind);
    if (!previous || finding.confidence > previous.confidence) byKind.set(finding.kind, finding);
  }
  return [...byKind.values()];
};

/** Analyses one message (see the module comment). */
export const analyzeText = (text: string, options: AnalyzeOptions = {}): AnalyzeResultDto => {
  const language = options.language ?? guessLanguage(text).language;
  const hits = detectSignals(text, { language, lexicon: options.lexicon });
  const signals = strongestPerKind(
    hits.map((hit) => ({ kind: hit.kind, evidence: hit.evidence, confidence: round3(hit.confidence) })),
  );
  const risk = assessRisk(signals);
  const categories = options.categoryModel
    ? suggestCategories(options.categoryModel, text, options.categoryLimit ?? CATEGORY_LIMIT).map((suggestion) => ({
        id: suggestion.id,
        confidence: round3(suggestion.confidence),
      }))
    : [];
  return { language, signals, risk: { score: risk.score, level: risk.level }, categories };
};
