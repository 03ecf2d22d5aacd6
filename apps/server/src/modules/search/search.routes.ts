import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponses, SearchQuery, SearchResultDto } from '@redress/contract';
import { presentSearchResult } from './search.presenter.ts';
import type { SearchService } from './search.service.ts';

/** Full-text search over the cases the caller may see. */
export const searchRoutes =
  ({ search }: { search: SearchService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/search',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['search'],
          summary:
            'Cases whose subject, description, messages, notes, call summaries or customer name contain every term, ranked, with highlights',
          querystring: SearchQuery,
          response: { 200: SearchResultDto, ...ErrorResponses },
        },
      },
      async (request) => presentSearchResult(await search.search(request.ctx, request.query)),
    );
  };
