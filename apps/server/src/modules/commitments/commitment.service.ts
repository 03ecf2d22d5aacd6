import type {
  CheckCommitmentBody,
  CommitmentFlagCode,
  CommitmentStatsQuery,
  CreateCommitmentBody,
  Locale,
  RenegotiateCommitmentBody,
} from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode, isAppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, scopeOf, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { appendCaseEvents, loadVisibleCase, mayActAsOwner, type Case } from '../cases/index.ts';
import { authorityCovers, levelForRole } from '../escalation/index.ts';
import {
  breakCommitment as breakIt,
  keepCommitment as keepIt,
  makeCommitment as make,
  markAtRisk,
  proposeNewTime,
  renegotiateCommitment as renegotiate,
  requireFutureDueAt,
  type Commitment,
  type CommitmentChange,
  type PromisedRemedy,
} from './commitment.ts';
import type { CommitmentStore } from './commitment.repository.ts';
import { cancelCommitmentClock, settleCommitmentClock, startCommitmentClock } from './commitment-clock.service.ts';
import { draftHonestUpdate, supportedLanguage } from './honest-update.ts';
import { checkPromise, unacknowledged, type PromiseFlag } from './over-promise.ts';

export interface CommitmentServiceDeps {
  readonly store: UnitOfWork<CommitmentStore>;
  readonly clock: Clock;
}

const notFound = () => new AppError(ErrorCode.NotFound, 'No such commitment');

/**
 * A case the caller may not see answers as an unknown commitment; anything else (a database
 * failure) is not a not-found and goes on as it is.
 */
const hideUnseenCase = (error: unknown): never => {
  if (isAppError(error) && (error.code === ErrorCode.NotFound || error.code === ErrorCode.Forbidden)) {
    throw notFound();
  }
  throw error;
};

/**
 * Refuses a flagged promise (`rule_violated`, one detail per flag) unless the promiser named every
 * flag raised; the same for a new promise and a renegotiated one.
 */
const requireAcknowledged = (flags: readonly PromiseFlag[], acknowledged: readonly CommitmentFlagCode[] = []) => {
  const open = unacknowledged(flags, acknowledged);
  if (open.length > 0) {
    throw new AppError(
      ErrorCode.RuleViolated,
      'This promise may not be keepable; check the flags, or acknowledge each of them',
      open.map((flag) => ({ field: `/flags/${flag.code}`, message: flag.message })),
    );
  }
};

/** What the guard checks and what a made promise records, whichever route it came by. */
type PromiseInput = CheckCommitmentBody;

/** Where the statistics put a promise: the promiser's home site and first team there. */
const placementOf = async (
  { cases }: CommitmentStore,
  ctx: Context,
  onCase: Case,
): Promise<{ siteId: string | null; teamId: string | null }> => {
  const userId = actorId(ctx.actor);
  const user = userId ? await cases.findUser(userId) : undefined;
  if (!user) return { siteId: onCase.siteId, teamId: null };
  const siteId = user.siteId ?? onCase.siteId;
  const team = user.teams.find((t) => t.siteId === siteId) ?? user.teams[0];
  return { siteId, teamId: team?.id ?? null };
};

/**
 * Promises to customers: recorded with their due time and promiser, checked by the over-promise
 * guard before they are made, timed by a service clock, and closed kept, broken or renegotiated.
 * A warning on the clock turns into an honest update the owner is prompted to send.
 */
export const createCommitmentService = ({ store, clock }: CommitmentServiceDeps) => {
  /** A case the caller may promise on: visible to them, and theirs to steer. */
  const loadSteerableCase = async (port: CommitmentStore, ctx: Context, caseId: string, forUpdate: boolean) => {
    const current = await loadVisibleCase(port.cases, ctx, caseId, forUpdate);
    if (!mayActAsOwner(ctx.actor, current)) {
      throw new AppError(ErrorCode.RuleViolated, 'Only the case owner or a supervisor makes promises on a case');
    }
    if (current.status === 'closed' || current.mergedIntoId !== null) {
      throw new AppError(ErrorCode.InvalidTransition, 'The case is closed: no new promises on it');
    }
    return current;
  };

  /** Resolves ids in the input against the case and gathers the facts the guard needs. */
  const examine = async (port: CommitmentStore, ctx: Context, onCase: Case, input: PromiseInput, now: Date) => {
    const { cases, commitments } = port;
    const dueAt = new Date(input.dueAt);
    if (Number.isNaN(dueAt.getTime())) {
      throw new AppError(ErrorCode.ValidationFailed, 'Not a valid time', [
        { field: '/body/dueAt', message: 'must be a date-time' },
      ]);
    }
    const dependsOn = [...new Set(input.dependsOn ?? [])];
    const tasks = await commitments.findCaseTasks(onCase.id, dependsOn);
    const missing = dependsOn.findIndex((id) => !tasks.some((task) => task.id === id));
    if (missing >= 0) {
      throw new AppError(ErrorCode.NotFound, 'No such task on this case', [
        { field: `/body/dependsOn/${missing}`, message: 'no such task on this case' },
      ]);
    }
    if (input.messageEventId && !(await commitments.isCaseMessageEvent(onCase.id, input.messageEventId))) {
      throw new AppError(ErrorCode.NotFound, 'No such message on this case', [
        { field: '/body/messageEventId', message: 'no such message or call on this case' },
      ]);
    }
    const audience = await commitments.caseAudience(onCase.id);
    let promisedTo = audience?.customerName ?? '';
    if (input.keyPersonId) {
      const person = (await cases.listKeyPeople(onCase.id)).find((p) => p.id === input.keyPersonId);
      if (!person) {
        throw new AppError(ErrorCode.NotFound, 'No such key person on this case', [
          { field: '/body/keyPersonId', message: 'no such key person on this case' },
        ]);
      }
      const userName = person.userId ? (await cases.userNames([person.userId])).get(person.userId) : undefined;
      promisedTo = person.name ?? userName ?? promisedTo;
    }
    const remedy: PromisedRemedy | null = input.remedy
      ? { kind: input.remedy.kind, amount: input.remedy.amount ?? null, currency: input.remedy.currency ?? null }
      : null;
    if (remedy && remedy.amount !== null && remedy.currency === null) {
      throw new AppError(ErrorCode.ValidationFailed, 'An amount needs its currency', [
        { field: '/body/remedy/currency', message: 'required with an amount' },
      ]);
    }
    let authority: { covers: boolean; level: string | null } | null = null;
    if (remedy && ctx.actor.kind === 'user') {
      const levels = await commitments.ladderLevels();
      if (levels.length > 0) {
        const level = levelForRole(levels, ctx.actor.role);
        authority = {
          covers: level ? authorityCovers(level, remedy) : false,
          level: level ? level.names.en : null,
        };
      }
    }
    const flags = checkPromise(
      {
        dueAt,
        dependencies: tasks,
        authority,
        deadlines: await commitments.caseDeadlines(onCase.id),
        dueInWorkingHours: await commitments.dueInWorkingHours(onCase.id, dueAt),
      },
      now,
    );
    return { dueAt, dependsOn, remedy, promisedTo, flags };
  };

  /** Runs the over-promise guard without saving anything. */
  const checkCommitment = async (ctx: Context, caseId: string, input: CheckCommitmentBody): Promise<PromiseFlag[]> => {
    requirePermission(ctx.actor, 'commitment:write');
    const now = clock.now();
    const port = store.read;
    const onCase = await loadSteerableCase(port, ctx, caseId, false);
    return (await examine(port, ctx, onCase, input, now)).flags;
  };

  /**
   * Records a promise. A flagged promise is refused (`rule_violated`, the flags in the details)
   * unless `acknowledgeFlags` names every flag raised; acknowledged flags are kept on the
   * commitment and its `commitment.made` event. Starts the promise's service clock.
   */
  const makeCommitment = async (ctx: Context, caseId: string, input: CreateCommitmentBody): Promise<Commitment> => {
    requirePermission(ctx.actor, 'commitment:write');
    const now = clock.now();
    return store.write(async (port) => {
      const onCase = await loadSteerableCase(port, ctx, caseId, true);
      const facts = await examine(port, ctx, onCase, input, now);
      requireAcknowledged(facts.flags, input.acknowledgeFlags);
      const placement = await placementOf(port, ctx, onCase);
      const made = make(
        {
          id: newId('cmt', now),
          caseId: onCase.id,
          text: input.text,
          promisedTo: facts.promisedTo,
          keyPersonId: input.keyPersonId ?? null,
          dueAt: facts.dueAt,
          madeBy: actorId(ctx.actor),
          messageEventId: input.messageEventId ?? null,
          dependsOn: facts.dependsOn,
          remedy: facts.remedy,
          flags: facts.flags.map((flag) => flag.code),
          ...placement,
        },
        now,
      );
      await port.commitments.insertCommitment(made.commitment);
      await appendCaseEvents(port.cases, ctx, onCase.id, made.events, now);
      await startCommitmentClock(port.cases, made.commitment, now);
      return made.commitment;
    });
  };

  const listCommitments = async (ctx: Context, caseId: string): Promise<Commitment[]> => {
    requirePermission(ctx.actor, 'case:read');
    const onCase = await loadVisibleCase(store.read.cases, ctx, caseId);
    return store.read.commitments.listCaseCommitments(onCase.id);
  };

  /** A commitment whose case the caller may steer; otherwise not-found, whether it exists or not. */
  const loadSteerable = async (port: CommitmentStore, ctx: Context, id: string, forUpdate: boolean) => {
    const found = await port.commitments.findCommitment(id, forUpdate);
    if (!found) throw notFound();
    const onCase = await loadVisibleCase(port.cases, ctx, found.caseId, forUpdate).catch(hideUnseenCase);
    if (!mayActAsOwner(ctx.actor, onCase)) {
      throw new AppError(ErrorCode.RuleViolated, 'Only the case owner or a supervisor settles promises on a case');
    }
    return { commitment: found, onCase };
  };

  const save = async (
    port: CommitmentStore,
    ctx: Context,
    commitment: Commitment,
    events: readonly CommitmentChange[],
    now: Date,
  ) => {
    await port.commitments.saveCommitment(commitment);
    await appendCaseEvents(port.cases, ctx, commitment.caseId, events, now);
  };

  /** The promise was kept; on time when by its due time. Its clock is met. */
  const keepCommitment = async (ctx: Context, id: string): Promise<Commitment> => {
    requirePermission(ctx.actor, 'commitment:write');
    const now = clock.now();
    return store.write(async (port) => {
      const { commitment } = await loadSteerable(port, ctx, id, true);
      const kept = keepIt(commitment, now);
      await save(port, ctx, kept.commitment, kept.events, now);
      await settleCommitmentClock(port.cases, kept.commitment, now);
      return kept.commitment;
    });
  };

  /** An honest "we could not", with the reason. Its clock is cancelled. */
  const breakCommitment = async (ctx: Context, id: string, reason: string): Promise<Commitment> => {
    requirePermission(ctx.actor, 'commitment:write');
    const now = clock.now();
    return store.write(async (port) => {
      const { commitment } = await loadSteerable(port, ctx, id, true);
      const broken = breakIt(commitment, reason, now);
      await save(port, ctx, broken.commitment, broken.events, now);
      await cancelCommitmentClock(port.cases, broken.commitment, now);
      return broken.commitment;
    });
  };

  /**
   * A new time agreed with the customer: the old promise closes (renegotiated, or broken when
   * already due) and a successor opens with its own clock. The successor is a new promise, so it
   * passes the over-promise guard as `makeCommitment` does (same refusal, same acknowledgement),
   * checked by the renegotiating user's authority; its acknowledged flags are kept on it.
   */
  const renegotiateCommitment = async (
    ctx: Context,
    id: string,
    input: RenegotiateCommitmentBody,
  ): Promise<{ previous: Commitment; successor: Commitment }> => {
    requirePermission(ctx.actor, 'commitment:write');
    const now = clock.now();
    return store.write(async (port) => {
      const { commitment, onCase } = await loadSteerable(port, ctx, id, true);
      const dueAt = new Date(input.dueAt);
      requireFutureDueAt(dueAt, now);
      // The promise as it will stand: the new time and words, the same dependencies and remedy.
      const facts = await examine(
        port,
        ctx,
        onCase,
        {
          text: input.text ?? commitment.text,
          dueAt: input.dueAt,
          dependsOn: [...commitment.dependsOn],
          ...(input.messageEventId ? { messageEventId: input.messageEventId } : {}),
          ...(commitment.remedy
            ? {
                remedy: {
                  kind: commitment.remedy.kind,
                  amount: commitment.remedy.amount,
                  currency: commitment.remedy.currency,
                },
              }
            : {}),
        },
        now,
      );
      requireAcknowledged(facts.flags, input.acknowledgeFlags);
      const placement = await placementOf(port, ctx, onCase);
      const changed = renegotiate(
        commitment,
        {
          newId: newId('cmt', now),
          dueAt,
          text: input.text,
          reason: input.reason,
          messageEventId: input.messageEventId ?? null,
          madeBy: actorId(ctx.actor),
          flags: facts.flags.map((flag) => flag.code),
          ...placement,
        },
        now,
      );
      await port.commitments.saveCommitment(changed.previous);
      await port.commitments.insertCommitment(changed.successor);
      await appendCaseEvents(port.cases, ctx, onCase.id, changed.events, now);
      await cancelCommitmentClock(port.cases, changed.previous, now);
      await startCommitmentClock(port.cases, changed.successor, now);
      return changed;
    });
  };

  /** The honest update for a promise, and the time it proposes, in `language` (else the case's). */
  const composeDraft = async (port: CommitmentStore, commitment: Commitment, language: Locale | null, now: Date) => {
    const audience = await port.commitments.caseAudience(commitment.caseId);
    const openTasks = (await port.commitments.findCaseTasks(commitment.caseId, commitment.dependsOn)).filter(
      (task) => task.status === 'open',
    );
    const proposedDueAt = proposeNewTime(
      commitment,
      openTasks.map((task) => task.dueAt),
      now,
    );
    const chosen = language ?? supportedLanguage(audience?.language);
    const timeZone = audience?.timeZone ?? 'UTC';
    const text = draftHonestUpdate(
      {
        name: commitment.promisedTo,
        promise: commitment.text,
        dueAt: commitment.dueAt,
        newTime: proposedDueAt,
        waitingOnInternalCheck: openTasks.length > 0,
        timeZone,
      },
      chosen,
    );
    return { language: chosen, proposedDueAt, timeZone, text };
  };

  /** The honest-update draft again (the owner may want it in another language). */
  const draftUpdate = async (ctx: Context, id: string, language: Locale | undefined) => {
    requirePermission(ctx.actor, 'commitment:write');
    const { commitment } = await loadSteerable(store.read, ctx, id, false);
    return {
      commitmentId: commitment.id,
      ...(await composeDraft(store.read, commitment, language ?? null, clock.now())),
    };
  };

  /**
   * A clock warning on an open promise: marks it at risk once, with the drafted update and the
   * proposed new time in the event, so the owner is prompted before the due time. Idempotent.
   */
  const recordAtRisk = async (ctx: Context, id: string, percent: number | null): Promise<boolean> => {
    const now = clock.now();
    return store.write(async (port) => {
      const commitment = await port.commitments.findCommitment(id, true);
      if (!commitment || commitment.status !== 'open' || commitment.atRiskAt !== null) return false;
      const draft = await composeDraft(port, commitment, null, now);
      const marked = markAtRisk(
        commitment,
        {
          proposedDueAt: draft.proposedDueAt,
          language: draft.language,
          draft: draft.text,
          timeZone: draft.timeZone,
          percent,
        },
        now,
      );
      if (!marked) return false;
      await save(port, ctx, marked.commitment, marked.events, now);
      return true;
    });
  };

  /** The clock breached with the promise still open: it is broken. Idempotent. */
  const recordMissed = async (ctx: Context, id: string): Promise<boolean> => {
    const now = clock.now();
    return store.write(async (port) => {
      const commitment = await port.commitments.findCommitment(id, true);
      if (!commitment || commitment.status !== 'open') return false;
      const broken = breakIt(commitment, null, now, true);
      await save(port, ctx, broken.commitment, broken.events, now);
      return true;
    });
  };

  /**
   * Kept-on-time figures per agent, team or site for promises made in [from, to). A caller sees
   * the promises made on cases at their sites (whoever made them); each row still groups by the
   * promiser, or by the site and team the promiser worked at when making it.
   */
  const stats = async (ctx: Context, query: CommitmentStatsQuery) => {
    requirePermission(ctx.actor, 'oversight:read');
    const scope = scopeOf(ctx.actor);
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from.getTime() >= to.getTime()) {
      throw new AppError(ErrorCode.ValidationFailed, 'The period ends before it starts', [
        { field: '/querystring/to', message: 'must be after from' },
      ]);
    }
    const rows = await store.read.commitments.stats({
      groupBy: query.groupBy,
      from,
      to,
      sites: { all: scope.allSites, siteIds: scope.siteIds },
    });
    return {
      groupBy: query.groupBy,
      from: from ?? null,
      to: to ?? null,
      rows: rows.map((row) => {
        const decided = row.keptOnTime + row.keptLate + row.broken;
        return { ...row, rate: decided === 0 ? null : row.keptOnTime / decided };
      }),
    };
  };

  return {
    checkCommitment,
    makeCommitment,
    listCommitments,
    keepCommitment,
    breakCommitment,
    renegotiateCommitment,
    draftUpdate,
    recordAtRisk,
    recordMissed,
    stats,
  };
};

export type CommitmentService = ReturnType<typeof createCommitmentService>;
