/** The reports module's public door: managers' figures over a range and the team's workload. */
export { createReportsService, type ReportsService, type ReportsServiceDeps } from './reports.service.ts';
export type {
  CategoryCount,
  CategoryInfo,
  ClockCounts,
  DayCount,
  PromiseCounts,
  ReportRange,
  ReportsRepository,
  SiteFilter,
  WorkloadRow,
} from './reports.repository.ts';
export { reportsRoutes } from './reports.routes.ts';
