import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { EarlyWarningDto, EarlyWarningQuery, ErrorResponses } from '@redress/contract';
import { presentEarlyWarning } from './oversight.presenter.ts';
import type { OversightService } from './oversight.service.ts';

/** The manager's early-warning board (the console's board reads this). */
export const oversightRoutes =
  ({ oversight }: { oversight: OversightService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/early-warning',
      {
        config: { access: 'oversight:read' },
        schema: {
          tags: ['oversight'],
          summary:
            'Clocks about to breach or breached, promises due or overdue, escalations and approvals waiting per level, at my sites',
          querystring: EarlyWarningQuery,
          response: { 200: EarlyWarningDto, ...ErrorResponses },
        },
      },
      async (request) => presentEarlyWarning(await oversight.earlyWarning(request.ctx, request.query)),
    );
  };
