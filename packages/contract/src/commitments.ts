import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { CompensationKinds } from './compensation.ts';
import { Locales } from './users.ts';

/** A promise to the customer: open until it is kept, broken (honestly), or renegotiated. */
export const CommitmentStatuses = ['open', 'kept', 'broken', 'renegotiated'] as const;
export type CommitmentStatus = (typeof CommitmentStatuses)[number];

/**
 * What the over-promise guard flags before a promise is made (articles 000, 001):
 * - `depends_on_later_task`: due before an internal task it depends on is due, or a task it
 *   depends on is unanswered and already overdue;
 * - `beyond_authority`: the remedy is above what the promiser's ladder level may approve;
 * - `after_case_deadline`: due after the case's resolve or regulatory deadline;
 * - `in_the_past`: the due time has already gone;
 * - `outside_working_hours`: due when the case's working calendar is closed;
 * - `too_far`: due more than a year ahead — a sanity horizon, so a slip of the keyboard (year
 *   9999) is caught even on a case without a policy or deadline to compare against.
 */
export const CommitmentFlagCodes = [
  'depends_on_later_task',
  'beyond_authority',
  'after_case_deadline',
  'in_the_past',
  'outside_working_hours',
  'too_far',
] as const;
export type CommitmentFlagCode = (typeof CommitmentFlagCodes)[number];

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217, e.g. `TWD`.' });

export const CommitmentRemedy = Type.Object(
  {
    kind: Type.Enum(CompensationKinds),
    amount: Type.Optional(
      Nullable(Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Minor units of `currency`.' })),
    ),
    currency: Type.Optional(Nullable(Currency)),
  },
  { additionalProperties: false },
);
export type CommitmentRemedy = Static<typeof CommitmentRemedy>;

const promiseFields = {
  text: Type.String({ minLength: 1, maxLength: 2000, description: 'What was promised, in the words used.' }),
  dueAt: DateTime,
  keyPersonId: Type.Optional(
    Type.String({
      minLength: 3,
      maxLength: 64,
      pattern: '^[a-z]+_[0-9A-Za-z]+$',
      description: 'A key person of the case, when the promise was made to them and not the customer.',
    }),
  ),
  messageEventId: Type.Optional(Id),
  dependsOn: Type.Optional(
    Type.Array(Id, { maxItems: 20, uniqueItems: true, description: 'Internal task ids on this case.' }),
  ),
  remedy: Type.Optional(CommitmentRemedy),
};

const AcknowledgeFlags = Type.Optional(
  Type.Array(Type.Enum(CommitmentFlagCodes), { maxItems: CommitmentFlagCodes.length, uniqueItems: true }),
);

/** The promise as the guard checks it; nothing is saved. */
export const CheckCommitmentBody = Type.Object(promiseFields, { additionalProperties: false });
export type CheckCommitmentBody = Static<typeof CheckCommitmentBody>;

/**
 * A promise to record. A flagged promise is refused unless `acknowledgeFlags` names every flag
 * the guard raises; the acknowledged flags are kept on the commitment and shown on the timeline.
 */
export const CreateCommitmentBody = Type.Object(
  {
    ...promiseFields,
    acknowledgeFlags: AcknowledgeFlags,
  },
  { additionalProperties: false },
);
export type CreateCommitmentBody = Static<typeof CreateCommitmentBody>;

/**
 * A new time agreed with the customer, before (or, counted as broken, after) the old one. The new
 * promise passes the same guard as a new one: refused while a raised flag is not named in
 * `acknowledgeFlags`; the acknowledged flags are kept on the successor.
 */
export const RenegotiateCommitmentBody = Type.Object(
  {
    dueAt: DateTime,
    text: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    messageEventId: Type.Optional(Id),
    acknowledgeFlags: AcknowledgeFlags,
  },
  { additionalProperties: false },
);
export type RenegotiateCommitmentBody = Static<typeof RenegotiateCommitmentBody>;

/** An honest "we could not", with the reason. */
export const BreakCommitmentBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);
export type BreakCommitmentBody = Static<typeof BreakCommitmentBody>;

export const CommitmentParams = Type.Object({ id: Id }, { additionalProperties: false });

export const CommitmentFlagDto = Type.Object({
  code: Type.Enum(CommitmentFlagCodes),
  message: Type.String(),
  /** The task, deadline or authority limit that raised the flag. */
  taskId: Type.Optional(Type.String()),
  limitAt: Type.Optional(DateTime),
});
export type CommitmentFlagDto = Static<typeof CommitmentFlagDto>;

export const CommitmentCheckDto = Type.Object({ flags: Type.Array(CommitmentFlagDto) });
export type CommitmentCheckDto = Static<typeof CommitmentCheckDto>;

export const CommitmentDto = Type.Object({
  id: Type.String({ description: '`cmt_…`' }),
  caseId: Type.String(),
  text: Type.String(),
  promisedTo: Type.String({ description: "The customer's or the key person's name." }),
  keyPersonId: Nullable(Type.String()),
  dueAt: DateTime,
  madeBy: Nullable(Type.String()),
  madeAt: DateTime,
  messageEventId: Nullable(Type.String()),
  dependsOn: Type.Array(Type.String()),
  remedy: Nullable(
    Type.Object({
      kind: Type.Enum(CompensationKinds),
      amount: Nullable(Type.Integer()),
      currency: Nullable(Type.String()),
    }),
  ),
  flags: Type.Array(Type.Enum(CommitmentFlagCodes), { description: 'Flags acknowledged when it was made.' }),
  status: Type.Enum(CommitmentStatuses),
  outcomeAt: Nullable(DateTime),
  keptOnTime: Nullable(Type.Boolean()),
  renegotiatedFromId: Nullable(Type.String()),
  renegotiatedToId: Nullable(Type.String()),
  atRiskAt: Nullable(DateTime),
});
export type CommitmentDto = Static<typeof CommitmentDto>;

export const CommitmentList = Type.Object({ items: Type.Array(CommitmentDto) });
export type CommitmentList = Static<typeof CommitmentList>;

/** Keep and renegotiate answer with the commitment and, when one was opened, its successor. */
export const CommitmentChangeDto = Type.Object({
  commitment: CommitmentDto,
  successor: Type.Optional(CommitmentDto),
});
export type CommitmentChangeDto = Static<typeof CommitmentChangeDto>;

export const CommitmentDraftQuery = Type.Object(
  { language: Type.Optional(Type.Enum(Locales)) },
  { additionalProperties: false },
);
export type CommitmentDraftQuery = Static<typeof CommitmentDraftQuery>;

/** An honest update to send before the due time: not done yet, what is being checked, when next. */
export const CommitmentDraftDto = Type.Object({
  commitmentId: Type.String(),
  language: Type.Enum(Locales),
  proposedDueAt: DateTime,
  timeZone: Type.String(),
  text: Type.String(),
});
export type CommitmentDraftDto = Static<typeof CommitmentDraftDto>;

export const CommitmentStatsGroups = ['agent', 'team', 'site'] as const;
export type CommitmentStatsGroup = (typeof CommitmentStatsGroups)[number];

export const CommitmentStatsQuery = Type.Object(
  {
    groupBy: Type.Enum(CommitmentStatsGroups),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type CommitmentStatsQuery = Static<typeof CommitmentStatsQuery>;

export const CommitmentStatsRow = Type.Object({
  key: Nullable(Type.String({ description: 'The user, team or site id; null when unknown.' })),
  name: Nullable(Type.String()),
  made: Type.Integer(),
  open: Type.Integer(),
  keptOnTime: Type.Integer(),
  keptLate: Type.Integer(),
  broken: Type.Integer({ description: 'Including promises renegotiated only after they were due.' }),
  renegotiated: Type.Integer({ description: 'Renegotiated before the due time.' }),
  rate: Nullable(Type.Number({ description: 'Kept on time ÷ (kept + broken); null when none was decided yet.' })),
});
export type CommitmentStatsRow = Static<typeof CommitmentStatsRow>;

export const CommitmentStats = Type.Object({
  groupBy: Type.Enum(CommitmentStatsGroups),
  from: Nullable(DateTime),
  to: Nullable(DateTime),
  rows: Type.Array(CommitmentStatsRow),
});
export type CommitmentStats = Static<typeof CommitmentStats>;
