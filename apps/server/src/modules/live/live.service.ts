import { LIVE_REPLAY_LIMIT } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Context } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { visibilityFor, type CaseVisibility } from '../cases/index.ts';
import type { LiveRepository } from './live.repository.ts';
import {
  advanceTail,
  caseReadableBy,
  changeMessage,
  parseLastEventId,
  positionMessage,
  resetMessage,
  type CaseReach,
  type LiveEvent,
  type TailState,
} from './live.ts';

/** One open stream, as the hub writes to it. */
export interface LiveConnection {
  /** Writes a chunk; false when the client has fallen too far behind and should be let go. */
  write(chunk: string): boolean;
  /** Ends the stream (the browser reconnects with `Last-Event-ID`). */
  end(): void;
}

/** A client's subscription: `ready` settles once its replay is written; `close` when the client leaves. */
export interface LiveSubscription {
  readonly ready: Promise<void>;
  close(): void;
}

export interface LiveHubDeps {
  readonly store: { readonly read: LiveRepository };
  /** Between polls of the event log, in ms (1 s). */
  readonly pollMs?: number;
  /** A comment line goes to a stream that has been quiet this long, in ms (25 s). */
  readonly heartbeatMs?: number;
  /** Events read per poll (500); a full batch polls again at once. */
  readonly batch?: number;
  /**
   * A stream is ended after this long, in ms (10 min); the browser reconnects at once with
   * `Last-Event-ID` and loses nothing, and the sign-in and scope are checked again — so a caller
   * signed out, disabled or moved to another site stops hearing about cases it can no longer read.
   */
  readonly maxAgeMs?: number;
  /**
   * Streams open at once in this process (2,000), and per user (8: a few tabs); past either a new
   * stream is refused before it starts, so a flood of tabs or clients cannot hold every socket.
   */
  readonly maxStreams?: number;
  readonly maxStreamsPerUser?: number;
  /** In [0, 1), for spreading stream ages (tests pass their own). */
  readonly random?: () => number;
  /** How long a missing position is waited for (10 s); see `advanceTail`. */
  readonly gapWaitMs?: number;
  /** A monotonic clock in ms, for heartbeats and gaps (not the business clock: this is transport). */
  readonly nowMs?: () => number;
}

interface Client {
  readonly visibility: CaseVisibility;
  readonly connection: LiveConnection;
  /** Changes at or below this position are not sent (they came in the replay, or before it). */
  after: number;
  /** While the replay is read, live changes wait here; null once it is written. */
  pending: { seq: number; late: boolean; text: string }[] | null;
  lastWriteMs: number;
  readonly connectedMs: number;
  /** This stream's age limit: `maxAgeMs` ±15 %, so clients that came together do not all reconnect together. */
  readonly maxAgeMs: number;
  gone: boolean;
}

/**
 * The live-update hub behind `GET /live`: one poller per process reads the event log by `seq`
 * (about once a second, only while a client is connected) and sends each change on a case to every
 * client whose scope reads that case. It reads the database, not in-process events, so a change
 * made through any instance reaches every instance's clients.
 */
export const createLiveHub = ({
  store,
  pollMs = 1_000,
  heartbeatMs = 25_000,
  batch = 500,
  gapWaitMs = 10_000,
  maxAgeMs = 600_000,
  maxStreams = 2_000,
  maxStreamsPerUser = 8,
  random = Math.random,
  nowMs = () => performance.now(),
}: LiveHubDeps) => {
  const repo = store.read;
  /** Streams admitted and not yet released, in all and by caller. */
  let streams = 0;
  const streamsBy = new Map<string, number>();
  const clients = new Set<Client>();
  let tail: TailState = { cursor: 0, gaps: new Map() };
  let running = false;
  let closed = false;
  /** Bumped on every start and stop, so a poll from an earlier run never schedules another. */
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let starting: Promise<void> | null = null;
  let polling: Promise<void> | null = null;
  let report: (error: unknown) => void = () => {};

  const drop = (client: Client, end: boolean) => {
    if (client.gone) return;
    client.gone = true;
    clients.delete(client);
    if (end) client.connection.end();
    if (clients.size === 0 && running) stop();
  };

  const send = (client: Client, text: string) => {
    if (client.gone) return;
    client.lastWriteMs = nowMs();
    if (!client.connection.write(text)) drop(client, true);
  };

  const stop = () => {
    running = false;
    generation += 1;
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const reachOf = async (events: readonly LiveEvent[]): Promise<Map<string, CaseReach>> => {
    const ids = [...new Set(events.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
    return ids.length > 0 ? repo.caseReach(ids) : new Map();
  };

  /** One poll: reads what is new, advances the tail, fans the changes out. True when more is waiting. */
  const poll = async (): Promise<boolean> => {
    const events = await repo.eventsAfter(tail.cursor, [...tail.gaps.keys()], batch);
    const reach = clients.size > 0 ? await reachOf(events) : new Map<string, CaseReach>();
    // From here on nothing awaits: a client that subscribes sees the cursor and the fan-out together.
    const moved = advanceTail(tail, events, nowMs(), gapWaitMs);
    tail = moved.state;
    for (const event of events) {
      if (!event.caseId) continue;
      const late = moved.late.has(event.seq);
      const text = changeMessage(event);
      for (const client of [...clients]) {
        if (!late && event.seq <= client.after) continue;
        if (!caseReadableBy(client.visibility, reach.get(event.caseId))) continue;
        if (client.pending) client.pending.push({ seq: event.seq, late, text });
        else send(client, text);
      }
    }
    return events.length >= batch;
  };

  const heartbeat = () => {
    const now = nowMs();
    for (const client of [...clients]) {
      if (client.pending) continue;
      if (now - client.connectedMs >= client.maxAgeMs) {
        drop(client, true);
        continue;
      }
      if (now - client.lastWriteMs < heartbeatMs) continue;
      send(client, positionMessage(Math.max(tail.cursor, client.after), 'keep-alive'));
    }
  };

  const schedule = (run: number, delayMs: number) => {
    timer = setTimeout(() => {
      timer = undefined;
      if (run !== generation) return;
      const current = poll().catch((error: unknown) => {
        report(error);
        return false;
      });
      polling = current.then(() => undefined);
      void current.then((more) => {
        polling = null;
        if (run !== generation) return;
        heartbeat();
        schedule(run, more ? 0 : pollMs);
      });
    }, delayMs);
    // The poller never holds the process open by itself: open streams do, and `close` ends them.
    timer.unref?.();
  };

  const ensureRunning = async () => {
    if (running) return;
    starting ??= (async () => {
      try {
        const head = await repo.headSeq();
        if (closed || running) return;
        tail = { cursor: head, gaps: new Map() };
        running = true;
        generation += 1;
        schedule(generation, pollMs);
      } finally {
        starting = null;
      }
    })();
    await starting;
  };

  /** What a client hears first: its missed changes (or a reset), then its position. */
  const introduction = async (client: Client, lastEventId: string | undefined, head: number): Promise<string[]> => {
    const last = parseLastEventId(lastEventId);
    if (last === undefined) return [positionMessage(head)];
    if (last === null) return [resetMessage(head)];
    if (last >= head) {
      // Another instance may be a poll ahead of this one; a position past the whole log is not ours.
      if (last > head && last > (await repo.headSeq())) return [resetMessage(head)];
      client.after = last;
      return [positionMessage(last)];
    }
    const missed = await repo.caseEventsBetween(last, head, LIVE_REPLAY_LIMIT + 1);
    if (missed.length > LIVE_REPLAY_LIMIT) return [resetMessage(head)];
    const reach = await reachOf(missed);
    return [
      ...missed.filter((event) => caseReadableBy(client.visibility, reach.get(event.caseId ?? ''))).map(changeMessage),
      positionMessage(head),
    ];
  };

  /**
   * Starts sending `ctx`'s readable changes to `connection`: from `lastEventId` on when given
   * (up to `LIVE_REPLAY_LIMIT` missed changes, else a `reset`), otherwise from now.
   */
  const subscribe = (ctx: Context, connection: LiveConnection, lastEventId?: string): LiveSubscription => {
    requirePermission(ctx.actor, 'case:read');
    const client: Client = {
      visibility: visibilityFor(ctx.actor),
      connection,
      after: 0,
      pending: [],
      lastWriteMs: nowMs(),
      connectedMs: nowMs(),
      maxAgeMs: maxAgeMs * (0.85 + 0.3 * random()),
      gone: false,
    };
    const ready = (async () => {
      // The last other client may leave (stopping the poller) while this one waits: start it again.
      while (!running) {
        if (client.gone || closed) return drop(client, true);
        await ensureRunning();
      }
      // The browser may have left (or the hub closed) while the poller started: then it is not
      // added, and a poller started for it alone stops again.
      if (client.gone || closed) {
        drop(client, true);
        if (clients.size === 0 && running) stop();
        return;
      }
      const head = tail.cursor;
      client.after = head;
      clients.add(client);
      const intro = await introduction(client, lastEventId, head);
      const queued = client.pending ?? [];
      client.pending = null;
      for (const text of intro) send(client, text);
      for (const item of queued) if (item.late || item.seq > client.after) send(client, item.text);
    })().catch((error: unknown) => {
      drop(client, true);
      throw error;
    });
    return { ready, close: () => drop(client, false) };
  };

  /**
   * Counts a stream `ctx` is about to open, before anything is sent; the returned function releases
   * it (once, whenever called again). Throws `rate_limited` when the caller has
   * `maxStreamsPerUser` open, `not_ready` when the process has `maxStreams`.
   */
  const admit = (ctx: Context): (() => void) => {
    const who = ctx.actor.kind === 'user' ? `user:${ctx.actor.userId}` : ctx.actor.kind;
    const mine = streamsBy.get(who) ?? 0;
    if (mine >= maxStreamsPerUser) {
      throw new AppError(ErrorCode.RateLimited, `At most ${maxStreamsPerUser} live streams per user`, [], {
        retryAfterSeconds: 30,
      });
    }
    if (streams >= maxStreams) {
      throw new AppError(ErrorCode.NotReady, 'This server has as many live streams open as it takes', [], {
        retryAfterSeconds: 10 + Math.floor(random() * 20),
      });
    }
    streams += 1;
    streamsBy.set(who, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      streams -= 1;
      const left = (streamsBy.get(who) ?? 1) - 1;
      if (left > 0) streamsBy.set(who, left);
      else streamsBy.delete(who);
    };
  };

  /** Ends every stream and stops the poller (app shutdown); later subscriptions end at once. */
  const close = async () => {
    closed = true;
    stop();
    for (const client of [...clients]) drop(client, true);
    await starting?.catch(() => undefined);
    await polling;
  };

  return {
    subscribe,
    admit,
    close,
    /** Where a failed poll is reported (the poll is tried again on the next tick). */
    reportErrorsTo: (sink: (error: unknown) => void) => {
      report = sink;
    },
    /** How many streams are open (for tests and metrics). */
    clientCount: () => clients.size,
    /** Whether the poller is running. */
    isPolling: () => running,
  };
};

export type LiveHub = ReturnType<typeof createLiveHub>;
