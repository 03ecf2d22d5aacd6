import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponses, QueueCountsDto, QueueCountsQuery } from '@redress/contract';
import { presentQueueCounts } from './queues.presenter.ts';
import type { QueueService } from './queues.service.ts';

/** `GET /queues`: the agent's queue counts. Each queue's cases are listed by `GET /cases?queue=…`. */
export const queuesRoutes =
  ({ queues }: { queues: QueueService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/queues',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['cases'],
          summary:
            'How many cases wait in each of my queues: mine, unassigned, due soon, escalated, waiting on internal help, waiting on the customer',
          description: 'Counted at the sites you may see, as `GET /cases?queue=…` lists them.',
          querystring: QueueCountsQuery,
          response: { 200: QueueCountsDto, ...ErrorResponses },
        },
      },
      async (request) => presentQueueCounts(await queues.countQueues(request.ctx, request.query)),
    );
  };
