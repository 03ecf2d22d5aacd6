import type { CompensationStatus, ProposeCompensationBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode, isAppError } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { appendCaseEvents, loadVisibleCase } from '../cases/index.ts';
import { remedyAuthority, requiredRankFor, type LadderLevel, type Remedy } from '../escalation/index.ts';
import {
  decideCompensation,
  proposeCompensation,
  recordCustomerResponse,
  recordDelivery,
  type Compensation,
  type CompensationChange,
} from './compensation.ts';
import type { CompensationStore } from './compensation.repository.ts';

export interface CompensationServiceDeps {
  readonly store: UnitOfWork<CompensationStore>;
  readonly clock: Clock;
}

const notFound = () => new AppError(ErrorCode.NotFound, 'No such compensation');

/**
 * Whether `ctx`'s user may decide `remedy` themselves: `remedyAuthority` (the role's level, never a
 * team's), the one rule for approving at proposal and for approve/reject.
 */
const decidesItself = (ctx: Context, levels: readonly LadderLevel[], remedy: Remedy): boolean =>
  ctx.actor.kind === 'user' && remedyAuthority(levels, ctx.actor.role, remedy).covers;

/** Not-found and forbidden from the case become this compensation's not-found; anything else is real. */
const asNotFound = (error: unknown): never => {
  if (isAppError(error) && (error.code === ErrorCode.NotFound || error.code === ErrorCode.Forbidden)) throw notFound();
  throw error;
};

/** The row changed under us (another request decided it first): a coded conflict, never a second success. */
const changedMeanwhile = (expected: CompensationStatus) =>
  new AppError(ErrorCode.Conflict, `The proposal is no longer ${expected}; reload it`);

/**
 * Compensation and remedies (article 003): proposed on a case, approved by whoever's ladder
 * authority covers it, put to the customer, and delivered on a recorded day.
 */
export const createCompensationService = ({ store, clock }: CompensationServiceDeps) => {
  /**
   * Loads a compensation on a case the caller can see; otherwise not-found, alike. The case row is
   * locked first and the compensation read after it, so two requests on one compensation take
   * turns and the second sees the first's result.
   */
  const loadVisible = async (port: CompensationStore, ctx: Context, id: string): Promise<Compensation> => {
    const seen = await port.compensation.find(id);
    if (!seen) throw notFound();
    await loadVisibleCase(port.cases, ctx, seen.caseId, true).catch(asNotFound);
    const found = await port.compensation.find(id);
    if (!found) throw notFound();
    return found;
  };

  const change = async (
    ctx: Context,
    id: string,
    apply: (
      current: Compensation,
      port: CompensationStore,
      now: Date,
    ) => Promise<{ compensation: Compensation; events: CompensationChange[] }>,
  ): Promise<Compensation> => {
    const now = clock.now();
    return store.write(async (port) => {
      const current = await loadVisible(port, ctx, id);
      const result = await apply(current, port, now);
      // Conditional on the status we read: a second writer that slipped past the lock changes nothing.
      if (!(await port.compensation.save(result.compensation, now, current.status))) {
        throw changedMeanwhile(current.status);
      }
      await appendCaseEvents(port.cases, ctx, current.caseId, result.events, now);
      return result.compensation;
    });
  };

  /**
   * Proposes a remedy. Its required rank is the lowest level whose authority covers it; when the
   * proposer may decide it themselves (`remedyAuthority`: their role's level covers it, rank 0
   * included) it is approved at once (see `proposeCompensation`) — exactly when `approve` would
   * let them. Otherwise `compensation.proposed` carries `requiredRank`, so that level hears of it.
   */
  const propose = async (ctx: Context, caseId: string, body: ProposeCompensationBody): Promise<Compensation> => {
    requirePermission(ctx.actor, 'compensation:propose');
    const description = body.description.trim();
    if (!description) {
      throw new AppError(ErrorCode.ValidationFailed, 'Describe the remedy', [
        { field: '/body/description', message: 'must not be blank' },
      ]);
    }
    const now = clock.now();
    return store.write(async (port) => {
      const current = await loadVisibleCase(port.cases, ctx, caseId, true);
      if (current.status === 'closed') throw new AppError(ErrorCode.RuleViolated, 'A closed case gets no new remedy');
      const levels = await port.compensation.listLevels();
      const remedy = { kind: body.kind, amount: body.amount ?? null, currency: body.currency ?? null };
      const proposal = {
        id: newId('cmp', now),
        caseId: current.id,
        ...remedy,
        description,
        requiredRank: 0,
        proposedBy: actorId(ctx.actor),
        proposedAt: now,
      };
      // Shape first (amount with currency …), then authority.
      proposeCompensation(proposal, false);
      const requiredRank = requiredRankFor(levels, remedy);
      if (requiredRank === undefined) {
        throw new AppError(ErrorCode.RuleViolated, 'No level of the ladder may approve this remedy', [
          { field: '/body/kind', message: 'no level’s authority covers this kind, amount and currency' },
        ]);
      }
      const result = proposeCompensation({ ...proposal, requiredRank }, decidesItself(ctx, levels, remedy));
      await port.compensation.insert(result.compensation);
      await appendCaseEvents(port.cases, ctx, current.id, result.events, now);
      return result.compensation;
    });
  };

  /**
   * Approves or rejects: only someone who may decide the remedy (`remedyAuthority`, the same rule
   * as approval at proposal); others wait for it. The system actor decides anything.
   */
  const decide = (ctx: Context, id: string, decision: 'approve' | 'reject', note: string | undefined) => {
    requirePermission(ctx.actor, 'compensation:approve');
    return change(ctx, id, async (current, port, now) => {
      if (ctx.actor.kind !== 'system' && !decidesItself(ctx, await port.compensation.listLevels(), current)) {
        throw new AppError(
          ErrorCode.RuleViolated,
          `This remedy is beyond your level's authority; it waits for rank ${current.requiredRank}`,
        );
      }
      return decideCompensation(current, decision, actorId(ctx.actor), note?.trim() || null, now);
    });
  };

  const respond = (ctx: Context, id: string, input: { accepted: boolean; note?: string | undefined }) => {
    requirePermission(ctx.actor, 'compensation:propose');
    return change(ctx, id, async (current, _port, now) =>
      recordCustomerResponse(current, input.accepted, input.note?.trim() || null, now),
    );
  };

  const deliver = (ctx: Context, id: string, deliveredAt: string) => {
    requirePermission(ctx.actor, 'compensation:propose');
    return change(ctx, id, async (current, _port, now) => recordDelivery(current, new Date(deliveredAt), now));
  };

  const listForCase = async (ctx: Context, caseId: string): Promise<Compensation[]> => {
    requirePermission(ctx.actor, 'case:read');
    await loadVisibleCase(store.read.cases, ctx, caseId);
    return store.read.compensation.listForCase(caseId);
  };

  return {
    propose,
    approve: (ctx: Context, id: string, note?: string) => decide(ctx, id, 'approve', note),
    reject: (ctx: Context, id: string, note?: string) => decide(ctx, id, 'reject', note),
    respond,
    deliver,
    listForCase,
  };
};

export type CompensationService = ReturnType<typeof createCompensationService>;
