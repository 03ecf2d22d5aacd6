import { Type, type Static } from 'typebox';
import { LocaleSchema } from './users.ts';
import { CaseSummaryDto, MessageDirections } from './cases.ts';

/**
 * "Log a call" (`POST /api/v1/calls`): the quick entry for a phone complaint. The caller is matched
 * by number; the call goes on the case named, else on the caller's most recently active open case,
 * else a new phone case is opened from what the caller said.
 */

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });

export const LogCallBody = Type.Object(
  {
    phone: Type.String({
      minLength: 3,
      maxLength: 40,
      description:
        "The caller's number as the phone system shows it; with its country code unless `language` implies one.",
    }),
    name: Type.Optional(Text(200, "The caller's name, for a caller not known yet.")),
    language: Type.Optional(LocaleSchema),
    caseId: Type.Optional(Id),
    newCase: Type.Optional(Type.Boolean({ description: 'Open a new case even when the caller has one open.' })),
    direction: Type.Optional(Type.Enum(MessageDirections, { default: 'inbound' })),
    startedAt: Type.String({ format: 'date-time' }),
    durationSeconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
    outcome: Text(500),
    summary: Type.Optional(Text(10_000)),
    description: Type.Optional(Text(20_000, 'What the caller said, in their words: needed when a case is opened.')),
    subject: Type.Optional(Text(300)),
    categoryId: Type.Optional(Id),
    siteId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type LogCallBody = Static<typeof LogCallBody>;

export const LoggedCallDto = Type.Object({
  case: CaseSummaryDto,
  /** A new case was opened for this call. */
  created: Type.Boolean(),
  customer: Type.Object({
    id: Type.String(),
    /** The number matched a known customer. */
    known: Type.Boolean(),
  }),
  /** The caller's other open cases the caller may see, newest activity first (ids). */
  otherOpenCaseIds: Type.Array(Type.String()),
});
export type LoggedCallDto = Static<typeof LoggedCallDto>;
