import { Type, type Static } from 'typebox';
import { CategoryKinds } from './cases.ts';
import { MAX_ANALYZE_CHARS } from './language.ts';
import { Locales } from './users.ts';

/**
 * Category suggestions (the `language` module): the categories a complaint most likely belongs
 * to, learnt from the organisation's own closed cases (or, before there are any, from the category
 * names), and whether it is about product quality or the service process.
 */

/** How many suggestions a caller may ask for. */
export const MAX_CATEGORY_SUGGESTIONS = 10;

export const CategorySuggestionsQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CATEGORY_SUGGESTIONS, default: 3 })) },
  { additionalProperties: false },
);
export type CategorySuggestionsQuery = Static<typeof CategorySuggestionsQuery>;

export const SuggestCategoriesBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: MAX_ANALYZE_CHARS }),
    language: Type.Optional(
      Type.Enum([...Locales], {
        description: 'The language to name the categories in; detected from the text when absent.',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_CATEGORY_SUGGESTIONS, default: 3 })),
  },
  { additionalProperties: false },
);
export type SuggestCategoriesBody = Static<typeof SuggestCategoriesBody>;

export const SuggestedCategoryDto = Type.Object({
  id: Type.String({ description: 'A category id (`cat_…`).' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  name: Type.Optional(
    Type.String({ description: "The category's name in the text's language (English when it has none)." }),
  ),
});
export type SuggestedCategoryDto = Static<typeof SuggestedCategoryDto>;

export const KindSuggestionDto = Type.Object({
  kind: Type.Enum([...CategoryKinds]),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
});
export type KindSuggestionDto = Static<typeof KindSuggestionDto>;

export const CategorySuggestionsDto = Type.Object({
  categories: Type.Array(SuggestedCategoryDto, { description: 'Most likely first.' }),
  kind: Type.Union([KindSuggestionDto, Type.Null()], {
    description: 'Product quality or service process; null when no category is configured.',
  }),
});
export type CategorySuggestionsDto = Static<typeof CategorySuggestionsDto>;
