import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { Locales } from './users.ts';

/**
 * Best answers (pillar 6): replies that worked, kept per category and language, offered in the
 * composer for the case's category (and its parent categories), then the general ones
 * (`categoryId: null`). Administrators keep them in all four languages.
 */
const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });

export const BestAnswerDto = Type.Object({
  id: Type.String({ description: '`ans_…`' }),
  categoryId: Nullable(Type.String()),
  language: Type.Enum(Locales),
  title: Type.String(),
  body: Type.String({ description: 'Plain text; `{{customerName}}` and `{{caseRef}}` are filled in by the composer.' }),
  createdAt: DateTime,
  updatedAt: DateTime,
  updatedBy: Nullable(Type.String({ description: "The editor's name." })),
});
export type BestAnswerDto = Static<typeof BestAnswerDto>;

export const BestAnswerListQuery = Type.Object(
  {
    categoryId: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 64,
        pattern: '^[a-z]+_[0-9A-Za-z]+$',
        description: 'Answers for this category, its parent categories, then the general ones: nearest first.',
      }),
    ),
    language: Type.Optional(Type.Enum(Locales)),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the title or body.' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type BestAnswerListQuery = Static<typeof BestAnswerListQuery>;

export const BestAnswerList = Type.Object({ items: Type.Array(BestAnswerDto) });
export type BestAnswerList = Static<typeof BestAnswerList>;

export const CreateBestAnswerBody = Type.Object(
  {
    categoryId: Type.Optional(Nullable(Id)),
    language: Type.Enum(Locales),
    title: Type.String({ minLength: 1, maxLength: 200 }),
    body: Type.String({ minLength: 1, maxLength: 10_000 }),
  },
  { additionalProperties: false },
);
export type CreateBestAnswerBody = Static<typeof CreateBestAnswerBody>;

export const UpdateBestAnswerBody = Type.Partial(CreateBestAnswerBody, { additionalProperties: false });
export type UpdateBestAnswerBody = Static<typeof UpdateBestAnswerBody>;

export const BestAnswerParams = Type.Object({ id: Id }, { additionalProperties: false });
