import type { EscalationTrigger as TriggerName } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode, isAppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { appendCaseEvents, loadVisibleCase, type Case } from '../cases/index.ts';
import { settleDueItem, trackDueItem } from '../clocks/index.ts';
import { acknowledge, deEscalationTarget, escalationTarget, type Escalation } from './escalation.ts';
import type { EscalationStore } from './escalation.repository.ts';
import { levelAt, levelForActor, topRank, type LadderLevel } from './ladder.ts';
import type { Lexicon } from '../language/index.ts';
import { composeSummary } from './summary.ts';
import {
  builtInSignalLexicon,
  createEscalationTriggers,
  explainSignals,
  type SignalLexicon,
} from './escalation-triggers.service.ts';
import type { SignalMatch } from './triggers.ts';
import { createEscalationConfig } from './escalation-config.service.ts';

export interface EscalationServiceDeps {
  readonly store: UnitOfWork<EscalationStore>;
  readonly clock: Clock;
  /** The organisation's compiled signal lexicon (built-in rules and an administrator's entries). */
  readonly signalLexicon?: SignalLexicon | undefined;
}

export type { CaseEventFacts } from './escalation-triggers.service.ts';

const notFound = () => new AppError(ErrorCode.NotFound, 'No such escalation');

/** Not-found and forbidden from the case become this escalation's not-found; anything else is real. */
const asNotFound = (error: unknown): never => {
  if (isAppError(error) && (error.code === ErrorCode.NotFound || error.code === ErrorCode.Forbidden)) throw notFound();
  throw error;
};

/** The level `ctx`'s user stands on, if any (their role, or a level's team they belong to). */
const actorLevel = (ctx: Context, levels: readonly LadderLevel[]): LadderLevel | undefined =>
  ctx.actor.kind === 'user' ? levelForActor(levels, ctx.actor.role, ctx.actor.scope.teamIds) : undefined;

/** Signals in the customer's own words on this case: the description and every inbound message. */
const caseSignals = (current: Case, inboundMessages: readonly string[], lexicon: Lexicon): SignalMatch[] => [
  ...explainSignals(current.description, current.language, lexicon),
  ...inboundMessages.flatMap((body) => explainSignals(body, current.language, lexicon)),
];

/**
 * The escalation ladder (article 004): escalating and de-escalating cases with a complete summary,
 * acknowledgements, and the triggers that escalate on their own; with the ladder's configuration
 * (`escalation-config.service.ts`) behind the same door.
 */
export const createEscalationService = ({
  store,
  clock,
  signalLexicon = builtInSignalLexicon,
}: EscalationServiceDeps) => {
  /**
   * Moves a case up in the caller's unit of work: composes the summary, stores the escalation,
   * sets the case's level, appends `case.escalated` and starts the level's response clock.
   */
  const raise = async (
    port: EscalationStore,
    ctx: Context,
    current: Case,
    input: { toRank: number; fromRank: number; trigger: TriggerName; reason: string; sourceEventId: string | null },
    levels: readonly LadderLevel[],
    now: Date,
    lexicon: Lexicon,
  ): Promise<Escalation> => {
    const level = levelAt(levels, input.toRank);
    if (!level) throw new AppError(ErrorCode.RuleViolated, 'No such level on the ladder');
    const [record, previous] = await Promise.all([
      port.escalation.caseRecord(current.id),
      port.escalation.listEscalations(current.id),
    ]);
    const summary = composeSummary({
      case: current,
      signals: caseSignals(current, record.inboundMessages, lexicon),
      commitments: record.commitments,
      tasks: record.tasks,
      compensations: record.compensations,
      escalations: previous,
      statusChanges: record.statusChanges,
    });
    const escalation: Escalation = {
      id: newId('esc', now),
      caseId: current.id,
      direction: 'up',
      fromRank: input.fromRank,
      toRank: input.toRank,
      trigger: input.trigger,
      reason: input.reason,
      summary,
      actorId: actorId(ctx.actor),
      createdAt: now,
      acknowledgedAt: null,
      acknowledgedBy: null,
      sourceEventId: input.sourceEventId,
      supersededAt: null,
    };
    await port.escalation.insertEscalation(escalation);
    await port.escalation.setCaseLevel(current.id, input.toRank);
    await appendCaseEvents(
      port.cases,
      ctx,
      current.id,
      [
        {
          type: 'case.escalated',
          // Ids, ranks and the trigger only: every subscriber's job row copies this payload, and
          // the summary (the complaint's words, task answers) and the reason (which may quote the
          // customer) stay in `case_escalations`, read through the escalations route.
          payload: {
            escalationId: escalation.id,
            fromRank: input.fromRank,
            toRank: input.toRank,
            levelId: level.id,
            trigger: input.trigger,
            ...(input.sourceEventId ? { sourceEventId: input.sourceEventId } : {}),
          },
        },
      ],
      now,
    );
    await trackDueItem(
      port.clocks,
      {
        caseId: current.id,
        kind: 'escalation',
        subjectId: escalation.id,
        startedAt: now,
        targetMinutes: level.responseMinutes,
      },
      now,
    );
    return escalation;
  };

  /**
   * Any staff member who can see the case raises it, in one action; nobody is blamed. The case row
   * is locked before its level is read, so a concurrent escalation (a person's or a trigger's)
   * waits and then sees the new level. `fromRank`, when given, is the rank the caller saw: if the
   * case has moved since, a coded `conflict` instead of a second climb (a double click).
   */
  const escalateCase = async (
    ctx: Context,
    caseId: string,
    input: { reason: string; toRank?: number | undefined; fromRank?: number | undefined },
  ): Promise<Escalation> => {
    requirePermission(ctx.actor, 'escalation:raise');
    const reason = input.reason.trim();
    if (!reason) {
      throw new AppError(ErrorCode.ValidationFailed, 'Say why', [
        { field: '/body/reason', message: 'must not be blank' },
      ]);
    }
    const now = clock.now();
    const lexicon = await signalLexicon();
    return store.write(async (port) => {
      const current = await loadVisibleCase(port.cases, ctx, caseId, true);
      if (current.status === 'closed') throw new AppError(ErrorCode.RuleViolated, 'A closed case is not escalated');
      const [levels, fromRank] = await Promise.all([
        port.escalation.listLevels(),
        port.escalation.caseLevel(current.id),
      ]);
      if (levels.length === 0) throw new AppError(ErrorCode.RuleViolated, 'No escalation ladder is configured');
      const toRank = escalationTarget(fromRank, topRank(levels), input.toRank, input.fromRank);
      return raise(
        port,
        ctx,
        current,
        { toRank, fromRank, trigger: 'manual', reason, sourceEventId: null },
        levels,
        now,
        lexicon,
      );
    });
  };

  /**
   * Someone at the escalation's level (their role stands there, or they are in its team) takes it:
   * the level's response clock is met. Taken once: the case row is locked and the write is
   * conditional on nobody having taken it, so of two people at once one gets a coded error.
   */
  const acknowledgeEscalation = async (ctx: Context, id: string): Promise<Escalation> => {
    requirePermission(ctx.actor, 'escalation:raise');
    const now = clock.now();
    return store.write(async (port) => {
      const seen = await port.escalation.findEscalation(id);
      if (!seen || ctx.actor.kind !== 'user') throw notFound();
      await loadVisibleCase(port.cases, ctx, seen.caseId, true).catch(asNotFound);
      const found = await port.escalation.findEscalation(id);
      if (!found) throw notFound();
      const level = levelAt(await port.escalation.listLevels(), found.toRank);
      const { role, scope } = ctx.actor;
      const atLevel =
        level !== undefined &&
        (level.roles.includes(role) || (level.teamId !== null && scope.teamIds.includes(level.teamId)));
      if (!atLevel)
        throw new AppError(ErrorCode.RuleViolated, 'Only someone at the escalation’s level acknowledges it');
      const acknowledged = acknowledge(found, ctx.actor.userId, now);
      if (!(await port.escalation.acknowledgeEscalation(found.id, ctx.actor.userId, now))) {
        throw new AppError(ErrorCode.Conflict, 'Someone else took this escalation first; reload it');
      }
      await settleDueItem(port.clocks, { caseId: found.caseId, kind: 'escalation', subjectId: found.id }, 'met', now);
      await appendCaseEvents(
        port.cases,
        ctx,
        found.caseId,
        [{ type: 'escalation.acknowledged', payload: { escalationId: found.id, toRank: found.toRank } }],
        now,
      );
      return acknowledged;
    });
  };

  /**
   * Brings a case back down, recorded like an escalation. Someone standing at or above the case's
   * level decides it; waiting escalations above the new rank stop their clocks.
   */
  const deEscalateCase = async (
    ctx: Context,
    caseId: string,
    input: { reason: string; toRank: number },
  ): Promise<Escalation> => {
    requirePermission(ctx.actor, 'escalation:raise');
    const reason = input.reason.trim();
    if (!reason) {
      throw new AppError(ErrorCode.ValidationFailed, 'Say why', [
        { field: '/body/reason', message: 'must not be blank' },
      ]);
    }
    const now = clock.now();
    const lexicon = await signalLexicon();
    return store.write(async (port) => {
      const current = await loadVisibleCase(port.cases, ctx, caseId, true);
      const [levels, fromRank, previous, record] = await Promise.all([
        port.escalation.listLevels(),
        port.escalation.caseLevel(current.id),
        port.escalation.listEscalations(current.id),
        port.escalation.caseRecord(current.id),
      ]);
      const mine = actorLevel(ctx, levels);
      if (ctx.actor.kind !== 'system' && (!mine || mine.rank < fromRank)) {
        throw new AppError(ErrorCode.RuleViolated, 'Only someone at the case’s level brings it down');
      }
      const toRank = deEscalationTarget(fromRank, input.toRank);
      const escalation: Escalation = {
        id: newId('esc', now),
        caseId: current.id,
        direction: 'down',
        fromRank,
        toRank,
        trigger: 'manual',
        reason,
        summary: composeSummary({
          case: current,
          signals: caseSignals(current, record.inboundMessages, lexicon),
          ...record,
          escalations: previous,
        }),
        actorId: actorId(ctx.actor),
        createdAt: now,
        acknowledgedAt: null,
        acknowledgedBy: null,
        sourceEventId: null,
        supersededAt: null,
      };
      await port.escalation.insertEscalation(escalation);
      await port.escalation.setCaseLevel(current.id, toRank);
      // Escalations above the new rank that nobody took stop waiting: marked, and their clocks end.
      for (const waitingId of await port.escalation.supersedeWaiting(current.id, toRank, now)) {
        await settleDueItem(
          port.clocks,
          { caseId: current.id, kind: 'escalation', subjectId: waitingId },
          'cancelled',
          now,
        );
      }
      await appendCaseEvents(
        port.cases,
        ctx,
        current.id,
        [{ type: 'case.de_escalated', payload: { escalationId: escalation.id, fromRank, toRank } }],
        now,
      );
      return escalation;
    });
  };

  /** A case's escalations and de-escalations, oldest first; the case must be visible. */
  const listCaseEscalations = async (ctx: Context, caseId: string): Promise<Escalation[]> => {
    requirePermission(ctx.actor, 'case:read');
    await loadVisibleCase(store.read.cases, ctx, caseId);
    return store.read.escalation.listEscalations(caseId);
  };

  return {
    ...createEscalationConfig({ store, clock }),
    escalateCase,
    acknowledgeEscalation,
    deEscalateCase,
    listCaseEscalations,
    ...createEscalationTriggers({ store, clock, raise, signalLexicon }),
  };
};

export type EscalationService = ReturnType<typeof createEscalationService>;
