import { Type, type Static } from 'typebox';
import { Locales } from './users.ts';

/**
 * The reply coach (pillar 6): `POST /replies/check` reads an agent's draft against the case — the
 * customer's name, their own words, the open promises, the site's time zone — and returns findings
 * with the words behind each and what to do about it. Nothing is saved.
 */

/** Longest draft checked in one request, in characters. */
export const MAX_DRAFT_CHARS = 20_000;

/**
 * - `missing_name`: the draft does not address the customer by name (any of their name forms,
 *   陳小姐 / 王先生, คุณสมชาย);
 * - `no_restatement`: it does not restate the problem in the customer's own words;
 * - `no_next_step`: no concrete next step with a time (ours, or what we ask of the customer);
 * - `defensive_phrase`: a defensive or blame-shifting phrase ("our policy says", 有关部门);
 * - `ritual_apology_alone`: a stock apology (很抱歉给您带来不便) with neither a restatement nor an
 *   action behind it;
 * - `unbacked_promise`: a promise with a time that no open commitment on the case backs;
 * - `language_mismatch`: the draft is written in another language or script than the customer's.
 */
export const CoachFindingCodes = [
  'missing_name',
  'no_restatement',
  'no_next_step',
  'defensive_phrase',
  'ritual_apology_alone',
  'unbacked_promise',
  'language_mismatch',
] as const;
export type CoachFindingCode = (typeof CoachFindingCodes)[number];

export const CoachSeverities = ['error', 'warning', 'info'] as const;
export type CoachSeverity = (typeof CoachSeverities)[number];

export const CheckReplyBody = Type.Object(
  {
    caseId: Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' }),
    draft: Type.String({ minLength: 1, maxLength: MAX_DRAFT_CHARS, description: 'The reply as the agent wrote it.' }),
  },
  { additionalProperties: false },
);
export type CheckReplyBody = Static<typeof CheckReplyBody>;

export const CoachSpanDto = Type.Object({
  start: Type.Integer({ minimum: 0, description: 'UTF-16 offset into the draft as sent.' }),
  end: Type.Integer({ minimum: 0 }),
  text: Type.String({ description: 'The words there, as written.' }),
});
export type CoachSpanDto = Static<typeof CoachSpanDto>;

export const CoachSuggestionDto = Type.Union([
  Type.Object({
    action: Type.Literal('address_by_name'),
    text: Type.String({ description: 'A greeting to open with.' }),
  }),
  Type.Object({
    action: Type.Literal('use_customer_words'),
    words: Type.Array(Type.String(), { description: "Some of the customer's own words the draft leaves out." }),
  }),
  Type.Object({ action: Type.Literal('add_next_step'), text: Type.String({ description: 'An example next step.' }) }),
  Type.Object({ action: Type.Literal('rephrase'), text: Type.String({ description: 'A better way to say it.' }) }),
  Type.Object({
    action: Type.Literal('create_commitment'),
    dueAt: Type.String({ format: 'date-time' }),
    text: Type.String({ description: 'The promise in the words of the draft, for `POST /cases/:id/commitments`.' }),
  }),
  Type.Object({ action: Type.Literal('write_in_language'), language: Type.Enum([...Locales]) }),
]);
export type CoachSuggestionDto = Static<typeof CoachSuggestionDto>;

export const CoachFindingDto = Type.Object({
  code: Type.Enum([...CoachFindingCodes]),
  severity: Type.Enum([...CoachSeverities]),
  message: Type.String({ description: 'In English; consoles translate `code` with `params`.' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Array(Type.String())])),
  spans: Type.Array(CoachSpanDto),
  suggestion: Type.Union([CoachSuggestionDto, Type.Null()]),
});
export type CoachFindingDto = Static<typeof CoachFindingDto>;

export const ReplyCheckDto = Type.Object({
  language: Type.Enum([...Locales], { description: "The customer's language the draft was read for." }),
  findings: Type.Array(CoachFindingDto),
});
export type ReplyCheckDto = Static<typeof ReplyCheckDto>;
