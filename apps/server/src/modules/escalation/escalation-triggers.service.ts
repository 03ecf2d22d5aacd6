import type { ClockKind, EscalationTrigger as TriggerName } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { ErrorCode, isAppError } from '../../shared/errors.ts';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { loadVisibleCase, type Case } from '../cases/index.ts';
import { settleDueItem } from '../clocks/index.ts';
import type { Escalation } from './escalation.ts';
import type { EscalationStore } from './escalation.repository.ts';
import { topRank, type LadderLevel } from './ladder.ts';
import { asTextLanguage } from '../../shared/text/detect-language.ts';
import { builtInLexicon, detectSignals, type Lexicon } from '../language/index.ts';
import { evaluateTriggers, type SignalMatch, type TriggerSituation } from './triggers.ts';

/**
 * The signals in one of the customer's texts, by the organisation's lexicon, as the trigger and
 * summary code reads them: the signal and the words behind it. `language` is the case's language
 * tag (narrows the rules; absent: every language is tried).
 */
export const explainSignals = (text: string, language: string | null | undefined, lexicon: Lexicon): SignalMatch[] =>
  detectSignals(text, { language: asTextLanguage(language), lexicon }).map((hit) => ({
    signal: hit.kind,
    cue: hit.evidence,
  }));

/** Where the organisation's compiled lexicon comes from (the language module's cache). */
export type SignalLexicon = () => Promise<Lexicon>;

/** The shipped rules alone, for a process built without the lexicon service (tools, some tests). */
export const builtInSignalLexicon: SignalLexicon = () => Promise.resolve(builtInLexicon());

/** An event as the trigger job hands it over (see `jobs/outbox.ts`). */
export interface CaseEventFacts {
  readonly eventId: string;
  /**
   * The event's sequence number: running counts (contacts, negotiation rounds) are taken as of
   * this event, so a job that runs late counts what its event saw. Absent: counts everything.
   */
  readonly seq?: number | undefined;
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payload: Record<string, unknown>;
}

/** Moves a case up inside the caller's unit of work (the escalation service's `raise`). */
export type RaiseEscalation = (
  port: EscalationStore,
  ctx: Context,
  current: Case,
  input: { toRank: number; fromRank: number; trigger: TriggerName; reason: string; sourceEventId: string | null },
  levels: readonly LadderLevel[],
  now: Date,
  lexicon: Lexicon,
) => Promise<Escalation>;

export interface EscalationTriggersDeps {
  readonly store: UnitOfWork<EscalationStore>;
  readonly clock: Clock;
  readonly raise: RaiseEscalation;
  readonly signalLexicon: SignalLexicon;
}

/** What the event tells the triggers, with the case's running counts as of the event. */
const situationFor = async (
  port: EscalationStore,
  current: Case,
  event: CaseEventFacts,
  base: { currentRank: number; topRank: number },
  lexicon: Lexicon,
): Promise<TriggerSituation | null> => {
  const p = event.payload;
  switch (event.type) {
    case 'case.created':
      return {
        ...base,
        signals: explainSignals(current.description, current.language, lexicon),
        safety: p.safety === true,
      };
    case 'case.message_recorded':
      if (p.direction !== 'inbound') return null;
      return {
        ...base,
        signals: typeof p.body === 'string' ? explainSignals(p.body, current.language, lexicon) : [],
        inboundContacts: await port.escalation.countInboundContacts(current.id, event.seq),
      };
    case 'case.call_logged':
      if (p.direction !== 'inbound') return null;
      return { ...base, inboundContacts: await port.escalation.countInboundContacts(current.id, event.seq) };
    case 'case.status_changed':
      // A reopen by a survey answer is weighed on the answer's own event (below).
      return p.action === 'reopen' && typeof p.surveyId !== 'string' ? { ...base, reopened: true } : null;
    case 'survey.answered':
      if (typeof p.score !== 'number') return null;
      // The score is weighed by `poor_survey` against its own `maxScore`; an answer that reopened
      // the case (the follow-ups' fixed rule: 2 or less, or not solved) is also a reopen, so the
      // case still climbs when `poor_survey` is off or set lower. The triggers choose one.
      return { ...base, surveyScore: p.score, ...(p.reopened === true ? { reopened: true } : {}) };
    case 'case.field_changed':
      return p.field === 'safety' && p.to === true ? { ...base, safety: true } : null;
    case 'clock.warned':
    case 'clock.breached':
      if (typeof p.kind !== 'string') return null;
      return {
        ...base,
        clock: { phase: event.type === 'clock.warned' ? 'warned' : 'breached', kind: p.kind as ClockKind },
      };
    case 'compensation.proposed':
      return {
        ...base,
        negotiationRounds: await port.escalation.countNegotiationRounds(current.id, event.seq),
        ...(p.status === 'proposed' && typeof p.requiredRank === 'number'
          ? { remedyRequiredRank: p.requiredRank }
          : {}),
      };
    case 'compensation.customer_responded':
      return p.accepted === false
        ? { ...base, negotiationRounds: await port.escalation.countNegotiationRounds(current.id, event.seq) }
        : null;
    default:
      return null;
  }
};

/** The case, locked for the rest of the unit of work; undefined when it does not exist. */
const lockCase = async (port: EscalationStore, ctx: Context, caseId: string): Promise<Case | undefined> => {
  try {
    return await loadVisibleCase(port.cases, ctx, caseId, true);
  } catch (error) {
    if (isAppError(error) && error.code === ErrorCode.NotFound) return undefined;
    throw error;
  }
};

/**
 * The triggers that escalate a case on their own (article 004), run by the trigger job for each
 * case event, and the tidy-up when a case closes.
 */
export const createEscalationTriggers = ({ store, clock, raise, signalLexicon }: EscalationTriggersDeps) => {
  /**
   * Escalations still waiting on a closed case stop waiting: marked superseded, clocks cancelled.
   * Idempotent: a second run finds none waiting.
   */
  const supersedeOnClose = async (port: EscalationStore, caseId: string, now: Date): Promise<void> => {
    for (const waitingId of await port.escalation.supersedeWaiting(caseId, -1, now)) {
      await settleDueItem(port.clocks, { caseId, kind: 'escalation', subjectId: waitingId }, 'cancelled', now);
    }
  };

  /**
   * Evaluates the enabled triggers against one case event and escalates, as the system, when one
   * fires above the case's level. The case row is locked before its level is read, so two trigger
   * jobs (or a trigger and a person) take turns and the second evaluates against the level the
   * first left. Idempotent: an event that already escalated does nothing. A `case.status_changed`
   * to closed supersedes the case's waiting escalations instead.
   */
  const escalateFromEvent = async (ctx: Context, event: CaseEventFacts): Promise<Escalation | null> => {
    if (event.subjectType !== 'case') return null;
    const now = clock.now();
    // Read before the transaction: a unit of work touches only its own database work.
    const lexicon = await signalLexicon();
    return store.write(async (port) => {
      const current = await lockCase(port, ctx, event.subjectId);
      if (!current) return null;
      if (event.type === 'case.status_changed' && event.payload.to === 'closed') {
        await supersedeOnClose(port, current.id, now);
        return null;
      }
      if (current.status === 'closed' || current.mergedIntoId) return null;
      if (await port.escalation.firedBy(event.eventId)) return null;
      const [levels, triggers, currentRank] = await Promise.all([
        port.escalation.listLevels(),
        port.escalation.listTriggers(),
        port.escalation.caseLevel(current.id),
      ]);
      if (levels.length === 0) return null;
      const situation = await situationFor(port, current, event, { currentRank, topRank: topRank(levels) }, lexicon);
      if (!situation) return null;
      // On a survey answer a tie goes to `poor_survey`, the more telling reason of the two.
      const ordered =
        event.type === 'survey.answered'
          ? [...triggers].sort((a, b) => Number(b.kind === 'poor_survey') - Number(a.kind === 'poor_survey'))
          : triggers;
      const decision = evaluateTriggers(ordered, situation);
      if (!decision) return null;
      return raise(
        port,
        ctx,
        current,
        {
          toRank: decision.toRank,
          fromRank: currentRank,
          trigger: decision.trigger,
          reason: decision.reason,
          sourceEventId: event.eventId,
        },
        levels,
        now,
        lexicon,
      );
    });
  };

  return { escalateFromEvent };
};
