import { Type, type Static } from 'typebox';

/**
 * `GET /live` is a server-sent event stream (`text/event-stream`) of what changed on the cases
 * the caller may read. Each message is `event: change`, `id: <seq>` and a `LiveChangeDto` as
 * JSON: enough to know what to read again, never the change's content (customer words and
 * contact details stay behind their own routes and permissions). A reconnecting client sends
 * `Last-Event-ID` and receives what it missed, up to 500 changes; past that it gets one
 * `event: reset` and reads everything again. A comment line is sent every 25 s to keep proxies
 * from closing the stream. The server ends a stream after about 10 minutes; the browser reconnects
 * and resumes without loss, and the caller's sign-in and scope are checked again.
 */
export const LiveChangeDto = Type.Object({
  seq: Type.Integer({ description: 'Position in the event log; also the SSE `id`.' }),
  type: Type.String({ description: 'Event name, e.g. `case.assigned`.' }),
  caseId: Type.Union([Type.String(), Type.Null()]),
  occurredAt: Type.String({ format: 'date-time' }),
});
export type LiveChangeDto = Static<typeof LiveChangeDto>;

export const LIVE_EVENT_CHANGE = 'change';
export const LIVE_EVENT_RESET = 'reset';
export const LIVE_REPLAY_LIMIT = 500;

/** `GET /live`: `lastEventId` stands in for the `Last-Event-ID` header where a client cannot send it. */
export const LiveQuery = Type.Object(
  {
    lastEventId: Type.Optional(
      Type.String({ pattern: '^[0-9]{1,15}$', description: 'The `id` of the last message received.' }),
    ),
  },
  { additionalProperties: false },
);
export type LiveQuery = Static<typeof LiveQuery>;
