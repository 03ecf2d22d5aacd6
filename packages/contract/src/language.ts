import { Type, type Static } from 'typebox';
import { EscalationSignals } from './escalation.ts';
import { Locales } from './users.ts';

/**
 * Text analysis (the `language` module): the language of a customer's message, the escalation
 * signals in it with the words behind each, a risk score, and suggested categories. The shapes of
 * `POST /analyze` and of each line `npx redress analyze` writes are fixed: outside checks read them.
 */

/** Longest text analysed in one request, in characters. */
export const MAX_ANALYZE_CHARS = 50_000;

export const AnalyzeBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: MAX_ANALYZE_CHARS }),
    language: Type.Optional(Type.Enum([...Locales], { description: 'Skip detection: en, zh-TW, zh-CN or th.' })),
  },
  { additionalProperties: false },
);
export type AnalyzeBody = Static<typeof AnalyzeBody>;

export const RiskLevels = ['low', 'medium', 'high', 'critical'] as const;
export type RiskLevel = (typeof RiskLevels)[number];

export const SignalFindingDto = Type.Object({
  kind: Type.Enum([...EscalationSignals]),
  evidence: Type.String({ description: 'The words in the text that triggered it, as written.' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
});
export type SignalFindingDto = Static<typeof SignalFindingDto>;

export const RiskDto = Type.Object({
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  level: Type.Enum([...RiskLevels]),
});
export type RiskDto = Static<typeof RiskDto>;

export const CategorySuggestionDto = Type.Object({
  id: Type.String({ description: 'A category id (`cat_…`).' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
});
export type CategorySuggestionDto = Static<typeof CategorySuggestionDto>;

export const AnalyzeResultDto = Type.Object({
  language: Type.Enum([...Locales]),
  signals: Type.Array(SignalFindingDto),
  risk: RiskDto,
  categories: Type.Array(CategorySuggestionDto),
});
export type AnalyzeResultDto = Static<typeof AnalyzeResultDto>;

/**
 * The signal lexicon an administrator extends. Entries are per rule family: `en`, `zh` (one for
 * Traditional, Simplified and Cantonese written forms: entries are folded before matching) and `th`.
 */
export const LexiconLanguages = ['en', 'zh', 'th'] as const;
export const LexiconEntryKinds = ['phrase', 'pattern'] as const;

export const CreateLexiconEntryBody = Type.Object(
  {
    signal: Type.Enum([...EscalationSignals]),
    language: Type.Enum([...LexiconLanguages], { description: 'en, zh (both scripts) or th.' }),
    kind: Type.Enum([...LexiconEntryKinds], {
      description: 'Prefer `phrase` (matched literally, folded); `pattern` is a checked regular expression.',
    }),
    text: Type.String({ minLength: 1, maxLength: 200 }),
    negatable: Type.Optional(
      Type.Boolean({ description: 'A negation just before it cancels it ("not asking for a refund"). Default true.' }),
    ),
    confidence: Type.Optional(Type.Number({ minimum: 0.05, maximum: 0.99, description: 'Default 0.8.' })),
  },
  { additionalProperties: false },
);
export type CreateLexiconEntryBody = Static<typeof CreateLexiconEntryBody>;

export const LexiconEntryDto = Type.Object({
  id: Type.String({ description: 'A lexicon entry id (`lex_…`).' }),
  signal: Type.Enum([...EscalationSignals]),
  language: Type.Enum([...LexiconLanguages]),
  kind: Type.Enum([...LexiconEntryKinds]),
  text: Type.String(),
  negatable: Type.Boolean(),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  createdBy: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
});
export type LexiconEntryDto = Static<typeof LexiconEntryDto>;

export const BuiltInLexiconSummaryDto = Type.Object({
  signal: Type.Enum([...EscalationSignals]),
  language: Type.Enum([...LexiconLanguages]),
  rules: Type.Integer({ minimum: 0, description: 'Built-in rules for this signal in this language.' }),
});
export type BuiltInLexiconSummaryDto = Static<typeof BuiltInLexiconSummaryDto>;

export const LexiconDto = Type.Object({
  builtIn: Type.Array(BuiltInLexiconSummaryDto),
  entries: Type.Array(LexiconEntryDto),
});
export type LexiconDto = Static<typeof LexiconDto>;

export const CaseSignalDto = Type.Object({
  kind: Type.Enum([...EscalationSignals]),
  evidence: Type.String({ description: 'The words that triggered it, as the customer wrote them.' }),
  confidence: Type.Number({ minimum: 0, maximum: 1 }),
  source: Type.Enum(['description', 'message'], { description: 'Which of the customer’s texts it is in.' }),
  eventId: Type.Union([Type.String(), Type.Null()], {
    description: 'The message’s timeline event; null for the description.',
  }),
  start: Type.Integer({ minimum: 0, description: 'UTF-16 offset of the evidence in that text.' }),
  end: Type.Integer({ minimum: 0 }),
});
export type CaseSignalDto = Static<typeof CaseSignalDto>;

/** `GET /cases/:id/risk`: the signals in the customer's words across the case, and its risk. */
export const CaseRiskDto = Type.Object({
  caseId: Type.String(),
  language: Type.Enum([...Locales]),
  signals: Type.Array(CaseSignalDto, { description: 'One per kind: the strongest evidence of it.' }),
  facts: Type.Object({
    inboundContacts: Type.Integer({
      minimum: 0,
      description: 'Messages and calls from the customer after the complaint.',
    }),
    reopened: Type.Boolean(),
    safety: Type.Boolean(),
  }),
  risk: RiskDto,
});
export type CaseRiskDto = Static<typeof CaseRiskDto>;
