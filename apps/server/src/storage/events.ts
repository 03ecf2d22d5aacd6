import { PostgresAdapter, sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import { newId } from '../shared/ids.ts';
import { readInt, readJson, readTime, toDbJson, toDbTime } from './codec.ts';
import type { Database, Tx } from './database.ts';
import { enqueueJob, enqueueJobs, type NewJob } from './jobs.repository.ts';
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

/**
 * A read model kept in step with the log inside the writing transaction (the search index): unlike
 * a job, it has run when the request that appended the event returns, and it rolls back with it.
 * It must be quick and must not fail on valid events — a failure fails the whole write.
 */
export interface EventProjection {
  readonly name: string;
  /** The event types it follows. */
  readonly types: readonly string[];
  /** The events of the types it follows, in log order, from one append. */
  project(tx: Tx, events: readonly StoredEvent[]): Promise<void>;
}

/** Which jobs and projections each event type fans out to: the job registry, seen from storage. */
export interface EventRoutes {
  subscribersOf(eventType: string): readonly EventSubscriber[];
  projectionsOf?(eventType: string): readonly EventProjection[];
}

/** Runs each projection once over the events (in order) of the types it follows. */
const runProjections = async (tx: Tx, routes: EventRoutes | undefined, events: readonly StoredEvent[]) => {
  if (!routes?.projectionsOf) return;
  const byProjection = new Map<EventProjection, StoredEvent[]>();
  for (const event of events) {
    for (const projection of routes.projectionsOf(event.type)) {
      let list = byProjection.get(projection);
      if (!list) byProjection.set(projection, (list = []));
      list.push(event);
    }
  }
  for (const [projection, list] of byProjection) await projection.project(tx, list);
};

const routesByTx = new WeakMap<object, EventRoutes>();

/**
 * The database, with every unit of work routing its events: each `appendEvent` in a `write` runs
 * the projections that follow the event's type and enqueues, in the same transaction, one job per
 * subscriber of the event's type, with the
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
  const routes = routesByTx.get(tx);
  await runProjections(tx, routes, [stored]);
  const subscribers = routes?.subscribersOf(event.type) ?? [];
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

type EventRow = Insertable<EventsTable> & { readonly id: string };

/**
 * PostgreSQL: the rows as eight arrays unnested into one INSERT — eight parameters however many
 * events, so parsing and planning do not grow with the batch as a VALUES list would.
 */
const insertUnnested = async (tx: Tx, rows: readonly EventRow[]): Promise<{ id: string; seq: unknown }[]> => {
  const column = (pick: (row: EventRow) => unknown): unknown[] => rows.map(pick);
  const result = await sql<{ id: string; seq: unknown }>`
    INSERT INTO events (id, type, subject_type, subject_id, actor_id, request_id, payload, occurred_at)
    SELECT * FROM unnest(${column((r) => r.id)}::text[], ${column((r) => r.type)}::text[],
      ${column((r) => r.subject_type)}::text[], ${column((r) => r.subject_id)}::text[],
      ${column((r) => r.actor_id)}::text[], ${column((r) => r.request_id)}::text[],
      ${column((r) => r.payload)}::jsonb[], ${column((r) => r.occurred_at)}::timestamptz[])
    RETURNING id, seq`.execute(tx);
  return result.rows;
};

/** Rows per multi-row event INSERT: 8 parameters each keeps a statement far below either database's limit. */
const EVENTS_PER_STATEMENT = 1_000;

/**
 * Appends many events inside the caller's transaction, in order, in as few statements as possible
 * (one multi-row INSERT per 1,000 events, and one multi-row job INSERT per instant for the fan-out),
 * with the same effect as calling `appendEvent` for each: every event commits or rolls back with
 * the caller's state change, and each subscribed job is enqueued once with the id
 * `<job>:<event id>` (`ON CONFLICT DO NOTHING`). Returns the events with ids and log positions, in
 * the order given.
 */
export const appendEvents = async <P>(tx: Tx, events: readonly NewEvent<P>[]): Promise<StoredEvent<P>[]> => {
  if (events.length === 0) return [];
  const rows = events.map((event): EventRow => ({
    id: newId('evt', event.occurredAt),
    type: event.type,
    subject_type: event.subjectType,
    subject_id: event.subjectId,
    actor_id: event.actorId,
    request_id: event.requestId,
    payload: toDbJson(event.payload),
    occurred_at: toDbTime(event.occurredAt),
  }));
  const seqById = new Map<string, number>();
  const isPostgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  for (let i = 0; i < rows.length; i += EVENTS_PER_STATEMENT) {
    const chunk = rows.slice(i, i + EVENTS_PER_STATEMENT);
    // RETURNING row order is not promised, so positions are matched by id.
    const returned = isPostgres
      ? await insertUnnested(tx, chunk)
      : await tx.insertInto('events').values(chunk).returning(['id', 'seq']).execute();
    for (const row of returned) seqById.set(row.id, readInt(row.seq));
  }
  const stored = events.map((event, i) => {
    const id = rows[i]!.id;
    const seq = seqById.get(id);
    if (seq === undefined) throw new Error(`Event ${id} was not stored`);
    return { ...event, id, seq };
  });
  const routes = routesByTx.get(tx);
  if (!routes) return stored;
  await runProjections(tx, routes, stored);
  // Jobs are stamped with their event's instant, as appendEvent does: one statement per instant.
  const jobsByInstant = new Map<number, NewJob[]>();
  for (const event of stored) {
    for (const subscriber of routes.subscribersOf(event.type)) {
      const at = event.occurredAt.getTime();
      let jobs = jobsByInstant.get(at);
      if (!jobs) jobsByInstant.set(at, (jobs = []));
      jobs.push({
        id: `${subscriber.name}:${event.id}`,
        name: subscriber.name,
        payload: eventJobPayload(event),
        ...(subscriber.maxAttempts ? { maxAttempts: subscriber.maxAttempts } : {}),
      });
    }
  }
  for (const [at, jobs] of jobsByInstant) await enqueueJobs(tx, jobs, new Date(at));
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
