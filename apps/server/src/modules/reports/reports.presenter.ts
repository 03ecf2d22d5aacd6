import type { ReportOverviewDto, WorkloadDto } from '@redress/contract';
import type { ReportOverview, Workload } from './reports.service.ts';

/** The overview as the API shows it. */
export const presentOverview = (o: ReportOverview): ReportOverviewDto => ({
  from: o.from.toISOString(),
  to: o.to.toISOString(),
  volumeByCategory: o.volumeByCategory.map((v) => ({
    categoryId: v.categoryId,
    names: v.names,
    count: v.count,
  })),
  volumeByDay: o.volumeByDay.map((d) => ({ day: d.day, count: d.count })),
  clockCompliance: o.clockCompliance.map((c) => ({
    kind: c.kind,
    met: c.met,
    breached: c.breached,
    running: c.running,
  })),
  promises: { ...o.promises },
});

/** The team's workload as the API shows it. */
export const presentWorkload = (w: Workload): WorkloadDto => ({
  generatedAt: w.generatedAt.toISOString(),
  items: w.items.map((r) => ({
    userId: r.userId,
    name: r.name,
    role: r.role,
    openCases: r.openCases,
    breachedClocks: r.breachedClocks,
    openCommitments: r.openCommitments,
    overdueCommitments: r.overdueCommitments,
    openTasks: r.openTasks,
  })),
});
