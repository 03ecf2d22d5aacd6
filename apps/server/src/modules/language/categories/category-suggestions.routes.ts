import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseParams,
  CategorySuggestionsDto,
  CategorySuggestionsQuery,
  ErrorResponses,
  SuggestCategoriesBody,
} from '@redress/contract';
import type { CategoryModelService, CategorySuggestions } from './category-model.service.ts';

/** The suggestions as the contract shapes them (names omitted when a category has none). */
const present = (suggestions: CategorySuggestions): CategorySuggestionsDto => ({
  categories: suggestions.categories.map((c) => ({
    id: c.id,
    confidence: c.confidence,
    ...(c.name ? { name: c.name } : {}),
  })),
  kind: suggestions.kind && { kind: suggestions.kind.kind, confidence: suggestions.kind.confidence },
});

/** Category suggestions for a case the caller can read, and for a free text (a complaint being typed). */
export const categorySuggestionsRoutes =
  ({ categoryModels }: { categoryModels: CategoryModelService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/cases/:id/category-suggestions',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['cases'],
          summary:
            "Likely categories for the case and whether it is product quality or service process, learnt from the organisation's closed cases",
          params: CaseParams,
          querystring: CategorySuggestionsQuery,
          response: { 200: CategorySuggestionsDto, ...ErrorResponses },
        },
      },
      async (request) =>
        present(await categoryModels.suggestForCase(request.ctx, request.params.id, request.query.limit)),
    );

    app.post(
      '/categories/suggest',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['cases'],
          summary: 'Likely categories for a complaint text, before it is filed',
          body: SuggestCategoriesBody,
          response: { 200: CategorySuggestionsDto, ...ErrorResponses },
        },
      },
      async (request) =>
        present(
          await categoryModels.suggestForText(
            request.ctx,
            { text: request.body.text, language: request.body.language },
            request.body.limit,
          ),
        ),
    );
  };
