import type { EarlyWarningQuery } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { scopeOf, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { boardWindows, DEFAULT_HORIZON_HOURS, siteFilterFor, SPIKE_DAYS } from './oversight.ts';
import type { OversightRepository } from './oversight.repository.ts';

export interface OversightServiceDeps {
  readonly store: UnitOfWork<OversightRepository>;
  readonly clock: Clock;
}

/** The manager's early-warning board: read-only, narrowed to the caller's sites. */
export const createOversightService = ({ store, clock }: OversightServiceDeps) => {
  /**
   * What is about to go wrong within `hours` and what already has, at the caller's sites:
   * clocks, promises, escalations waiting per level, approvals waiting per level, and bursts of
   * similar complaints.
   */
  const earlyWarning = async (ctx: Context, query: EarlyWarningQuery) => {
    requirePermission(ctx.actor, 'oversight:read');
    const now = clock.now();
    const hours = query.hours ?? DEFAULT_HORIZON_HOURS;
    const limit = query.limit ?? 50;
    const sites = siteFilterFor(scopeOf(ctx.actor));
    const { dueSoon, overdue, horizon } = boardWindows(now, hours);
    const repo = store.read;
    const spikesSince = new Date(now.getTime() - SPIKE_DAYS * 86_400_000);
    const [
      clocksDueSoon,
      clocksBreached,
      commitmentsDueSoon,
      commitmentsOverdue,
      escalations,
      approvals,
      names,
      spikes,
    ] = await Promise.all([
      repo.clocksDue(sites, dueSoon, limit),
      repo.clocksDue(sites, overdue, limit),
      repo.commitmentsDue(sites, dueSoon, limit),
      repo.commitmentsDue(sites, overdue, limit),
      repo.escalationsWaiting(sites, limit),
      repo.approvalsWaiting(sites, limit),
      repo.levelNames(),
      repo.spikesRaised(sites, spikesSince, limit),
    ]);
    return {
      now,
      hours,
      horizon,
      clocksDueSoon,
      clocksBreached,
      commitmentsDueSoon,
      commitmentsOverdue,
      escalations,
      approvals,
      names,
      spikes,
    };
  };
  return { earlyWarning };
};

export type OversightService = ReturnType<typeof createOversightService>;
export type EarlyWarning = Awaited<ReturnType<OversightService['earlyWarning']>>;
