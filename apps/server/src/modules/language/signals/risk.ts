import type { EscalationSignal, RiskLevel } from '@redress/contract';

/**
 * The risk score of a complaint, 0–100, and its level, from the signals in the customer's words
 * and a few facts of the case. Pure and explainable: every point comes from a term below.
 *
 * Formula. Each signal contributes a term  tₛ = weightₛ × confidenceₛ  (weights below, 0–1:
 * safety, legal, regulator and media threats high; urgency low); the case facts add
 *   repeat contacts n ≥ 2:  min(0.3, 0.1 × (n − 1))
 *   reopened:               0.2
 *   safety flag:            0.6
 * and the terms combine as independent chances ("noisy-or"), so no single kind of evidence is
 * counted twice and the score never passes 100:
 *   score = round(100 × (1 − Π (1 − tᵢ)))
 * Floors, because some evidence is serious on its own: a safety flag, or a safety signal heard
 * with confidence ≥ 0.7, makes the score at least 50 (high); two different outside threats (legal,
 * regulator, media) make it at least 75 (critical).
 * Levels: score < 25 low, < 50 medium, < 75 high, otherwise critical.
 */

/** How much one signal, heard with certainty, adds to the chance that a case goes badly. */
export const SIGNAL_WEIGHTS: Readonly<Record<EscalationSignal, number>> = {
  safety_risk: 0.6,
  legal_threat: 0.55,
  regulator_threat: 0.55,
  media_threat: 0.55,
  manager_request: 0.35,
  insult: 0.25,
  churn_threat: 0.25,
  anger: 0.2,
  compensation_demand: 0.2,
  repeat_contact: 0.2,
  refund_demand: 0.12,
  replacement_demand: 0.1,
  urgency: 0.05,
};

export const REOPENED_WEIGHT = 0.2;
export const SAFETY_FLAG_WEIGHT = 0.6;
/** Per contact after the first, up to `MAX_REPEAT_WEIGHT`. */
export const REPEAT_CONTACT_WEIGHT = 0.1;
export const MAX_REPEAT_WEIGHT = 0.3;

const OUTSIDE_THREATS: readonly EscalationSignal[] = ['legal_threat', 'regulator_threat', 'media_threat'];

/** The case facts the score reads; all optional (a message analysed on its own has none). */
export interface RiskFacts {
  /** The customer's contacts about this case so far (messages and calls), including this one. */
  readonly repeatContacts?: number | undefined;
  readonly reopened?: boolean | undefined;
  /** The case is flagged for safety or injury. */
  readonly safety?: boolean | undefined;
}

export interface RiskAssessment {
  /** 0–100. */
  readonly score: number;
  readonly level: RiskLevel;
}

/** The level of a score (see the formula above). */
export const riskLevel = (score: number): RiskLevel =>
  score < 25 ? 'low' : score < 50 ? 'medium' : score < 75 ? 'high' : 'critical';

/**
 * The risk of a complaint from its signals (each once, with its confidence 0–1; the strongest
 * counts when a kind appears twice) and its case facts. See the module comment for the formula.
 */
export const assessRisk = (
  signals: readonly { readonly kind: EscalationSignal; readonly confidence: number }[],
  facts: RiskFacts = {},
): RiskAssessment => {
  const strongest = new Map<EscalationSignal, number>();
  for (const signal of signals) {
    const confidence = Math.min(1, Math.max(0, signal.confidence));
    strongest.set(signal.kind, Math.max(strongest.get(signal.kind) ?? 0, confidence));
  }
  const terms = [...strongest].map(([kind, confidence]) => SIGNAL_WEIGHTS[kind] * confidence);
  const contacts = facts.repeatContacts ?? 0;
  if (contacts >= 2) terms.push(Math.min(MAX_REPEAT_WEIGHT, REPEAT_CONTACT_WEIGHT * (contacts - 1)));
  if (facts.reopened) terms.push(REOPENED_WEIGHT);
  if (facts.safety) terms.push(SAFETY_FLAG_WEIGHT);

  let score = Math.round(100 * (1 - terms.reduce((left, term) => left * (1 - term), 1)));
  if (facts.safety || (strongest.get('safety_risk') ?? 0) >= 0.7) score = Math.max(score, 50);
  if (OUTSIDE_THREATS.filter((kind) => strongest.has(kind)).length >= 2) score = Math.max(score, 75);
  score = Math.min(100, Math.max(0, score));
  return { score, level: riskLevel(score) };
};
