import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { CaseChannels, CaseStatuses, ExpectedRemedies } from './cases.ts';

export const TaskStatuses = ['open', 'answered'] as const;
export type TaskStatus = (typeof TaskStatuses)[number];

const Id = Type.String({ minLength: 3, maxLength: 64, pattern: '^[a-z]+_[0-9A-Za-z]+$' });
const DateTime = Type.String({ format: 'date-time' });

/** An internal task goes to a team or a person — never "the relevant department" in general. */
export const CreateTaskBody = Type.Object(
  {
    teamId: Type.Optional(Id),
    userId: Type.Optional(Id),
    question: Type.String({ minLength: 1, maxLength: 10_000, description: 'The question to answer.' }),
    dueAt: DateTime,
  },
  { additionalProperties: false },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const AnswerTaskBody = Type.Object(
  { answer: Type.String({ minLength: 1, maxLength: 20_000 }) },
  { additionalProperties: false },
);
export type AnswerTaskBody = Static<typeof AnswerTaskBody>;

/** A department cannot refuse a task; it can pass it on, saying why. */
export const ReassignTaskBody = Type.Object(
  {
    teamId: Type.Optional(Id),
    userId: Type.Optional(Id),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);
export type ReassignTaskBody = Static<typeof ReassignTaskBody>;

export const TaskParams = Type.Object({ id: Id }, { additionalProperties: false });

export const TaskListQuery = Type.Object(
  {
    mine: Type.Optional(Type.Boolean({ description: 'Tasks assigned to me or to my teams.' })),
    team: Type.Optional(Id),
    status: Type.Optional(Type.Enum(TaskStatuses)),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type TaskListQuery = Static<typeof TaskListQuery>;

export const TaskDto = Type.Object({
  id: Type.String({ description: '`task_…`' }),
  caseId: Type.String(),
  assigneeTeamId: Nullable(Type.String()),
  assigneeUserId: Nullable(Type.String()),
  question: Type.String(),
  dueAt: DateTime,
  status: Type.Enum(TaskStatuses),
  answer: Nullable(Type.String()),
  answeredBy: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
  createdBy: Nullable(Type.String()),
  createdAt: DateTime,
});
export type TaskDto = Static<typeof TaskDto>;

/** A department's queue: the case summary and the customer's own words, not their contact details. */
export const TaskQueueItemDto = Type.Object({
  task: TaskDto,
  case: Type.Object({
    id: Type.String(),
    ref: Type.String(),
    status: Type.Enum(CaseStatuses),
    channel: Type.Enum(CaseChannels),
    subject: Nullable(Type.String()),
    description: Type.String({ description: "The customer's own words, first-hand." }),
    language: Nullable(Type.String()),
    expectedRemedy: Nullable(Type.Enum(ExpectedRemedies)),
    ownerId: Type.String(),
    customerName: Type.String(),
  }),
});
export type TaskQueueItemDto = Static<typeof TaskQueueItemDto>;

export const TaskQueue = Type.Object({
  items: Type.Array(TaskQueueItemDto),
  nextCursor: Nullable(Type.String()),
});
export type TaskQueue = Static<typeof TaskQueue>;

/** `GET /cases/{id}/tasks`: the case's internal tasks, open first, then by due time. */
export const CaseTaskList = Type.Object({ items: Type.Array(TaskDto) });
export type CaseTaskList = Static<typeof CaseTaskList>;
