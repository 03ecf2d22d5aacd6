import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

/** What a service clock times. Task, commitment and escalation clocks have one per subject. */
export const ClockKinds = [
  'acknowledge',
  'first_response',
  'keep_in_loop',
  'resolve',
  'regulatory',
  'task',
  'commitment',
  'escalation',
] as const;
export type ClockKind = (typeof ClockKinds)[number];

/** `running` counts down; `paused` waits (status in the policy's pause list); `met` and `cancelled` are settled. */
export const ClockStates = ['running', 'paused', 'met', 'cancelled'] as const;
export type ClockState = (typeof ClockStates)[number];

const DateTime = Type.String({ format: 'date-time' });

/** One service clock of a case: a promise with a due time, and how much of its allowed time is used. */
export const ClockDto = Type.Object({
  id: Type.String(),
  key: Type.String({ description: '`acknowledge`, `resolve`, `task:<id>`, `commitment:<id>` …' }),
  kind: Type.Enum(ClockKinds),
  subjectId: Nullable(Type.String({ description: 'The task, commitment or escalation timed.' })),
  cycle: Type.Integer({
    minimum: 1,
    description: 'Restarted clocks (keep-in-loop, resolve after a reopen) count cycles.',
  }),
  state: Type.Enum(ClockStates),
  startedAt: DateTime,
  dueAt: DateTime,
  breached: Type.Boolean(),
  breachedAt: Nullable(DateTime),
  warningsSent: Type.Integer({ minimum: 0 }),
  warnPercents: Type.Array(Type.Integer()),
  pausedAt: Nullable(DateTime),
  settledAt: Nullable(DateTime),
  percentUsed: Type.Integer({
    minimum: 0,
    description: 'Share of the allowed (working) time used, paused time excluded; above 100 when overdue.',
  }),
});
export type ClockDto = Static<typeof ClockDto>;

export const ClockList = Type.Object({ items: Type.Array(ClockDto) });
export type ClockList = Static<typeof ClockList>;
