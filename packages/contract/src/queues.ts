import { Type, type Static } from 'typebox';

/**
 * The agent's queues (pillar 2): six standing views of the open cases at the caller's sites.
 * - `mine`: open cases the caller owns;
 * - `unassigned`: cases still `new`, which nobody has picked up (acknowledged) yet;
 * - `due_soon`: open cases with a running clock due within `hours` (default 24) or already past due;
 * - `escalated`: open cases with an escalation nobody has closed (de-escalated);
 * - `waiting_internal`: open cases waiting on an unanswered internal task, or in `waiting_on_internal`;
 * - `waiting_customer`: cases in `waiting_on_customer`.
 * `GET /cases?queue=…` lists one of them; `GET /queues` counts them all.
 */
export const QueueKeys = [
  'mine',
  'unassigned',
  'due_soon',
  'escalated',
  'waiting_internal',
  'waiting_customer',
] as const;
export type QueueKey = (typeof QueueKeys)[number];

export const QueueCountsQuery = Type.Object(
  {
    hours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 720, default: 24, description: 'The look-ahead of `due_soon`, in hours.' }),
    ),
  },
  { additionalProperties: false },
);
export type QueueCountsQuery = Static<typeof QueueCountsQuery>;

export const QueueCountsDto = Type.Object({
  generatedAt: Type.String({ format: 'date-time' }),
  counts: Type.Object(
    Object.fromEntries(QueueKeys.map((key) => [key, Type.Integer({ minimum: 0 })])) as Record<
      QueueKey,
      ReturnType<typeof Type.Integer>
    >,
  ),
});
export type QueueCountsDto = Static<typeof QueueCountsDto>;
