import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

/**
 * Follow-ups and surveys after resolution (articles 001 and 003). A follow-up is scheduled when a
 * case is resolved — a delay after an instant fix, or after the remedy is recorded as delivered —
 * and cancelled when the customer writes first. It sends the survey.
 */

const DateTime = Type.String({ format: 'date-time' });

export const FollowUpStatuses = ['waiting_remedy', 'scheduled', 'sent', 'cancelled'] as const;
export type FollowUpStatus = (typeof FollowUpStatuses)[number];

/**
 * By e-mail (cases that came by phone or the web); by e-mail plus a phone-call task for the owner
 * (cases that came by e-mail: the extra effort shows, article 001); by a phone-call task alone when
 * the customer gave no e-mail address.
 */
export const FollowUpPlans = ['email', 'email_and_call', 'call'] as const;
export type FollowUpPlan = (typeof FollowUpPlans)[number];

/** Why a customer leaving is leaving (article 003). */
export const LeavingReasons = ['product_quality', 'service', 'resolution'] as const;
export type LeavingReason = (typeof LeavingReasons)[number];

export const SurveyStatuses = ['open', 'answered', 'expired'] as const;
export type SurveyStatus = (typeof SurveyStatuses)[number];

export const SurveyChannels = ['portal', 'email', 'phone', 'agent'] as const;
export type SurveyChannel = (typeof SurveyChannels)[number];

/**
 * The customer's answer. A score of 2 or less, or "not solved", is a poor answer and reopens the
 * case (a fixed rule). Which scores escalate on their own is the `poor_survey` trigger's `maxScore`,
 * a separate setting; an answer that reopens the case is also weighed by the `reopen` trigger.
 */
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

export const SurveyList = Type.Object({ items: Type.Array(SurveyDto) });
export type SurveyList = Static<typeof SurveyList>;

export const FollowUpDto = Type.Object({
  id: Type.String({ description: '`fup_…`' }),
  caseId: Type.String(),
  status: Type.Enum(FollowUpStatuses),
  plan: Type.Enum(FollowUpPlans),
  /** When it goes out; null while it waits for the remedy to be delivered. */
  dueAt: Nullable(DateTime),
  /** The remedy it waits for (`waiting_remedy`). */
  compensationId: Nullable(Type.String()),
  surveyId: Nullable(Type.String()),
  /**
   * Why it was cancelled (customer_wrote, customer_called, case_reopened, case_merged, superseded,
   * followups_disabled), or why it was scheduled without its remedy (remedy_wait_exceeded).
   */
  reason: Nullable(Type.String()),
  /** While it waits for a remedy: when it is scheduled anyway. */
  waitUntil: Nullable(DateTime),
  sentAt: Nullable(DateTime),
  cancelledAt: Nullable(DateTime),
  createdAt: DateTime,
});
export type FollowUpDto = Static<typeof FollowUpDto>;
export const FollowUpList = Type.Object({ items: Type.Array(FollowUpDto) });
export type FollowUpList = Static<typeof FollowUpList>;

/** `GET/PUT /settings/followups`: when follow-ups go out (minutes are calendar minutes). */
export const FollowUpSettings = Type.Object(
  {
    enabled: Type.Boolean(),
    /** After an instant fix: from the resolution (article 001: at least 24 hours). */
    delayMinutes: Type.Integer({ minimum: 0, maximum: 60 * 24 * 90 }),
    /** After the remedy (refund, replacement …) is recorded as delivered. */
    afterRemedyMinutes: Type.Integer({ minimum: 0, maximum: 60 * 24 * 90 }),
    /** How long the survey link stays valid. */
    surveyValidDays: Type.Integer({ minimum: 1, maximum: 365 }),
    /** The longest a follow-up waits for a remedy (from the resolution); then it goes out anyway. Default 30. */
    maxRemedyWaitDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
  },
  { additionalProperties: false },
);
export type FollowUpSettings = Static<typeof FollowUpSettings>;

const PrefixedId = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Z]+$' });
export const CaseSurveyParams = Type.Object({ id: PrefixedId, surveyId: PrefixedId }, { additionalProperties: false });
export type CaseSurveyParams = Static<typeof CaseSurveyParams>;
