import type { Kysely, Selectable } from 'kysely';
import { newId } from '../shared/ids.ts';
import { readInt, readJson, readTime, toDbJson, toDbTime } from './codec.ts';
import type { Database, Tx } from './database.ts';
import { enqueueJob } from './jobs.repository.ts';
import type { EventsTable, Schema } from './schema.ts';

/** What a use case records about one state change. */
export interface NewEvent<P = unknown> {
  /** A name from the catalogue in `@redress/contract` (`EventType`), e.g. `user.created`. */
  readonly type: string;
  /** What the event is about, e.g. `user` / `usr_…`: the timeline of one thing reads by these. */
  readonly subjectType: string;
  readonly subjectId: string;
  /** Who caused it; null for the system (jobs, sweeps, cron). */
  readonly actorId: string | null;
  /** The request it came from, to join logs with the audit trail; null outside requests. */
  readonly requestId: string | null;
  /** JSON-serialisable facts; never secrets (webhooks and exports read this). */
  readonly payload: P;
  /** The instant of the change (UTC), normally the use case's `clock.now()`. */
  readonly occurredAt: Date;
}

/** An event as stored: `seq` orders the whole log (gap-free order is not promised, only ascending). */
export interface StoredEvent<P = unknown> extends NewEvent<P> {
  readonly seq: number;
  /** `evt_…`, unique; used in deterministic job ids (`<handler>:<event id>`). */
  readonly id: string;
}

/** Anything that can read: `database.read` or an open transaction. */
export type EventReader = Kysely<Schema>;

const toEvent = <P>(row: Selectable<EventsTable>): StoredEvent<P> => ({
  seq: readInt(row.seq),
  id: row.id,
  type: row.type,
  subjectType: row.subject_type,
  subjectId: row.subject_id,
  actorId: row.actor_id,
  requestId: row.request_id,
  payload: readJson<P>(row.payload),
  occurredAt: readTime(row.occurred_at),
});

/** A job an event type fans out to, as the job registry describes it. */
export interface EventSubscriber {
  readonly name: string;
  readonly maxAttempts?: number | undefined;
}

/** Which jobs each event type fans out to: the job registry, seen from storage. */
export interface EventRoutes {
  subscribersOf(eventType: string): readonly EventSubscriber[];
}

const routesByTx = new WeakMap<object, EventRoutes>();

/**
 * The database, with every unit of work routing its events: each `appendEvent` in a `write` also
 * enqueues, in the same transaction, one job per subscriber of the event's type, with the
 * deterministic id `<job>:<event id>` (the outbox, STYLE #9). `routes` is read at append time, so
 * the registry may be built after the services that append events.
 */
export const routeEvents = (db: Database, routes: EventRoutes): Database => ({
  dialect: db.dialect,
  read: db.read,
  ping: () => db.ping(),
  close: () => db.close(),
  write: (work) =>
    db.write((tx) => {
      routesByTx.set(tx, routes);
      return work(tx);
    }),
});

/** The payload every event-subscribed job receives: the event itself, as JSON. */
export const eventJobPayload = (event: StoredEvent) => ({
  eventId: event.id,
  seq: event.seq,
  type: event.type,
  subjectType: event.subjectType,
  subjectId: event.subjectId,
  actorId: event.actorId,
  requestId: event.requestId,
  occurredAt: event.occurredAt.toISOString(),
  payload: event.payload,
});

/**
 * Appends one event inside the caller's transaction, so the event commits (or rolls back) with
 * the state change it describes, and enqueues the jobs subscribed to its type (see
 * `routeEvents`). Returns it with its id and log position.
 */
export const appendEvent = async <P>(tx: Tx, event: NewEvent<P>): Promise<StoredEvent<P>> => {
  const id = newId('evt', event.occurredAt);
  const row = await tx
    .insertInto('events')
    .values({
      id,
      type: event.type,
      subject_type: event.subjectType,
      subject_id: event.subjectId,
      actor_id: event.actorId,
      request_id: event.requestId,
      payload: toDbJson(event.payload),
      occurred_at: toDbTime(event.occurredAt),
    })
    .returning('seq')
    .executeTakeFirstOrThrow();
  const stored = { ...event, id, seq: readInt(row.seq) };
  const subscribers = routesByTx.get(tx)?.subscribersOf(event.type) ?? [];
  for (const subscriber of subscribers) {
    await enqueueJob(
      tx,
      {
        id: `${subscriber.name}:${id}`,
        name: subscriber.name,
        payload: eventJobPayload(stored),
        ...(subscriber.maxAttempts ? { maxAttempts: subscriber.maxAttempts } : {}),
      },
      event.occurredAt,
    );
  }
  return stored;
};

/**
 * Tails the log: up to `limit` events with `seq > afterSeq`, oldest first. Pass the last `seq`
 * you processed to continue. Start from 0 to read from the beginning.
 *
 * On PostgreSQL a `bigserial` is handed out at insert but becomes visible at commit, so a reader
 * may see seq 12 before a slower transaction's seq 11; a tailer that must not miss any event should
 * re-read a short window behind its cursor (or consume through the outbox, which has no gap).
 */
export const listEventsAfter = async (db: EventReader, afterSeq: number, limit = 100): Promise<StoredEvent[]> => {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('seq', '>', afterSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((row) => toEvent(row));
};

/** The history of one subject (a case's timeline, a user's audit trail), oldest first. */
export const listEventsForSubject = async (
  db: EventReader,
  subjectType: string,
  subjectId: string,
  options: { readonly afterSeq?: number; readonly limit?: number } = {},
): Promise<StoredEvent[]> => {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .where('seq', '>', options.afterSeq ?? 0)
    .orderBy('seq')
    .limit(options.limit ?? 500)
    .execute();
  return rows.map((row) => toEvent(row));
};
