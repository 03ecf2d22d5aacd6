import type {
  CallBody,
  CaseAction,
  CaseLinkKind,
  CustomerDecisionBody,
  KeyPersonBody,
  MessageBody,
  ResolutionBody,
} from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { applyPatch, handOff, type Case, type CaseChange, type CasePatch } from './case.ts';
import { closeAsMerged, recordCustomerDecision, recordResolution, transition, TRANSITIONS } from './case.lifecycle.ts';
import { mayActAsOwner } from './case.policy.ts';
import type { CaseView } from './case.presenter.ts';
import type { CaseRepository, CaseStore } from './case.repository.ts';
import { appendCaseEvents, loadVisibleCase, requirePermission, userCanWorkAt } from './case-support.service.ts';

interface CommandDeps {
  readonly store: UnitOfWork<CaseStore>;
  readonly clock: Clock;
  readonly getCase: (ctx: Context, id: string) => Promise<CaseView>;
}

const requireRootCause = async (repo: CaseRepository, rootCauseId: string, field: string): Promise<void> => {
  if (!(await repo.findRootCause(rootCauseId))) {
    throw new AppError(ErrorCode.ValidationFailed, 'No such root cause', [{ field, message: 'no such root cause' }]);
  }
};

/** Every command that changes a case: each loads the case in scope, applies the pure rule, saves, appends events. */
export const caseCommands = ({ store, clock, getCase }: CommandDeps) => {
  /**
   * Runs one command on a visible case in one unit of work: `change` returns the new case (or the
   * same one) and the events to append. Answers with the case as the caller now sees it.
   */
  const command = async (
    ctx: Context,
    id: string,
    change: (current: Case, repo: CaseRepository, now: Date) => Promise<{ case: Case; events: CaseChange[] }>,
  ): Promise<CaseView> => {
    const now = clock.now();
    await store.write(async ({ cases }) => {
      const current = await loadVisibleCase(cases, ctx, id, true);
      const result = await change(current, cases, now);
      if (result.case !== current) await cases.saveCase(result.case);
      await appendCaseEvents(cases, ctx, id, result.events, now);
    });
    return getCase(ctx, id);
  };

  /** Moves the case through its lifecycle (`invalid_transition` names from and to). */
  const transitionCase = (
    ctx: Context,
    id: string,
    input: { action: CaseAction; reason?: string | undefined; resolution?: ResolutionBody | undefined },
  ) => {
    requirePermission(ctx.actor, 'case:transition');
    return command(ctx, id, async (current, repo, now) => {
      if (input.resolution) await requireRootCause(repo, input.resolution.rootCauseId, '/body/resolution/rootCauseId');
      return transition(
        current,
        input.action,
        { resolution: input.resolution, reason: input.reason?.trim() || undefined, actorId: actorId(ctx.actor) },
        now,
      );
    });
  };

  /** Hands ownership over with a summary; the new owner must be able to work cases at the case's site. */
  const handOffCase = (ctx: Context, id: string, input: { toUserId: string; summary: string }) => {
    requirePermission(ctx.actor, 'case:assign');
    return command(ctx, id, async (current, repo, now) => {
      if (!mayActAsOwner(ctx.actor, current)) {
        throw new AppError(ErrorCode.RuleViolated, 'Only the owner or a supervisor hands a case off');
      }
      const target = await repo.findUser(input.toUserId);
      if (!target || !userCanWorkAt(target, current.siteId, 'case:update')) {
        throw new AppError(ErrorCode.ValidationFailed, 'This user cannot take cases at this site', [
          { field: '/body/toUserId', message: 'cannot own a case at this site' },
        ]);
      }
      return handOff(current, target.id, input.summary, now);
    });
  };

  /** Changes fields; each changed field is an event with its old and new value. */
  const updateCase = (ctx: Context, id: string, patch: CasePatch) => {
    requirePermission(ctx.actor, 'case:update');
    return command(ctx, id, async (current, repo, now) => {
      if (patch.categoryId && !(await repo.findCategory(patch.categoryId))) {
        throw new AppError(ErrorCode.ValidationFailed, 'No such category', [
          { field: '/body/categoryId', message: 'no such category' },
        ]);
      }
      const cleaned: CasePatch = {
        ...patch,
        ...(patch.subject !== undefined ? { subject: patch.subject?.trim() || null } : {}),
      };
      return applyPatch(current, cleaned, now);
    });
  };

  /** Appends to the timeline without changing the case (notes, messages, call logs). */
  const record = (ctx: Context, id: string, event: CaseChange) => {
    requirePermission(ctx.actor, 'case:update');
    return command(ctx, id, async (current, _repo, now) => ({
      case: { ...current, updatedAt: now },
      events: [event],
    }));
  };

  const addNote = (ctx: Context, id: string, body: string) =>
    record(ctx, id, { type: 'case.note_added', payload: { body } });

  const recordMessage = (ctx: Context, id: string, input: MessageBody) =>
    record(ctx, id, {
      type: 'case.message_recorded',
      payload: { direction: input.direction, channel: input.channel, body: input.body },
    });

  /** Who spoke to whom, when, for how long and with what outcome (article 001). */
  const logCall = (ctx: Context, id: string, input: CallBody) => {
    const startedAt = new Date(input.startedAt);
    if (Number.isNaN(startedAt.getTime())) {
      throw new AppError(ErrorCode.ValidationFailed, 'Not a time', [
        { field: '/body/startedAt', message: 'is not a time' },
      ]);
    }
    return record(ctx, id, {
      type: 'case.call_logged',
      payload: {
        direction: input.direction,
        counterpart: input.counterpart,
        agentId: actorId(ctx.actor),
        startedAt: startedAt.toISOString(),
        durationSeconds: input.durationSeconds,
        outcome: input.outcome,
        summary: input.summary ?? null,
      },
    });
  };

  /** First handler, the person with authority, and the customer's influencers (article 003). */
  const addKeyPerson = (ctx: Context, id: string, input: KeyPersonBody) => {
    requirePermission(ctx.actor, 'case:update');
    return command(ctx, id, async (current, repo, now) => {
      const internal = input.role !== 'influencer';
      if (internal) {
        const user = input.userId ? await repo.findUser(input.userId) : undefined;
        if (!user) {
          throw new AppError(ErrorCode.ValidationFailed, 'An internal key person is a user', [
            { field: '/body/userId', message: input.userId ? 'no such user' : 'is required for this role' },
          ]);
        }
      } else if (!input.name || !input.relationship) {
        throw new AppError(ErrorCode.ValidationFailed, 'An influencer has a name and a relationship', [
          { field: input.name ? '/body/relationship' : '/body/name', message: 'is required for an influencer' },
        ]);
      }
      const person = {
        id: newId('kp', now),
        caseId: current.id,
        role: input.role,
        userId: internal ? (input.userId ?? null) : null,
        name: input.name?.trim() || null,
        relationship: internal ? null : (input.relationship ?? null),
        contact: internal ? null : input.contact?.trim() || null,
        consent: internal ? null : (input.consent ?? null),
        note: input.note?.trim() || null,
        createdBy: actorId(ctx.actor),
        createdAt: now,
      };
      await repo.insertKeyPerson(person);
      return {
        case: { ...current, updatedAt: now },
        // The contact stays in its table: the event log is read by webhooks and exports.
        events: [
          {
            type: 'case.key_person_added',
            payload: {
              keyPersonId: person.id,
              role: person.role,
              userId: person.userId,
              name: person.name,
              relationship: person.relationship,
              consent: person.consent,
            },
          },
        ],
      };
    });
  };

  /** Links two cases the caller can both see. */
  const linkCases = (ctx: Context, id: string, input: { toCaseId: string; kind: CaseLinkKind }) => {
    requirePermission(ctx.actor, 'case:update');
    return command(ctx, id, async (current, repo, now) => {
      if (input.toCaseId === current.id) {
        throw new AppError(ErrorCode.ValidationFailed, 'A case is not linked to itself', [
          { field: '/body/toCaseId', message: 'is this case' },
        ]);
      }
      const other = await loadVisibleCase(repo, ctx, input.toCaseId).catch(() => {
        throw new AppError(ErrorCode.NotFound, 'No such case', [{ field: '/body/toCaseId', message: 'no such case' }]);
      });
      // Links and merges show each case's content to the other's readers: they stay within one site.
      if (other.siteId !== current.siteId) {
        throw new AppError(ErrorCode.RuleViolated, 'Only cases of the same site can be linked', [
          { field: '/body/toCaseId', message: 'belongs to another site' },
        ]);
      }
      const added = await repo.insertLink({
        id: newId('lnk', now),
        fromCaseId: current.id,
        toCaseId: other.id,
        kind: input.kind,
        merged: false,
        createdBy: actorId(ctx.actor),
        createdAt: now,
      });
      if (!added) throw new AppError(ErrorCode.Conflict, 'These cases are already linked');
      await appendCaseEvents(
        repo,
        ctx,
        other.id,
        [{ type: 'case.linked', payload: { caseId: current.id, ref: current.ref, kind: input.kind } }],
        now,
      );
      return {
        case: current,
        events: [{ type: 'case.linked', payload: { caseId: other.id, ref: other.ref, kind: input.kind } }],
      };
    });
  };

  /** Merges a duplicate into this case: the duplicate is closed as merged; both timelines stay and show here. */
  const mergeCase = (ctx: Context, id: string, duplicateId: string) => {
    requirePermission(ctx.actor, 'case:merge');
    return command(ctx, id, async (current, repo, now) => {
      if (current.status === 'closed') throw new AppError(ErrorCode.RuleViolated, 'Merge into an open case');
      if (duplicateId === current.id) {
        throw new AppError(ErrorCode.ValidationFailed, 'A case is not merged into itself', [
          { field: '/body/duplicateId', message: 'is this case' },
        ]);
      }
      const duplicate = await loadVisibleCase(repo, ctx, duplicateId, true).catch(() => {
        throw new AppError(ErrorCode.NotFound, 'No such case', [
          { field: '/body/duplicateId', message: 'no such case' },
        ]);
      });
      if (duplicate.siteId !== current.siteId) {
        throw new AppError(ErrorCode.RuleViolated, 'Only cases of the same site can be merged', [
          { field: '/body/duplicateId', message: 'belongs to another site' },
        ]);
      }
      const closed = closeAsMerged(duplicate, current.id, now);
      await repo.saveCase(closed.case);
      await appendCaseEvents(repo, ctx, duplicate.id, closed.events, now);
      await repo.insertLink({
        id: newId('lnk', now),
        fromCaseId: current.id,
        toCaseId: duplicate.id,
        kind: 'duplicate',
        merged: true,
        createdBy: actorId(ctx.actor),
        createdAt: now,
      });
      return {
        case: { ...current, updatedAt: now },
        events: [{ type: 'case.duplicate_merged', payload: { duplicateId: duplicate.id, ref: duplicate.ref } }],
      };
    });
  };

  /**
   * Records the resolution (text, temporary or final, root cause). A case still being worked moves
   * to resolution_proposed: the customer is asked next.
   */
  const recordCaseResolution = (ctx: Context, id: string, input: ResolutionBody) => {
    requirePermission(ctx.actor, 'case:transition');
    return command(ctx, id, async (current, repo, now) => {
      await requireRootCause(repo, input.rootCauseId, '/body/rootCauseId');
      const recorded = recordResolution(current, input, actorId(ctx.actor), now);
      if (!TRANSITIONS.propose_resolution.from.includes(current.status)) return recorded;
      const proposed = transition(recorded.case, 'propose_resolution', {}, now);
      return { case: proposed.case, events: [...recorded.events, ...proposed.events] };
    });
  };

  /** Records whether the customer accepted the decision; closing needs this either way. */
  const recordDecision = (ctx: Context, id: string, input: CustomerDecisionBody) => {
    requirePermission(ctx.actor, 'case:transition');
    return command(ctx, id, async (current, _repo, now) =>
      recordCustomerDecision(current, input, actorId(ctx.actor), now),
    );
  };

  return {
    transitionCase,
    handOffCase,
    updateCase,
    addNote,
    recordMessage,
    logCall,
    addKeyPerson,
    linkCases,
    mergeCase,
    recordCaseResolution,
    recordDecision,
  };
};
