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
