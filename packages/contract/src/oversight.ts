import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { ClockKinds } from './clocks.ts';
import { SpikeDto } from './recurrence.ts';
import { Locales } from './users.ts';

/**
 * The manager's early-warning board (article 004): what is about to go wrong and what is waiting
 * for someone above the front line. Every list is bounded by `limit`; `total` says how many match.
 * Only cases at the caller's sites are counted.
 */

const DateTime = Type.String({ format: 'date-time' });

export const EarlyWarningQuery = Type.Object(
  {
    hours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 720, default: 24, description: 'How far ahead to look, in hours.' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Items per list.' })),
  },
  { additionalProperties: false },
);
export type EarlyWarningQuery = Static<typeof EarlyWarningQuery>;

const CaseRefFields = {
  caseId: Type.String(),
  caseRef: Type.String(),
  siteId: Nullable(Type.String()),
  ownerId: Type.String(),
};

export const EarlyWarningClockDto = Type.Object({
  clockId: Type.String(),
  ...CaseRefFields,
  key: Type.String({ description: '`resolve`, `task:<id>`, `commitment:<id>` …' }),
  kind: Type.String({ description: `One of ${ClockKinds.join(', ')}.` }),
  dueAt: DateTime,
  breachedAt: Nullable(DateTime),
});
export type EarlyWarningClockDto = Static<typeof EarlyWarningClockDto>;

export const EarlyWarningCommitmentDto = Type.Object({
  commitmentId: Type.String(),
  ...CaseRefFields,
  text: Type.String({ description: 'What was promised.' }),
  madeBy: Nullable(Type.String()),
  dueAt: DateTime,
  atRiskAt: Nullable(DateTime),
});
export type EarlyWarningCommitmentDto = Static<typeof EarlyWarningCommitmentDto>;

export const EarlyWarningEscalationDto = Type.Object({
  escalationId: Type.String(),
  ...CaseRefFields,
  toRank: Type.Integer(),
  trigger: Type.String(),
  waitingSince: DateTime,
});
export type EarlyWarningEscalationDto = Static<typeof EarlyWarningEscalationDto>;

export const EarlyWarningApprovalDto = Type.Object({
  compensationId: Type.String(),
  ...CaseRefFields,
  requiredRank: Type.Integer(),
  kind: Type.String(),
  amount: Nullable(Type.Integer({ description: 'Minor units of `currency`.' })),
  currency: Nullable(Type.String()),
  proposedBy: Nullable(Type.String()),
  waitingSince: DateTime,
});
export type EarlyWarningApprovalDto = Static<typeof EarlyWarningApprovalDto>;

/** How many wait at one ladder rank, and since when the oldest has. */
export const WaitingAtRankDto = Type.Object({
  rank: Type.Integer(),
  /** The level's name per language; null when the ladder has no level at that rank any more. */
  names: Nullable(Type.Record(Type.Enum(Locales), Type.String())),
  waiting: Type.Integer({ minimum: 0 }),
  oldestSince: DateTime,
});
export type WaitingAtRankDto = Static<typeof WaitingAtRankDto>;

const Bounded = <T extends Parameters<typeof Type.Array>[0]>(item: T) =>
  Type.Object({ total: Type.Integer({ minimum: 0 }), items: Type.Array(item) });

export const EarlyWarningDto = Type.Object({
  generatedAt: DateTime,
  hours: Type.Integer(),
  /** The end of the look-ahead window: now + hours. */
  horizon: DateTime,
  clocks: Type.Object({
    /** Running, due after now and within the window; soonest first. */
    dueSoon: Bounded(EarlyWarningClockDto),
    /** Running and past due; longest overdue first. */
    breached: Bounded(EarlyWarningClockDto),
  }),
  commitments: Type.Object({
    /** Open promises due within the window; soonest first. */
    dueSoon: Bounded(EarlyWarningCommitmentDto),
    /** Open promises past due; longest overdue first. */
    overdue: Bounded(EarlyWarningCommitmentDto),
  }),
  /** Upward escalations nobody at the level has acknowledged; oldest first. */
  escalations: Type.Object({
    total: Type.Integer({ minimum: 0 }),
    byRank: Type.Array(WaitingAtRankDto),
    items: Type.Array(EarlyWarningEscalationDto),
  }),
  /** Compensation proposals waiting for a decision; oldest first. */
  approvals: Type.Object({
    total: Type.Integer({ minimum: 0 }),
    byRank: Type.Array(WaitingAtRankDto),
    items: Type.Array(EarlyWarningApprovalDto),
  }),
  /**
   * Bursts of similar complaints raised in the last seven days whose cases include some at my
   * sites; newest first.
   */
  spikes: Bounded(SpikeDto),
  counts: Type.Object({
    clocksDueSoon: Type.Integer({ minimum: 0 }),
    clocksBreached: Type.Integer({ minimum: 0 }),
    commitmentsDueSoon: Type.Integer({ minimum: 0 }),
    commitmentsOverdue: Type.Integer({ minimum: 0 }),
    escalationsWaiting: Type.Integer({ minimum: 0 }),
    approvalsWaiting: Type.Integer({ minimum: 0 }),
    spikes: Type.Integer({ minimum: 0 }),
  }),
});
export type EarlyWarningDto = Static<typeof EarlyWarningDto>;
