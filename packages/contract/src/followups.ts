import { Type, type Static } from 'typebox';

/**
 * Follow-ups and surveys after resolution (articles 001 and 003). A follow-up is scheduled when a
 * case is resolved — a delay after an instant fix, or after the remedy is recorded as delivered —
 * and cancelled when the customer writes first. It sends the survey.
 */

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) => Type.Union([schema, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const FollowUpStatuses = ['waiting_remedy', 'scheduled', 'sent', 'cancelled'] as const;
export type FollowUpStatus = (typeof FollowUpStatuses)[number];

/** By e-mail; by e-mail plus a phone-call task for the owner (cases that came by e-mail). */
export const FollowUpPlans = ['email', 'email_and_call'] as const;
export type FollowUpPlan = (typeof FollowUpPlans)[number];

/** Why a customer leaving is leaving (article 003). */
export const LeavingReasons = ['product_quality', 'service', 'resolution'] as const;
export type LeavingReason = (typeof LeavingReasons)[number];

export const SurveyStatuses = ['open', 'answered', 'expired'] as const;
export type SurveyStatus = (typeof SurveyStatuses)[number];

export const SurveyChannels = ['portal', 'email', 'phone', 'agent'] as const;
export type SurveyChannel = (typeof SurveyChannels)[number];

/** The customer's answer. A score of 2 or less, or "not solved", is a poor answer. */
export const SurveyAnswerBody = Type.Object(
  {
    score: Type.Integer({ minimum: 1, maximum: 5, description: 'Satisfaction, 1 (very poor) to 5 (very good).' }),
    solved: Type.Boolean({ description: 'Was the problem solved?' }),
    effort: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 5, description: 'How easy it was, 1 (very hard) to 5 (very easy).' }),
    ),
    comment: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    leaving: Type.Optional(Type.Boolean({ description: 'The customer says they are leaving.' })),
    leavingReason: Type.Optional(Type.Enum(LeavingReasons)),
  },
  { additionalProperties: false },
);
export type SurveyAnswerBody = Static<typeof SurveyAnswerBody>;

export const SurveyDto = Type.Object({
  id: Type.String({ description: '`srv_…`' }),
  caseId: Type.String(),
  language: Type.String(),
  status: Type.Enum(SurveyStatuses),
  score: Nullable(Type.Integer()),
  solved: Nullable(Type.Boolean()),
  effort: Nullable(Type.Integer()),
  comment: Nullable(Type.String()),
  leaving: Nullable(Type.Boolean()),
  leavingReason: Nullable(Type.Enum(LeavingReasons)),
  answeredVia: Nullable(Type.Enum(SurveyChannels)),
  answeredAt: Nullable(DateTime),
  expiresAt: DateTime,
  createdAt: DateTime,
});
export type SurveyDto = Static<typeof SurveyDto>;
