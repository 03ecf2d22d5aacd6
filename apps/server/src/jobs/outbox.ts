import { Type, type Static, type TSchema } from 'typebox';
import type { Tx } from '../storage/database.ts';
import { appendEvent, eventJobPayload, type NewEvent, type StoredEvent } from '../storage/events.ts';
import { enqueueJob } from '../storage/jobs.repository.ts';
import { checkPayload, type JobDefinition, type JobRegistry } from './registry.ts';

/**
 * The outbox (STYLE #9): side effects are jobs enqueued in the transaction that changes state, so
 * they run if and only if the change committed, and only after it did.
 */

/** The payload every event-subscribed job receives: the event itself, as JSON. */
export const EventJobPayload = Type.Object({
  eventId: Type.String(),
  seq: Type.Integer(),
  type: Type.String(),
  subjectType: Type.String(),
  subjectId: Type.String(),
  actorId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  /** ISO-8601 UTC. */
  occurredAt: Type.String(),
  payload: Type.Unknown(),
});
export type EventJobPayload = Static<typeof EventJobPayload>;

export const toEventJobPayload = (event: StoredEvent): EventJobPayload => eventJobPayload(event);

/** `<job name>:<event id>`: one job per (handler, event), however often the fan-out is repeated. */
export const eventJobId = (jobName: string, eventId: string): string => `${jobName}:${eventId}`;

/**
 * Enqueues one job per handler subscribed to `event.type`, in the caller's transaction, due at the
 * event's `occurredAt`. Ids are deterministic, so fanning the same event out twice is harmless.
 * Returns the ids of the jobs newly enqueued.
 *
 * Throws if a subscriber's schema rejects the event payload: that is a wiring bug, and failing the
 * transaction makes it loud in the first test that touches it.
 */
export const enqueueForEvent = async (tx: Tx, event: StoredEvent, registry: JobRegistry): Promise<string[]> => {
  const enqueued: string[] = [];
  const payload = toEventJobPayload(event);
  for (const definition of registry.subscribersOf(event.type)) {
    const check = checkPayload(definition, payload);
    if (!check.ok) throw new Error(`Job "${definition.name}" subscribes to ${event.type} but ${check.reason}`);
    const { id, inserted } = await enqueueJob(
      tx,
      {
        id: eventJobId(definition.name, event.id),
        name: definition.name,
        payload,
        maxAttempts: definition.maxAttempts,
      },
      event.occurredAt,
    );
    if (inserted) enqueued.push(id);
  }
  return enqueued;
};

/**
 * Appends the event and fans it out to its subscribers — the one call a repository makes for a
 * state change's event. Same transaction throughout.
 */
export const recordEvent = async <P>(tx: Tx, event: NewEvent<P>, registry: JobRegistry): Promise<StoredEvent<P>> => {
  const stored = await appendEvent(tx, event);
  await enqueueForEvent(tx, stored, registry);
  return stored;
};

/**
 * Enqueues `definition` with a payload checked against its schema at compile time and again now
 * (a bad payload fails the caller's transaction instead of dying later in the queue).
 * `now` (UTC) stamps the row; `runAt` (UTC) defaults to it. Returns the job id and whether it was new.
 */
export const enqueue = async <S extends TSchema>(
  tx: Tx,
  definition: JobDefinition<S>,
  payload: Static<S>,
  now: Date,
  options: { readonly runAt?: Date; readonly id?: string } = {},
): Promise<{ id: string; inserted: boolean }> => {
  const check = checkPayload(definition, payload);
  if (!check.ok) throw new Error(check.reason);
  return enqueueJob(tx, { ...options, name: definition.name, payload, maxAttempts: definition.maxAttempts }, now);
};
