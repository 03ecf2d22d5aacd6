import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponses, ReportOverviewDto, ReportQuery, WorkloadDto } from '@redress/contract';
import { presentOverview, presentWorkload } from './reports.presenter.ts';
import type { ReportsService } from './reports.service.ts';

const errors = ErrorResponses;
const tags = ['reports'];

/** Managers' reports: volume, clock compliance and promises over a range; the team's workload now. */
export const reportsRoutes =
  ({ reports }: { reports: ReportsService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/reports/overview',
      {
        config: { access: 'oversight:read' },
        schema: {
          tags,
          summary:
            'Cases opened per category and per day, clock compliance and promise outcomes in [from, to) at my sites (default: the last 30 days; at most 366)',
          querystring: ReportQuery,
          response: { 200: ReportOverviewDto, ...errors },
        },
      },
      async (request) => presentOverview(await reports.overview(request.ctx, request.query)),
    );
    app.get(
      '/reports/workload',
      {
        config: { access: 'oversight:read' },
        schema: {
          tags,
          summary:
            'Per active person at my sites: open cases owned, breached clocks on them, open and overdue promises made, open tasks assigned',
          response: { 200: WorkloadDto, ...errors },
        },
      },
      async (request) => presentWorkload(await reports.workload(request.ctx)),
    );
  };
