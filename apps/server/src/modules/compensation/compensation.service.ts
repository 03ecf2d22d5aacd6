import type { ProposeCompensationBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { appendCaseEvents, loadVisibleCase } from '../cases/index.ts';
import { authorityCovers, levelForActor, requiredRankFor, type LadderLevel } from '../escalation/index.ts';
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

const levelOf = (ctx: Context, levels: readonly LadderLevel[]): LadderLevel | undefined =>
  ctx.actor.kind === 'user' ? levelForActor(levels, ctx.actor.role, ctx.actor.scope.teamIds) : undefined;

/**
 * Compensation and remedies (article 003): proposed on a case, approved by whoever's ladder
 * authority covers it, put to the customer, and delivered on a recorded day.
 */
export const createCompensationService = ({ store, clock }: CompensationServiceDeps) => {
  /** Loads a compensation on a case the caller can see; otherwise not-found, alike. */
  const loadVisible = async (port: CompensationStore, ctx: Context, id: string): Promise<Compensation> => {
    const found = await port.compensation.find(id);
    if (!found) throw notFound();
    await loadVisibleCase(port.cases, ctx, found.caseId, true).catch(() => {
      throw notFound();
    });
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
      await port.compensation.save(result.compensation, now);
      await appendCaseEvents(port.cases, ctx, current.caseId, result.events, now);
      return result.compensation;
    });
  };

  /**
   * Proposes a remedy. Its required rank is the lowest level whose authority covers it; when the
   * proposer's own level covers it, it is approved at once (see `proposeCompensation`). Otherwise
   * `compensation.proposed` carries `requiredRank`, so that level hears of it.
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
      const mine = levelOf(ctx, levels);
      const result = proposeCompensation(
        { ...proposal, requiredRank },
        mine !== undefined && authorityCovers(mine, remedy),
      );
      await port.compensation.insert(result.compensation);
      await appendCaseEvents(port.cases, ctx, current.id, result.events, now);
      return result.compensation;
    });
  };

  /** Approves or rejects: only someone whose level's authority covers the remedy; others wait for it. */
  const decide = (ctx: Context, id: string, decision: 'approve' | 'reject', note: string | undefined) => {
    requirePermission(ctx.actor, 'compensation:approve');
    return change(ctx, id, async (current, port, now) => {
      const mine = levelOf(ctx, await port.compensation.listLevels());
      if (ctx.actor.kind !== 'system' && (!mine || !authorityCovers(mine, current))) {
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
