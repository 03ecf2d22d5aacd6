import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { QueueKeys } from './queues.ts';
import { LocaleSchema } from './users.ts';

/** Where a complaint arrived. */
export const CaseChannels = ['web', 'email', 'phone', 'walk_in', 'api', 'social'] as const;
export type CaseChannel = (typeof CaseChannels)[number];

/** The lifecycle's states, in their usual order. */
export const CaseStatuses = [
  'new',
  'acknowledged',
  'investigating',
  'waiting_on_customer',
  'waiting_on_internal',
  'resolution_proposed',
  'resolved',
  'closed',
] as const;
export type CaseStatus = (typeof CaseStatuses)[number];

/** What can be done to a case's status through `POST /cases/:id/transitions`. */
export const CaseActions = [
  'acknowledge',
  'start_investigation',
  'wait_on_customer',
  'wait_on_internal',
  'resume',
  'propose_resolution',
  'resolve',
  'close',
  'reopen',
] as const;
export type CaseAction = (typeof CaseActions)[number];

/** What the customer expects at receipt (ISO 10002). */
export const ExpectedRemedies = [
  'refund',
  'replacement',
  'repair',
  'explanation',
  'apology',
  'compensation',
  'other',
] as const;
export type ExpectedRemedy = (typeof ExpectedRemedies)[number];

export const Severities = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof Severities)[number];

export const CasePriorities = ['low', 'normal', 'high', 'urgent'] as const;
export type CasePriority = (typeof CasePriorities)[number];

export const ResolutionKinds = ['temporary', 'final'] as const;
export type ResolutionKind = (typeof ResolutionKinds)[number];

/** Article 003: dissatisfaction is with the product's quality or with the service process. */
export const CategoryKinds = ['product_quality', 'service_process'] as const;
export type CategoryKind = (typeof CategoryKinds)[number];

export const KeyPersonRoles = ['first_handler', 'authority', 'influencer'] as const;
export type KeyPersonRole = (typeof KeyPersonRoles)[number];

export const InfluencerRelationships = ['relative', 'friend', 'adviser', 'authorised_representative'] as const;
export type InfluencerRelationship = (typeof InfluencerRelationships)[number];

export const CaseLinkKinds = ['related', 'duplicate', 'same_cause'] as const;
export type CaseLinkKind = (typeof CaseLinkKinds)[number];

export const MessageDirections = ['inbound', 'outbound'] as const;
export type MessageDirection = (typeof MessageDirections)[number];

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const NullableId = Type.Union([Type.Null(), Id]);
const Text = (maxLength: number, description?: string) =>
  Type.String({ minLength: 1, maxLength, ...(description ? { description } : {}) });
const DateTime = Type.String({ format: 'date-time' });
const Tag = Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\s,][^,]*$' });
const Tags = Type.Array(Tag, { maxItems: 20, uniqueItems: true });

/** Names of a configured item in each supported language; English is required. */
export const LocalizedNames = Type.Object(
  {
    en: Text(200),
    'zh-TW': Type.Optional(Text(200)),
    'zh-CN': Type.Optional(Text(200)),
    th: Type.Optional(Text(200)),
  },
  { additionalProperties: false },
);
export type LocalizedNames = Static<typeof LocalizedNames>;

export const IntakeCustomer = Type.Object(
  {
    name: Text(200, "The customer's name as they gave it."),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 254 })),
    phone: Type.Optional(Type.String({ minLength: 3, maxLength: 40 })),
    language: Type.Optional(LocaleSchema),
  },
  { additionalProperties: false },
);
export type IntakeCustomer = Static<typeof IntakeCustomer>;

export const CreateCaseBody = Type.Object(
  {
    customer: IntakeCustomer,
    channel: Type.Enum(CaseChannels),
    subject: Type.Optional(Text(300)),
    description: Text(20_000, "The customer's own words."),
    language: Type.Optional(LocaleSchema),
    categoryId: Type.Optional(Id),
    severity: Type.Optional(Type.Enum(Severities)),
    safety: Type.Optional(Type.Boolean({ description: 'Someone was hurt or could be.' })),
    priority: Type.Optional(Type.Enum(CasePriorities)),
    expectedRemedy: Type.Optional(Type.Enum(ExpectedRemedies)),
    productRef: Type.Optional(Text(200)),
    orderRef: Type.Optional(Text(200)),
    tags: Type.Optional(Tags),
    siteId: Type.Optional(Id),
    ownerId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

export const UpdateCaseBody = Type.Object(
  {
    subject: Type.Optional(Nullable(Text(300))),
    categoryId: Type.Optional(NullableId),
    severity: Type.Optional(Type.Enum(Severities)),
    safety: Type.Optional(Type.Boolean()),
    priority: Type.Optional(Type.Enum(CasePriorities)),
    expectedRemedy: Type.Optional(Nullable(Type.Enum(ExpectedRemedies))),
    productRef: Type.Optional(Nullable(Text(200))),
    orderRef: Type.Optional(Nullable(Text(200))),
    language: Type.Optional(Nullable(LocaleSchema)),
    tags: Type.Optional(Tags),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCaseBody = Static<typeof UpdateCaseBody>;

export const ResolutionBody = Type.Object(
  {
    text: Text(10_000),
    kind: Type.Enum(ResolutionKinds),
    rootCauseId: Id,
  },
  { additionalProperties: false },
);
export type ResolutionBody = Static<typeof ResolutionBody>;

export const TransitionBody = Type.Object(
  {
    action: Type.Enum(CaseActions),
    reason: Type.Optional(Text(2000)),
    resolution: Type.Optional(ResolutionBody),
  },
  { additionalProperties: false },
);
export type TransitionBody = Static<typeof TransitionBody>;

export const HandoffBody = Type.Object(
  {
    toUserId: Id,
    summary: Text(10_000, 'What the new owner needs to know, so the customer never retells the story.'),
  },
  { additionalProperties: false },
);
export type HandoffBody = Static<typeof HandoffBody>;

export const NoteBody = Type.Object({ body: Text(20_000) }, { additionalProperties: false });
export type NoteBody = Static<typeof NoteBody>;

export const MessageBody = Type.Object(
  { direction: Type.Enum(MessageDirections), body: Text(50_000), channel: Type.Enum(CaseChannels) },
  { additionalProperties: false },
);
export type MessageBody = Static<typeof MessageBody>;

export const CallBody = Type.Object(
  {
    direction: Type.Enum(MessageDirections),
    counterpart: Text(200, 'Who was on the other end, e.g. the customer or their daughter.'),
    startedAt: DateTime,
    durationSeconds: Type.Integer({ minimum: 0, maximum: 86_400 }),
    outcome: Text(500),
    summary: Type.Optional(Text(10_000)),
  },
  { additionalProperties: false },
);
export type CallBody = Static<typeof CallBody>;

export const KeyPersonBody = Type.Object(
  {
    role: Type.Enum(KeyPersonRoles),
    userId: Type.Optional(Id),
    name: Type.Optional(Text(200)),
    relationship: Type.Optional(Type.Enum(InfluencerRelationships)),
    contact: Type.Optional(Text(300)),
    consent: Type.Optional(Type.Boolean({ description: 'The customer agreed that we talk to this person.' })),
    note: Type.Optional(Text(2000)),
  },
  { additionalProperties: false },
);
export type KeyPersonBody = Static<typeof KeyPersonBody>;

export const LinkBody = Type.Object({ toCaseId: Id, kind: Type.Enum(CaseLinkKinds) }, { additionalProperties: false });
export type LinkBody = Static<typeof LinkBody>;

export const MergeBody = Type.Object({ duplicateId: Id }, { additionalProperties: false });
export type MergeBody = Static<typeof MergeBody>;

export const CustomerDecisionBody = Type.Object(
  { accepted: Type.Boolean(), note: Type.Optional(Text(5000)) },
  { additionalProperties: false },
);
export type CustomerDecisionBody = Static<typeof CustomerDecisionBody>;

export const CaseParams = Type.Object({ id: Id }, { additionalProperties: false });
export type CaseParams = Static<typeof CaseParams>;

export const CaseSorts = ['created_desc', 'created_asc', 'updated_desc'] as const;
export const CaseListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200 })),
    status: Type.Optional(Type.Enum(CaseStatuses)),
    siteId: Type.Optional(Id),
    ownerId: Type.Optional(Id),
    categoryId: Type.Optional(Id),
    customerId: Type.Optional(Id),
    open: Type.Optional(Type.Boolean({ description: 'Only cases neither resolved nor closed.' })),
    queue: Type.Optional(Type.Enum(QueueKeys, { description: 'One of the agent queues (see `GET /queues`).' })),
    hours: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 720,
        description: 'With `queue=due_soon`: the look-ahead in hours (24 unless given), as in `GET /queues`.',
      }),
    ),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    sort: Type.Optional(Type.Enum(CaseSorts)),
  },
  { additionalProperties: false },
);
export type CaseListQuery = Static<typeof CaseListQuery>;

export const CaseCustomerDto = Type.Object({
  id: Type.String({ description: '`cus_…`' }),
  name: Type.String(),
  preferredName: Nullable(Type.String()),
  language: Nullable(Type.String()),
  emails: Type.Optional(Type.Array(Type.String(), { description: 'Only for callers who may read customers.' })),
  phones: Type.Optional(Type.Array(Type.String(), { description: 'Only for callers who may read customers.' })),
  matchedBy: Type.Optional(
    Nullable(Type.Enum(['email', 'phone', 'external_id'], { description: 'How intake matched a known customer.' })),
  ),
});
export type CaseCustomerDto = Static<typeof CaseCustomerDto>;

export const ResolutionDto = Type.Object({
  text: Type.String(),
  kind: Type.Enum(ResolutionKinds),
  rootCauseId: Type.String(),
  recordedAt: DateTime,
  recordedBy: Nullable(Type.String()),
});

export const CustomerDecisionDto = Type.Object({
  accepted: Type.Boolean(),
  note: Nullable(Type.String()),
  recordedAt: DateTime,
  recordedBy: Nullable(Type.String()),
});

export const TimelineEntryDto = Type.Object({
  id: Type.String(),
  seq: Type.Integer(),
  type: Type.String({ description: 'Event name, e.g. `case.handed_off`.' }),
  caseId: Type.String({ description: 'The case it happened on (a merged duplicate keeps its own).' }),
  actorId: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  occurredAt: DateTime,
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type TimelineEntryDto = Static<typeof TimelineEntryDto>;

export const KeyPersonDto = Type.Object({
  id: Type.String(),
  role: Type.Enum(KeyPersonRoles),
  userId: Nullable(Type.String()),
  name: Nullable(Type.String()),
  relationship: Nullable(Type.Enum(InfluencerRelationships)),
  contact: Type.Optional(Nullable(Type.String())),
  consent: Nullable(Type.Boolean()),
  note: Nullable(Type.String()),
  createdAt: DateTime,
});

export const CaseLinkDto = Type.Object({
  caseId: Type.String(),
  ref: Type.String(),
  kind: Type.Enum(CaseLinkKinds),
  merged: Type.Boolean(),
});

export const CaseSummaryDto = Type.Object({
  id: Type.String({ description: '`case_…`' }),
  ref: Type.String({ description: 'Human reference, e.g. `C-2026-000123`.' }),
  status: Type.Enum(CaseStatuses),
  channel: Type.Enum(CaseChannels),
  subject: Nullable(Type.String()),
  severity: Type.Enum(Severities),
  safety: Type.Boolean(),
  priority: Type.Enum(CasePriorities),
  siteId: Nullable(Type.String()),
  ownerId: Type.String(),
  customerId: Type.String(),
  categoryId: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  /** The earliest due time of the case's running clocks, for the queues' countdowns. */
  nextDueAt: Type.Optional(Nullable(DateTime)),
  /** The highest ladder rank the case is escalated to now; 0 when it is not escalated. */
  escalationRank: Type.Optional(Type.Integer({ minimum: 0 })),
  customerName: Type.Optional(Type.String()),
});
export type CaseSummaryDto = Static<typeof CaseSummaryDto>;

export const CaseDto = Type.Object({
  id: Type.String(),
  ref: Type.String(),
  status: Type.Enum(CaseStatuses),
  channel: Type.Enum(CaseChannels),
  subject: Nullable(Type.String()),
  description: Type.String({ description: "The customer's own words." }),
  language: Nullable(Type.String()),
  categoryId: Nullable(Type.String()),
  categoryKind: Nullable(Type.Enum(CategoryKinds)),
  severity: Type.Enum(Severities),
  safety: Type.Boolean(),
  priority: Type.Enum(CasePriorities),
  expectedRemedy: Nullable(Type.Enum(ExpectedRemedies)),
  productRef: Nullable(Type.String()),
  orderRef: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  siteId: Nullable(Type.String()),
  owner: Type.Object({ id: Type.String(), name: Nullable(Type.String()) }),
  customer: CaseCustomerDto,
  resolution: Nullable(ResolutionDto),
  customerDecision: Nullable(CustomerDecisionDto),
  mergedIntoId: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
  closedAt: Nullable(DateTime),
  keyPeople: Type.Optional(Type.Array(KeyPersonDto)),
  links: Type.Optional(Type.Array(CaseLinkDto)),
  timeline: Type.Optional(Type.Array(TimelineEntryDto)),
  /** What the caller may do with this case, so the console never re-derives rules. */
  allowedActions: Type.Optional(Type.Array(Type.Enum(CaseActions))),
});
export type CaseDto = Static<typeof CaseDto>;

export const CaseList = Type.Object({
  items: Type.Array(CaseSummaryDto),
  nextCursor: Nullable(Type.String()),
});
export type CaseList = Static<typeof CaseList>;

export const CategoryDto = Type.Object({
  id: Type.String(),
  parentId: Nullable(Type.String()),
  names: Type.Record(Type.String(), Type.String()),
  kind: Type.Enum(CategoryKinds),
  createdAt: DateTime,
});
export type CategoryDto = Static<typeof CategoryDto>;

export const CreateCategoryBody = Type.Object(
  {
    names: LocalizedNames,
    kind: Type.Optional(Type.Enum(CategoryKinds, { description: "Defaults to the parent's kind." })),
    parentId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type CreateCategoryBody = Static<typeof CreateCategoryBody>;

export const CategoryList = Type.Object({ items: Type.Array(CategoryDto) });

/** A category's names, replaced as a whole: a language left out or blank reads in English. */
export const UpdateCategoryBody = Type.Object({ names: LocalizedNames }, { additionalProperties: false });
export type UpdateCategoryBody = Static<typeof UpdateCategoryBody>;

export const RootCauseDto = Type.Object({
  id: Type.String(),
  code: Type.String(),
  names: Type.Record(Type.String(), Type.String()),
  createdAt: DateTime,
});
export type RootCauseDto = Static<typeof RootCauseDto>;

export const CreateRootCauseBody = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 64, pattern: '^[a-z0-9][a-z0-9_.-]*$' }),
    names: LocalizedNames,
  },
  { additionalProperties: false },
);
export type CreateRootCauseBody = Static<typeof CreateRootCauseBody>;

export const RootCauseList = Type.Object({ items: Type.Array(RootCauseDto) });

/** A root cause's names, replaced as a whole; its code never changes (reports and exports use it). */
export const UpdateRootCauseBody = Type.Object({ names: LocalizedNames }, { additionalProperties: false });
export type UpdateRootCauseBody = Static<typeof UpdateRootCauseBody>;
