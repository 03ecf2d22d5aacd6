import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseParams, ClockList, ErrorResponses } from '@redress/contract';
import { presentClock } from './clock.presenter.ts';
import type { ClockService } from './clocks.service.ts';

/** A case's service clocks: what was promised by when, and how much of the time is used. */
export const clocksRoutes =
  ({ clocks }: { clocks: ClockService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/cases/:id/clocks',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['clocks'],
          summary: "A case's service clocks (acknowledge, respond, keep in the loop, resolve, tasks, promises)",
          params: CaseParams,
          response: { 200: ClockList, ...ErrorResponses },
        },
      },
      async (request) => ({
        items: (await clocks.listCaseClocks(request.ctx, request.params.id)).map(presentClock),
      }),
    );
  };
