import type { ClockKind, EscalationSignal, TriggerKind, TriggerSettings } from '@redress/contract';
import { AppError, ErrorCode, type ErrorDetail } from '../../shared/errors.ts';

/**
 * A signal heard in the customer's words and the words behind it. The language module detects
 * them (its `detectSignals`); the services hand them to this pure code as data.
 */
export interface SignalMatch {
  readonly signal: EscalationSignal;
  /** The words in the original text that matched. */
  readonly cue: string;
}

/** A configured trigger: when it fires, the case climbs to `toRank` (null: one above where it is). */
export interface EscalationTrigger {
  readonly id: string;
  readonly kind: TriggerKind;
  readonly enabled: boolean;
  readonly settings: TriggerSettings;
  readonly toRank: number | null;
}

export type TriggerInput = Omit<EscalationTrigger, 'id'>;

/**
 * What just happened on a case, as far as triggers care. Each field is set only when the event
 * that is being evaluated brought it; counts are the case's totals including that event.
 */
export interface TriggerSituation {
  readonly currentRank: number;
  readonly topRank: number;
  readonly signals?: readonly SignalMatch[];
  readonly clock?: { readonly phase: 'warned' | 'breached'; readonly kind: ClockKind };
  /** Inbound messages and calls on the case so far. */
  readonly inboundContacts?: number;
  /** Compensation proposals plus the customer's declines so far. */
  readonly negotiationRounds?: number;
  readonly reopened?: boolean;
  /** The case was flagged for safety or injury. */
  readonly safety?: boolean;
  /** A proposed remedy needs this rank to be approved. */
  readonly remedyRequiredRank?: number;
  /** A survey answer's satisfaction score, 1 (very poor) to 5 (very good). */
  readonly surveyScore?: number;
}

export interface TriggerDecision {
  readonly toRank: number;
  readonly trigger: TriggerKind;
  readonly reason: string;
}

/** What fired and how high it asks for, before comparing with where the case is. */
const fires = (trigger: EscalationTrigger, s: TriggerSituation): { reason: string; floor?: number } | null => {
  const { settings } = trigger;
  switch (trigger.kind) {
    case 'clock_warning':
    case 'clock_breach': {
      const phase = trigger.kind === 'clock_warning' ? 'warned' : 'breached';
      if (!s.clock || s.clock.phase !== phase) return null;
      if (settings.clockKinds && !settings.clockKinds.includes(s.clock.kind)) return null;
      return { reason: `${s.clock.kind} clock ${phase}` };
    }
    case 'signal': {
      const wanted = settings.signals ?? [];
      const heard = (s.signals ?? []).filter((m) => wanted.includes(m.signal));
      if (heard.length === 0) return null;
      return { reason: `customer's words: ${heard.map((m) => `${m.signal} ("${m.cue}")`).join(', ')}` };
    }
    case 'repeat_contact':
      // Fires when the count reaches the threshold, not on every contact after it.
      return s.inboundContacts !== undefined && s.inboundContacts === (settings.count ?? 3)
        ? { reason: `${s.inboundContacts} contacts from the customer on this case` }
        : null;
    case 'negotiation_rounds':
      return s.negotiationRounds !== undefined && s.negotiationRounds === (settings.count ?? 3)
        ? { reason: `${s.negotiationRounds} rounds of negotiating a remedy` }
        : null;
    case 'reopen':
      return s.reopened ? { reason: 'the case was reopened' } : null;
    case 'poor_survey':
      return s.surveyScore !== undefined && s.surveyScore <= (settings.maxScore ?? POOR_SURVEY_SCORE)
        ? { reason: `poor survey answer (${s.surveyScore})` }
        : null;
    case 'remedy_above_authority':
      return s.remedyRequiredRank !== undefined && s.remedyRequiredRank > s.currentRank
        ? { reason: `a remedy needs rank ${s.remedyRequiredRank} to approve`, floor: s.remedyRequiredRank }
        : null;
    case 'safety': {
      const safetyWords = (s.signals ?? []).find((m) => m.signal === 'safety_risk');
      if (s.safety) return { reason: 'safety or injury flagged' };
      return safetyWords ? { reason: `safety or injury reported ("${safetyWords.cue}")` } : null;
    }
  }
};

/**
 * Which enabled trigger, if any, makes the case climb, and how high: the highest target among the
 * triggers that fire (capped at the top rank), when it is above the case's current rank. A trigger
 * without `toRank` asks for one level up (a remedy, for the rank that may approve it).
 */
export const evaluateTriggers = (
  triggers: readonly EscalationTrigger[],
  situation: TriggerSituation,
): TriggerDecision | null => {
  let best: TriggerDecision | null = null;
  for (const trigger of triggers) {
    if (!trigger.enabled) continue;
    const fired = fires(trigger, situation);
    if (!fired) continue;
    const wanted = trigger.toRank ?? fired.floor ?? situation.currentRank + 1;
    const toRank = Math.min(Math.max(wanted, fired.floor ?? 0), situation.topRank);
    if (toRank <= situation.currentRank) continue;
    if (!best || toRank > best.toRank) best = { toRank, trigger: trigger.kind, reason: fired.reason };
  }
  return best;
};

/** The default highest survey score (1–5) that counts as poor. */
export const POOR_SURVEY_SCORE = 2;

const DEFAULT_SIGNALS: readonly EscalationSignal[] = ['manager_request', 'regulator_threat', 'insult', 'anger'];

/**
 * The triggers installed with the default ladder. Asking for a manager or threatening a regulator
 * brings the supervisor; media and legal threats go to the executive, PR and legal level; a
 * safety report to the manager; a poor survey answer (2 of 5 or less) to the supervisor.
 */
export const DEFAULT_TRIGGERS: readonly TriggerInput[] = [
  { kind: 'clock_warning', enabled: false, settings: { clockKinds: ['resolve', 'regulatory'] }, toRank: null },
  {
    kind: 'clock_breach',
    enabled: true,
    settings: { clockKinds: ['first_response', 'resolve', 'regulatory', 'commitment', 'escalation'] },
    toRank: null,
  },
  { kind: 'signal', enabled: true, settings: { signals: [...DEFAULT_SIGNALS] }, toRank: 1 },
  { kind: 'signal', enabled: true, settings: { signals: ['media_threat', 'legal_threat'] }, toRank: 3 },
  { kind: 'repeat_contact', enabled: true, settings: { count: 3 }, toRank: 1 },
  { kind: 'negotiation_rounds', enabled: true, settings: { count: 3 }, toRank: null },
  { kind: 'reopen', enabled: true, settings: {}, toRank: 1 },
  { kind: 'poor_survey', enabled: true, settings: { maxScore: POOR_SURVEY_SCORE }, toRank: 1 },
  { kind: 'remedy_above_authority', enabled: true, settings: {}, toRank: null },
  { kind: 'safety', enabled: true, settings: {}, toRank: 2 },
];

/** Checks what the schema cannot: each kind has the settings it needs, targets within the ladder. */
export const validateTriggers = (triggers: readonly TriggerInput[], topRank: number): void => {
  const details: ErrorDetail[] = [];
  triggers.forEach((trigger, i) => {
    const at = `/body/triggers/${i}`;
    if (trigger.toRank !== null && trigger.toRank > topRank) {
      details.push({ field: `${at}/toRank`, message: `the ladder's top rank is ${topRank}` });
    }
    if (trigger.kind === 'signal' && !trigger.settings.signals?.length) {
      details.push({ field: `${at}/settings/signals`, message: 'name at least one signal' });
    }
    if ((trigger.kind === 'clock_warning' || trigger.kind === 'clock_breach') && !trigger.settings.clockKinds?.length) {
      details.push({ field: `${at}/settings/clockKinds`, message: 'name at least one clock kind' });
    }
    if ((trigger.kind === 'repeat_contact' || trigger.kind === 'negotiation_rounds') && !trigger.settings.count) {
      details.push({ field: `${at}/settings/count`, message: 'is required for this trigger' });
    }
  });
  if (details.length > 0) throw new AppError(ErrorCode.ValidationFailed, 'Invalid triggers', details);
};
