import type { ReportQuery } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { scopeOf, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { everyDay, orderClockCounts, orderWorkload, reportRange, reportSites, volumeByCategory } from './reports.ts';
import type { ReportsRepository } from './reports.repository.ts';

export interface ReportsServiceDeps {
  readonly store: UnitOfWork<ReportsRepository>;
  readonly clock: Clock;
}

/** Figures for managers: read-only, counted in SQL over the cases at the caller's sites. */
export const createReportsService = ({ store, clock }: ReportsServiceDeps) => {
  /**
   * Volume by category and by UTC day for cases opened in `[from, to)`, clock compliance for
   * clocks due in it, and promises due in it by outcome.
   */
  const overview = async (ctx: Context, query: ReportQuery) => {
    requirePermission(ctx.actor, 'oversight:read');
    const now = clock.now();
    const range = reportRange(query, now);
    const sites = reportSites(scopeOf(ctx.actor), query.siteId);
    const repo = store.read;
    const [byCategory, byDay, clocks, promises, categories] = await Promise.all([
      repo.casesByCategory(sites, range),
      repo.casesByDay(sites, range),
      repo.clockCompliance(sites, range, now),
      repo.promiseOutcomes(sites, range, now),
      repo.categories(),
    ]);
    return {
      ...range,
      volumeByCategory: volumeByCategory(byCategory, categories, query.rollUp ?? false),
      volumeByDay: everyDay(byDay, range),
      clockCompliance: orderClockCounts(clocks),
      promises,
    };
  };

  /** What each active person at the caller's sites carries now. */
  const workload = async (ctx: Context) => {
    requirePermission(ctx.actor, 'oversight:read');
    const now = clock.now();
    const rows = await store.read.workload(reportSites(scopeOf(ctx.actor)), now);
    return { generatedAt: now, items: orderWorkload(rows) };
  };

  return { overview, workload };
};

export type ReportsService = ReturnType<typeof createReportsService>;
export type ReportOverview = Awaited<ReturnType<ReportsService['overview']>>;
export type Workload = Awaited<ReturnType<ReportsService['workload']>>;
