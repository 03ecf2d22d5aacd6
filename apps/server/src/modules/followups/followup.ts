import type {
  CaseChannel,
  CompensationKind,
  CompensationStatus,
  FollowUpPlan,
  FollowUpSettings,
  FollowUpStatus,
  LeavingReason,
  SurveyAnswerBody,
  SurveyChannel,
  SurveyStatus,
} from '@redress/contract';
import { Locales } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/**
 * Follow-ups and surveys after resolution (articles 001 and 003), as pure rules. "Wait at least
 * 24 hours if it was an instant fix; if an exchange took place, wait until you know the customer
 * received the replacement (or refund)"; by e-mail when the case came by phone, by e-mail and
 * phone when it came by e-mail. Instants are UTC; minutes are calendar minutes.
 */

/** The `org_settings` key the follow-up settings are stored under. */
export const FOLLOWUP_SETTINGS_KEY = 'followups';

/** The settings as the rules use them: every field present. */
export type FollowUpRules = Required<FollowUpSettings>;

export const DEFAULT_FOLLOWUP_SETTINGS: FollowUpRules = {
  enabled: true,
  delayMinutes: 24 * 60,
  afterRemedyMinutes: 24 * 60,
  surveyValidDays: 30,
  maxRemedyWaitDays: 30,
};

/** The longest one-line problem a follow-up restates. */
export const PROBLEM_CHARS = 120;

/**
 * How long the owner has for the follow-up call: one working day (8 working hours) of the case's
 * policy calendar; every minute counts when the case has none.
 */
export const CALL_TASK_WORKING_MINUTES = 8 * 60;

export interface FollowUp {
  readonly id: string;
  readonly caseId: string;
  readonly status: FollowUpStatus;
  readonly plan: FollowUpPlan;
  readonly dueAt: Date | null;
  readonly compensationId: string | null;
  readonly surveyId: string | null;
  readonly reason: string | null;
  /** The resolution event that scheduled it. */
  readonly sourceEventId: string | null;
  /**
   * That event's sequence number: only an event after it (a message, a call, a reopen, a later
   * resolution) changes this follow-up, however late the jobs run.
   */
  readonly sourceSeq: number;
  /** While it waits for a remedy: when it is scheduled anyway. */
  readonly waitUntil: Date | null;
  readonly sentAt: Date | null;
  readonly cancelledAt: Date | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface Survey {
  readonly id: string;
  readonly caseId: string;
  readonly customerId: string;
  readonly followUpId: string | null;
  readonly language: string;
  readonly status: SurveyStatus;
  readonly score: number | null;
  readonly solved: boolean | null;
  readonly effort: number | null;
  readonly comment: string | null;
  readonly leaving: boolean | null;
  readonly leavingReason: LeavingReason | null;
  readonly answeredVia: SurveyChannel | null;
  readonly answeredBy: string | null;
  readonly answeredAt: Date | null;
  readonly expiresAt: Date;
  readonly createdAt: Date;
}

/** A remedy on the case as the follow-up sees it (the compensation module's record). */
export interface RemedyFacts {
  readonly id: string;
  readonly kind: CompensationKind;
  readonly status: CompensationStatus;
  readonly deliveredAt: Date | null;
}

export interface FollowUpChange {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const intIn = (value: unknown, min: number, max: number, fallback: number): number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : fallback;

/** The stored settings with defaults for anything missing or out of range (stored JSON is not trusted). */
export const readFollowUpSettings = (stored: unknown): FollowUpRules => {
  const s = isRecord(stored) ? stored : {};
  const d = DEFAULT_FOLLOWUP_SETTINGS;
  const limit = 60 * 24 * 90;
  return {
    enabled: typeof s.enabled === 'boolean' ? s.enabled : d.enabled,
    delayMinutes: intIn(s.delayMinutes, 0, limit, d.delayMinutes),
    afterRemedyMinutes: intIn(s.afterRemedyMinutes, 0, limit, d.afterRemedyMinutes),
    surveyValidDays: intIn(s.surveyValidDays, 1, 365, d.surveyValidDays),
    maxRemedyWaitDays: intIn(s.maxRemedyWaitDays, 1, 365, d.maxRemedyWaitDays),
  };
};

export const addMinutes = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

const latest = (dates: readonly Date[]): Date => new Date(Math.max(...dates.map((d) => d.getTime())));

/**
 * How the follow-up goes out (article 001): a case that came by e-mail gets an e-mail and a call
 * (the extra effort shows); any other gets an e-mail; without an e-mail address, a call alone.
 * Worked out again when it is sent, from the customer as they are then (merged, new address).
 */
export const planFor = (channel: CaseChannel, hasEmail: boolean): FollowUpPlan =>
  !hasEmail ? 'call' : channel === 'email' ? 'email_and_call' : 'email';

/** Remedies still on their way to the customer: proposed, approved or accepted, not yet delivered. */
const AWAITED: readonly CompensationStatus[] = ['proposed', 'approved', 'accepted'];

/**
 * The remedy a follow-up must wait for: the oldest remedy still proposed, approved or accepted
 * (a proposal is waited for too: it may yet be approved and delivered).
 * Every kind (refund, replacement, repair, voucher, money, goodwill) has a delivery step in the
 * compensation record, and the article's rule is the same for each: ask once the customer has it.
 */
export const awaitedRemedy = (remedies: readonly RemedyFacts[], except?: string): RemedyFacts | undefined =>
  remedies.find((r) => AWAITED.includes(r.status) && r.id !== except);

/**
 * The due time once nothing is awaited: `from` (the resolution plus the delay, or a settled
 * remedy's own due time), and never before `afterRemedyMinutes` after any delivered remedy.
 */
const dueAfterRemedies = (from: Date, remedies: readonly RemedyFacts[], settings: FollowUpRules): Date =>
  latest([
    from,
    ...remedies.flatMap((r) => (r.deliveredAt ? [addMinutes(r.deliveredAt, settings.afterRemedyMinutes)] : [])),
  ]);

/**
 * The follow-up for a case just resolved: waiting for a remedy still on its way (at most
 * `maxRemedyWaitDays` from the resolution), or due `delayMinutes` after the resolution (and not
 * before `afterRemedyMinutes` after a remedy already delivered).
 */
export const scheduleOnResolution = (
  input: {
    readonly id: string;
    readonly caseId: string;
    readonly channel: CaseChannel;
    readonly hasEmail: boolean;
    readonly resolvedAt: Date;
    readonly remedies: readonly RemedyFacts[];
    readonly sourceEventId: string;
    readonly sourceSeq: number;
  },
  settings: FollowUpRules,
  now: Date,
): { followUp: FollowUp; events: FollowUpChange[] } => {
  const waiting = awaitedRemedy(input.remedies);
  const dueAt = waiting
    ? null
    : dueAfterRemedies(addMinutes(input.resolvedAt, settings.delayMinutes), input.remedies, settings);
  const followUp: FollowUp = {
    id: input.id,
    caseId: input.caseId,
    status: waiting ? 'waiting_remedy' : 'scheduled',
    plan: planFor(input.channel, input.hasEmail),
    dueAt,
    compensationId: waiting?.id ?? null,
    surveyId: null,
    reason: null,
    sourceEventId: input.sourceEventId,
    sourceSeq: input.sourceSeq,
    waitUntil: waiting ? addMinutes(input.resolvedAt, settings.maxRemedyWaitDays * 24 * 60) : null,
    sentAt: null,
    cancelledAt: null,
    createdAt: now,
    updatedAt: now,
  };
  return { followUp, events: [{ type: 'followup.scheduled', payload: scheduledPayload(followUp) }] };
};

const scheduledPayload = (f: FollowUp): Record<string, unknown> => ({
  followUpId: f.id,
  status: f.status,
  plan: f.plan,
  dueAt: f.dueAt?.toISOString() ?? null,
  compensationId: f.compensationId,
  ...(f.reason ? { reason: f.reason } : {}),
});

/**
 * How a remedy was settled: delivered on a day, or turned down (the customer declined it, or its
 * approval was refused) by an event at `at` — the event's time, not when its job happens to run.
 */
export type RemedyOutcome =
  { readonly delivered: true; readonly deliveredAt: Date } | { readonly delivered: false; readonly at: Date };

/**
 * A waiting follow-up once its remedy is settled: delivered (due `afterRemedyMinutes` after the
 * delivery) or turned down (due `delayMinutes` after that event). When another remedy is still on
 * its way it waits for that one instead. Undefined when `current` is not waiting on `remedyId`.
 */
export const remedySettled = (
  current: FollowUp,
  remedyId: string,
  outcome: RemedyOutcome,
  remedies: readonly RemedyFacts[],
  settings: FollowUpRules,
  now: Date,
): { followUp: FollowUp; events: FollowUpChange[] } | undefined => {
  if (current.status !== 'waiting_remedy' || current.compensationId !== remedyId) return undefined;
  const next = awaitedRemedy(remedies, remedyId);
  const from = outcome.delivered
    ? addMinutes(outcome.deliveredAt, settings.afterRemedyMinutes)
    : addMinutes(outcome.at, settings.delayMinutes);
  const followUp: FollowUp = next
    ? { ...current, compensationId: next.id, updatedAt: now }
    : {
        ...current,
        status: 'scheduled',
        dueAt: dueAfterRemedies(from, remedies, settings),
        waitUntil: null,
        updatedAt: now,
      };
  return { followUp, events: [{ type: 'followup.scheduled', payload: scheduledPayload(followUp) }] };
};

/**
 * A follow-up that has waited for its remedy as long as it may (`waitUntil`) is scheduled anyway,
 * due at once, saying why. Undefined when it is not waiting or has time left.
 */
export const remedyWaitOver = (
  current: FollowUp,
  now: Date,
): { followUp: FollowUp; events: FollowUpChange[] } | undefined => {
  if (current.status !== 'waiting_remedy' || !current.waitUntil || current.waitUntil > now) return undefined;
  const followUp: FollowUp = {
    ...current,
    status: 'scheduled',
    dueAt: current.waitUntil,
    reason: 'remedy_wait_exceeded',
    updatedAt: now,
  };
  return { followUp, events: [{ type: 'followup.scheduled', payload: scheduledPayload(followUp) }] };
};

/**
 * Why a pending follow-up stops: the customer wrote or called first, the case was reopened or
 * merged into another, a later resolution replaced it, or follow-ups were turned off before it went.
 */
export type CancelReason =
  'customer_wrote' | 'customer_called' | 'case_reopened' | 'case_merged' | 'superseded' | 'followups_disabled';

export const isPending = (f: FollowUp): boolean => f.status === 'waiting_remedy' || f.status === 'scheduled';

/**
 * Cancels a pending follow-up. With `bySeq` (the cancelling event's sequence number) only a
 * follow-up scheduled by an older event is cancelled: a message the customer wrote before the
 * resolution, whose job runs after it, leaves the resolution's follow-up alone.
 */
export const cancelFollowUp = (
  current: FollowUp,
  reason: CancelReason,
  now: Date,
  bySeq?: number,
): { followUp: FollowUp; events: FollowUpChange[] } | undefined => {
  if (!isPending(current)) return undefined;
  if (bySeq !== undefined && current.sourceSeq >= bySeq) return undefined;
  return {
    followUp: { ...current, status: 'cancelled', reason, cancelledAt: now, updatedAt: now },
    events: [{ type: 'followup.cancelled', payload: { followUpId: current.id, reason } }],
  };
};

/**
 * The problem restated in one line, in the customer's own words: the subject, or else the first
 * sentence of the description; whitespace folded, clipped to `max` characters (at a space when one
 * is near the end) with an ellipsis.
 */
export const problemLine = (subject: string | null, description: string, max = PROBLEM_CHARS): string => {
  const oneLine = (text: string): string => text.replace(/\s+/gu, ' ').trim();
  const fromSubject = subject ? oneLine(subject) : '';
  let text = fromSubject;
  if (!text) {
    const trimmed = description.trim();
    // The first sentence: up to the first terminator in any of the four languages, or the first line.
    const end = /[.!?。！？\n]/u.exec(trimmed);
    text = oneLine(end ? trimmed.slice(0, end.index + (end[0] === '\n' ? 0 : 1)) : trimmed);
  }
  const chars = [...text];
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max - 1).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
};

/** The survey sent with a follow-up, open until `surveyValidDays` have passed. */
export const newSurvey = (
  input: {
    readonly id: string;
    readonly caseId: string;
    readonly customerId: string;
    readonly followUpId: string;
    readonly language: string;
  },
  settings: FollowUpRules,
  now: Date,
): Survey => ({
  ...input,
  status: 'open',
  score: null,
  solved: null,
  effort: null,
  comment: null,
  leaving: null,
  leavingReason: null,
  answeredVia: null,
  answeredBy: null,
  answeredAt: null,
  expiresAt: addMinutes(now, settings.surveyValidDays * 24 * 60),
  createdAt: now,
});

/**
 * The follow-up as sent, with the survey it carries, the plan and language worked out at sending.
 * The event carries no words of the customer's: the e-mail restates the problem from the case.
 */
export const markSent = (
  current: FollowUp,
  sending: { readonly surveyId: string; readonly plan: FollowUpPlan; readonly language: string },
  now: Date,
): { followUp: FollowUp; events: FollowUpChange[] } => ({
  followUp: { ...current, status: 'sent', plan: sending.plan, surveyId: sending.surveyId, sentAt: now, updatedAt: now },
  events: [
    {
      type: 'followup.sent',
      payload: {
        followUpId: current.id,
        surveyId: sending.surveyId,
        plan: sending.plan,
        language: sending.language,
      },
    },
  ],
});

/** The status a reader sees: an open survey past its time is expired. */
export const surveyStatusAt = (survey: Survey, now: Date): SurveyStatus =>
  survey.status === 'open' && survey.expiresAt.getTime() <= now.getTime() ? 'expired' : survey.status;

/**
 * A score of 2 or less, or "not solved", is a poor answer: the case is reopened. This rule is fixed.
 * Escalation is the triggers' to decide: `poor_survey` fires for scores up to its own configured
 * `maxScore` (default 2, a separate setting), and an answer that reopened the case is also offered
 * to the `reopen` trigger, so turning `poor_survey` off still escalates a reopened case.
 */
export const POOR_SCORE = 2;
export const isPoorAnswer = (answer: { readonly score: number; readonly solved: boolean }): boolean =>
  answer.score <= POOR_SCORE || !answer.solved;

/**
 * Records the answer. Once only (`conflict` after); an expired survey takes none. A leaving reason
 * means the customer is leaving; "leaving" with no reason is kept as given (nothing is lost).
 */
export const answerOf = (
  current: Survey,
  body: SurveyAnswerBody,
  via: SurveyChannel,
  by: string | null,
  now: Date,
): { survey: Survey; events: FollowUpChange[]; poor: boolean } => {
  if (current.status === 'answered') throw new AppError(ErrorCode.Conflict, 'This survey has already been answered');
  if (surveyStatusAt(current, now) === 'expired') {
    throw new AppError(ErrorCode.RuleViolated, 'This survey has expired');
  }
  if (body.leaving === false && body.leavingReason) {
    throw new AppError(ErrorCode.ValidationFailed, 'A leaving reason is for a customer who is leaving', [
      { field: '/body/leavingReason', message: 'only with leaving: true' },
    ]);
  }
  const leaving = body.leaving ?? (body.leavingReason ? true : null);
  const leavingReason = leaving ? (body.leavingReason ?? null) : null;
  const poor = isPoorAnswer(body);
  const survey: Survey = {
    ...current,
    status: 'answered',
    score: body.score,
    solved: body.solved,
    effort: body.effort ?? null,
    comment: body.comment?.trim() || null,
    leaving,
    leavingReason,
    answeredVia: via,
    answeredBy: by,
    answeredAt: now,
  };
  return {
    survey,
    poor,
    events: [
      {
        type: 'survey.answered',
        payload: {
          surveyId: current.id,
          score: body.score,
          solved: body.solved,
          effort: survey.effort,
          leaving: leaving === true,
          leavingReason,
          poor,
          via,
        },
      },
    ],
  };
};

const CALL_QUESTION: Readonly<Record<string, (ref: string) => string>> = {
  en: (r) => `Follow-up call on ${r}: ask the customer whether the problem is now solved and how we did.`,
  'zh-TW': (r) => `回訪電話（${r}）：請詢問客戶問題是否已解決，以及對我們的處理是否滿意。`,
  'zh-CN': (r) => `回访电话（${r}）：请询问客户问题是否已解决，以及对我们的处理是否满意。`,
  th: (r) => `โทรติดตามผล (${r}): สอบถามลูกค้าว่าปัญหาได้รับการแก้ไขแล้วหรือไม่ และพอใจกับการดูแลของเราเพียงใด`,
};

/**
 * The phone-call task's question, in the survey's language (the call is made in it). It names the
 * case by reference only: the question travels in `case.task_created`, and the customer's own words
 * stay on the case.
 */
export const callQuestion = (language: string | null, ref: string): string =>
  (CALL_QUESTION[language ?? 'en'] ?? CALL_QUESTION.en ?? ((r: string) => r))(ref);

/** The language a survey (and its call) is in: the customer's, when it is one we write in; else the case's. */
export const surveyLanguage = (
  customerLanguage: string | null | undefined,
  caseLanguage: string | null | undefined,
): string => {
  for (const candidate of [customerLanguage, caseLanguage]) {
    if (candidate && (Locales as readonly string[]).includes(candidate)) return candidate;
  }
  return 'en';
};
