import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { CaseChannels, CaseStatuses, ExpectedRemedies, Severities } from './cases.ts';
import { ClockKinds } from './clocks.ts';
import { CompensationKinds, CompensationStatuses } from './compensation.ts';

/** The fixed vocabulary of escalation signals in a customer's words (SIGNALS.md). */
export const EscalationSignals = [
  'anger',
  'insult',
  'manager_request',
  'media_threat',
  'regulator_threat',
  'legal_threat',
  'refund_demand',
  'replacement_demand',
  'compensation_demand',
  'repeat_contact',
  'safety_risk',
  'churn_threat',
  'urgency',
] as const;
export type EscalationSignal = (typeof EscalationSignals)[number];

/**
 * What can make a case climb the ladder (article 004). `poor_survey` fires on a survey answer
 * (`survey.answered`) whose satisfaction score (1–5) is at or below its `maxScore`.
 */
export const TriggerKinds = [
  'clock_warning',
  'clock_breach',
  'signal',
  'repeat_contact',
  'negotiation_rounds',
  'reopen',
  'poor_survey',
  'remedy_above_authority',
  'safety',
] as const;
export type TriggerKind = (typeof TriggerKinds)[number];

/** How an escalation came about: a person's decision, or a trigger. */
export const EscalationTriggers = ['manual', ...TriggerKinds] as const;
export type EscalationTrigger = (typeof EscalationTriggers)[number];

export const EscalationDirections = ['up', 'down'] as const;
export type EscalationDirection = (typeof EscalationDirections)[number];

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });
const Rank = Type.Integer({ minimum: 0, maximum: 20 });
/** Minor units (cents, fen, satang); at most a trillion minor units. */
export const MinorAmount = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000 });
/** ISO 4217 alphabetic code, e.g. `TWD`. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code, e.g. TWD.' });
const Names = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 200 }),
    'zh-TW': Type.String({ minLength: 1, maxLength: 200 }),
    'zh-CN': Type.String({ minLength: 1, maxLength: 200 }),
    th: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

const levelFields = {
  rank: Rank,
  names: Names,
  roles: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 20 }),
  teamId: Nullable(Id),
  maxCompensation: Nullable(MinorAmount),
  currency: Nullable(CurrencyCode),
  remedies: Type.Array(Type.Enum(CompensationKinds), { maxItems: CompensationKinds.length, uniqueItems: true }),
  responseMinutes: Type.Integer({ minimum: 1, maximum: 525_600, description: 'Working minutes to acknowledge.' }),
};

export const LadderLevelBody = Type.Object(levelFields, { additionalProperties: false });
export type LadderLevelBody = Static<typeof LadderLevelBody>;

/** The whole ladder, replaced at once: ranks 0..n without gaps. */
export const PutLadderBody = Type.Object(
  { levels: Type.Array(LadderLevelBody, { minItems: 1, maxItems: 20 }) },
  { additionalProperties: false },
);
export type PutLadderBody = Static<typeof PutLadderBody>;

export const LadderLevelDto = Type.Object({ id: Type.String({ description: '`lvl_…`' }), ...levelFields });
export type LadderLevelDto = Static<typeof LadderLevelDto>;
export const LadderDto = Type.Object({ levels: Type.Array(LadderLevelDto) });
export type LadderDto = Static<typeof LadderDto>;

/** Per-kind settings; a field a kind does not use is ignored. */
export const TriggerSettings = Type.Object(
  {
    clockKinds: Type.Optional(Type.Array(Type.Enum(ClockKinds), { maxItems: ClockKinds.length, uniqueItems: true })),
    signals: Type.Optional(
      Type.Array(Type.Enum(EscalationSignals), { maxItems: EscalationSignals.length, uniqueItems: true }),
    ),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'Contacts or rounds.' })),
    maxScore: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 10, description: 'Survey scores (1–5) at or below. Default 2.' }),
    ),
  },
  { additionalProperties: false },
);
export type TriggerSettings = Static<typeof TriggerSettings>;

const triggerFields = {
  kind: Type.Enum(TriggerKinds),
  enabled: Type.Boolean(),
  settings: TriggerSettings,
  toRank: Nullable(Rank),
};
export const TriggerBody = Type.Object(triggerFields, { additionalProperties: false });
export type TriggerBody = Static<typeof TriggerBody>;
export const PutTriggersBody = Type.Object(
  { triggers: Type.Array(TriggerBody, { maxItems: 50 }) },
  { additionalProperties: false },
);
export type PutTriggersBody = Static<typeof PutTriggersBody>;
export const TriggerDto = Type.Object({ id: Type.String({ description: '`trg_…`' }), ...triggerFields });
export type TriggerDto = Static<typeof TriggerDto>;
export const TriggersDto = Type.Object({ triggers: Type.Array(TriggerDto) });
export type TriggersDto = Static<typeof TriggersDto>;

/** Escalating is one action and blames nobody: a reason, and optionally how high. */
export const EscalateBody = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    toRank: Type.Optional(Rank),
    fromRank: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 20,
        description:
          'The rank the caller saw the case at. When given and the case has moved since (a double click, ' +
          'two people at once, a trigger), the escalation is refused with `conflict` instead of climbing ' +
          'again. Without it, the case climbs from wherever it is.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type EscalateBody = Static<typeof EscalateBody>;

export const DeEscalateBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }), toRank: Rank },
  { additionalProperties: false },
);
export type DeEscalateBody = Static<typeof DeEscalateBody>;

export const EscalationParams = Type.Object({ id: Id }, { additionalProperties: false });

/** What goes upward with an escalation: the case told once, completely (article 004). */
export const EscalationSummary = Type.Object({
  whatHappened: Type.Object({
    ref: Type.String(),
    subject: Nullable(Type.String()),
    excerpt: Type.String(),
    categoryId: Nullable(Type.String()),
    channel: Type.Enum(CaseChannels),
    status: Type.Enum(CaseStatuses),
    severity: Type.Enum(Severities),
    safety: Type.Boolean(),
    openedAt: DateTime,
  }),
  customerWants: Type.Object({
    expectedRemedy: Nullable(Type.Enum(ExpectedRemedies)),
    /** Demands and threats heard in the customer's words. */
    signals: Type.Array(Type.Object({ signal: Type.Enum(EscalationSignals), cue: Type.String() })),
  }),
  promised: Type.Array(Type.Object({ id: Type.String(), text: Type.String(), dueAt: DateTime, status: Type.String() })),
  tried: Type.Object({
    tasks: Type.Array(Type.Object({ question: Type.String(), status: Type.String(), answer: Nullable(Type.String()) })),
    compensations: Type.Array(
      Type.Object({
        kind: Type.Enum(CompensationKinds),
        amount: Nullable(Type.Integer()),
        currency: Nullable(Type.String()),
        status: Type.Enum(CompensationStatuses),
      }),
    ),
    escalations: Type.Array(
      Type.Object({
        direction: Type.Enum(EscalationDirections),
        fromRank: Type.Integer(),
        toRank: Type.Integer(),
        trigger: Type.String(),
        reason: Nullable(Type.String()),
        at: DateTime,
      }),
    ),
    statusHistory: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), at: DateTime })),
  }),
});
export type EscalationSummary = Static<typeof EscalationSummary>;

export const EscalationDto = Type.Object({
  id: Type.String({ description: '`esc_…`' }),
  caseId: Type.String(),
  direction: Type.Enum(EscalationDirections),
  fromRank: Type.Integer(),
  toRank: Type.Integer(),
  trigger: Type.Enum(EscalationTriggers),
  reason: Nullable(Type.String()),
  summary: EscalationSummary,
  actorId: Nullable(Type.String()),
  createdAt: DateTime,
  acknowledgedAt: Nullable(DateTime),
  acknowledgedBy: Nullable(Type.String()),
  supersededAt: Nullable(
    Type.String({
      format: 'date-time',
      description: 'When a waiting escalation stopped waiting untaken: the case came down below it, or closed.',
    }),
  ),
});
export type EscalationDto = Static<typeof EscalationDto>;
export const EscalationListDto = Type.Object({ items: Type.Array(EscalationDto) });
export type EscalationListDto = Static<typeof EscalationListDto>;
