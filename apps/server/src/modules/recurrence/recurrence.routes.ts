import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseParams, ErrorResponses, SimilarCasesDto, SimilarCasesQuery } from '@redress/contract';
import { presentSimilarCases } from './recurrence.presenter.ts';
import type { RecurrenceService } from './recurrence.service.ts';

/** "Is this one of many?": a case's similar cases and the weekly counts of their cluster. */
export const recurrenceRoutes =
  ({ recurrence }: { recurrence: RecurrenceService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/cases/:id/similar',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['recurrence'],
          summary:
            'Near-duplicate and same-cause cases at my sites (open, or opened in the last 90 days) and their counts per ISO week',
          params: CaseParams,
          querystring: SimilarCasesQuery,
          response: { 200: SimilarCasesDto, ...ErrorResponses },
        },
      },
      async (request) =>
        presentSimilarCases(await recurrence.similarCases(request.ctx, request.params.id, request.query)),
    );
  };
