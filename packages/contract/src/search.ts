import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { CaseStatuses } from './cases.ts';

/**
 * Full-text search over cases (`GET /search`): subjects, descriptions, messages, notes, call
 * summaries and customer names, in English, Chinese (either script finds either) and Thai. Terms
 * separated by spaces must all match; each is matched as a phrase (`"cold chain"` keeps a phrase
 * with spaces together). Only cases the caller may see are searched.
 */

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });

export const SearchQuery = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 500, description: 'Words to find; all must match.' }),
    status: Type.Optional(Type.Enum(CaseStatuses)),
    siteId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'Cases created at or after.' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'Cases created before.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type SearchQuery = Static<typeof SearchQuery>;

/** Where a match was found. */
export const SearchFields = ['subject', 'description', 'message', 'note', 'call', 'customer'] as const;
export type SearchField = (typeof SearchFields)[number];

export const SearchRangeDto = Type.Object({
  start: Type.Integer({ minimum: 0, description: 'UTF-16 offset in `text`, inclusive.' }),
  end: Type.Integer({ minimum: 0, description: 'UTF-16 offset in `text`, exclusive.' }),
});

export const SearchSnippetDto = Type.Object({
  field: Type.Enum(SearchFields),
  /** The message, note or call the snippet comes from. */
  eventId: Nullable(Type.String()),
  text: Type.String({ description: 'Plain text (never HTML); `…` marks a cut.' }),
  highlights: Type.Array(SearchRangeDto),
});
export type SearchSnippetDto = Static<typeof SearchSnippetDto>;

export const SearchHitDto = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  subject: Nullable(Type.String()),
  status: Type.Enum(CaseStatuses),
  siteId: Nullable(Type.String()),
  createdAt: DateTime,
  score: Type.Number({ description: 'Relevance; higher is better. Comparable within one response only.' }),
  fields: Type.Array(Type.Enum(SearchFields), { description: 'Every field the terms were found in.' }),
  snippet: Nullable(SearchSnippetDto),
});
export type SearchHitDto = Static<typeof SearchHitDto>;

export const SearchResultDto = Type.Object({
  items: Type.Array(SearchHitDto),
  nextCursor: Nullable(Type.String()),
  limited: Type.Boolean({
    description:
      'True when more cases matched than were ranked: the ranking covered the newest matches only. Narrow the query or filter to see older ones.',
  }),
});
export type SearchResultDto = Static<typeof SearchResultDto>;
