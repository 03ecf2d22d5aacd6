import type { EscalationSignal } from '@redress/contract';
import { asTextLanguage, guessLanguage, type TextLanguage } from '../../shared/text/detect-language.ts';
import type { Lexicon } from './signals/lexicon.ts';
import { assessRisk, type RiskAssessment } from './signals/risk.ts';
import { detectSignals } from './signals/signals.ts';

/**
 * A case's escalation risk, read from the customer's own words across the case (the description
 * and every inbound message) and its facts (contacts so far, a reopening, the safety flag). Each
 * signal points at the words behind it: which text, which event, and the span within it, so the
 * console can highlight them. Pure.
 */

/** One of the customer's texts on a case. */
export interface CustomerText {
  readonly source: 'description' | 'message';
  /** The `case.message_recorded` event of a message; null for the description. */
  readonly eventId: string | null;
  readonly text: string;
}

export interface CaseRiskInput {
  /** The case's language (the customer's preference): settles a text that could be either Chinese script. */
  readonly language: string | null;
  readonly texts: readonly CustomerText[];
  /** The customer's inbound contacts after the complaint itself (messages and calls). */
  readonly inboundContacts: number;
  readonly reopened: boolean;
  readonly safety: boolean;
}

/** A signal on a case: the strongest evidence of its kind, and where it stands. */
export interface CaseSignal {
  readonly kind: EscalationSignal;
  readonly evidence: string;
  readonly confidence: number;
  readonly source: CustomerText['source'];
  readonly eventId: string | null;
  /** `[start, end)` of the evidence within its text, in UTF-16 units. */
  readonly start: number;
  readonly end: number;
}

export interface CaseRisk {
  readonly language: TextLanguage;
  readonly signals: readonly CaseSignal[];
  readonly risk: RiskAssessment;
}

/** Confidences to three decimals, as `analyzeText` reports them. */
const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** Assesses a case (see the module comment); `lexicon` is the organisation's, built-in when absent. */
export const assessCaseRisk = (input: CaseRiskInput, lexicon?: Lexicon): CaseRisk => {
  const description = input.texts.find((t) => t.source === 'description')?.text ?? '';
  // The case's language is the customer's preference, not always what they wrote in: every text
  // (the description too) is read in its own detected language, the case's only settling a tie.
  const hint = asTextLanguage(input.language);
  const language = guessLanguage(description, hint).language;
  const strongest = new Map<EscalationSignal, CaseSignal>();
  for (const text of input.texts) {
    const own = text.source === 'description' ? language : guessLanguage(text.text, hint ?? language).language;
    for (const hit of detectSignals(text.text, { language: own, lexicon })) {
      const previous = strongest.get(hit.kind);
      if (previous && previous.confidence >= hit.confidence) continue;
      strongest.set(hit.kind, {
        kind: hit.kind,
        evidence: hit.evidence,
        confidence: round3(hit.confidence),
        source: text.source,
        eventId: text.eventId,
        start: hit.start,
        end: hit.end,
      });
    }
  }
  const signals = [...strongest.values()];
  const risk = assessRisk(signals, {
    // The complaint itself is the first contact.
    repeatContacts: input.inboundContacts + 1,
    reopened: input.reopened,
    safety: input.safety,
  });
  return { language, signals, risk };
};
