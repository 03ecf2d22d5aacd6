// Live updates as the console receives them: N agents' `GET /api/v1/live` streams open (read with
// fetch, as an EventSource reads them), then changes made through the API — a note on a case at
// one agent's site, half at each site — and, for every stream that may read the case, the time
// from the note's HTTP answer to the stream's `change` message about it.
import { describeError } from '../lib/errors.ts';
import { describeAnswer } from '../lib/http-load.ts';
import { percentile } from '../lib/stats.ts';
import type { ConsoleWorld } from './seed.ts';

export const LIVE_LIMITS = {
  streams: [50, 200],
  changes: 100,
  /** Between one change and the next, so the changes land across several polls. */
  gapMs: 20,
  /** After the last change, how long undelivered messages are waited for. */
  drainMs: 5_000,
  connectTimeoutMs: 15_000,
} as const;

export interface LiveResult {
  readonly streams: number;
  /** Streams that opened and gave their starting position. */
  readonly connected: number;
  /** From sending the request to the stream's first message (its position), p50 and p99, ms. */
  readonly connectP50Ms: number;
  readonly connectP99Ms: number;
  readonly changes: number;
  readonly expected: number;
  readonly delivered: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Deliveries seen before the change's own HTTP answer (counted in, as 0 ms or less). */
  readonly early: number;
  readonly problems: string[];
}

interface Stream {
  readonly siteId: string;
  /** Case id → when its note's `change` arrived (performance.now()). */
  readonly received: Map<string, number>;
  opened: Promise<number>;
  close(): void;
}

/** Opens one stream; `opened` settles with the time of its first message. */
const openStream = (url: string, token: string, siteId: string): Stream => {
  const controller = new AbortController();
  const received = new Map<string, number>();
  const sent = performance.now();
  const opened = (async () => {
    const response = await fetch(`${url}/api/v1/live`, {
      headers: { authorization: `Bearer ${token}`, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    if (response.status !== 200 || !response.body) {
      throw new Error(describeAnswer(response.status, await response.text()));
    }
    let first: (value: number) => void = () => {};
    const firstMessage = new Promise<number>((resolve) => (first = resolve));
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
          const at = performance.now();
          buffer += decoder.decode(chunk, { stream: true });
          for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.startsWith('id: ')) first(at - sent);
            if (!block.includes('event: change')) continue;
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            const change = JSON.parse(data?.slice(6) ?? '{}') as { caseId?: string; type?: string };
            if (change.type === 'case.note_added' && change.caseId && !received.has(change.caseId)) {
              received.set(change.caseId, at);
            }
          }
        }
      } catch {
        // Closed by the benchmark.
      }
    })();
    return firstMessage;
  })();
  return { siteId, received, opened, close: () => controller.abort() };
};

/** One run: `count` streams, then the changes; never throws. */
export const measureLive = async (url: string, world: ConsoleWorld, count: number): Promise<LiveResult> => {
  const problems: string[] = [];
  const streams = Array.from({ length: count }, (_, i) => {
    const agent = world.listeners[i % world.listeners.length]!;
    return openStream(url, agent.token, agent.siteId);
  });
  try {
    const connects: number[] = [];
    const timeout = new Promise<'timeout'>((resolve) =>
      setTimeout(() => resolve('timeout'), LIVE_LIMITS.connectTimeoutMs).unref(),
    );
    const settled = await Promise.all(
      streams.map((stream) =>
        Promise.race([stream.opened, timeout]).then(
          (value) => (typeof value === 'number' ? (connects.push(value), true) : false),
          (error: unknown) => {
            if (problems.length < 3) problems.push(`a stream did not open: ${describeError(error)}`);
            return false;
          },
        ),
      ),
    );
    const connected = streams.filter((_, i) => settled[i]);
    // The changes: notes on distinct open cases, alternating sites, each by the case's owner.
    const bySite = world.sites.map((site) => world.openCases.filter((c) => c.siteId === site));
    const targets = Array.from(
      { length: LIVE_LIMITS.changes },
      (_, i) => bySite[i % bySite.length]![Math.floor(i / 2)],
    ).filter((target) => target !== undefined);
    const answeredAt = new Map<string, { at: number; siteId: string }>();
    for (const target of targets) {
      const started = performance.now();
      try {
        const response = await fetch(`${url}/api/v1/cases/${target.caseId}/notes`, {
          method: 'POST',
          headers: { authorization: `Bearer ${target.ownerToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ body: 'Called the customer: the courier collects the parcel tomorrow morning.' }),
          signal: AbortSignal.timeout(10_000),
        });
        const text = await response.text();
        if (response.status === 201 || response.status === 200) {
          answeredAt.set(target.caseId, { at: performance.now(), siteId: target.siteId });
        } else if (problems.length < 5) problems.push(`a note failed: ${describeAnswer(response.status, text)}`);
      } catch (error) {
        if (problems.length < 5) problems.push(`a note failed: ${describeError(error)}`);
      }
      const wait = LIVE_LIMITS.gapMs - (performance.now() - started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    const expectedFor = (stream: Stream) => [...answeredAt].filter(([, change]) => change.siteId === stream.siteId);
    const expected = connected.reduce((sum, stream) => sum + expectedFor(stream).length, 0);
    const deliveredNow = () =>
      connected.reduce((sum, s) => sum + expectedFor(s).filter(([caseId]) => s.received.has(caseId)).length, 0);
    const drainUntil = performance.now() + LIVE_LIMITS.drainMs;
    while (deliveredNow() < expected && performance.now() < drainUntil) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latencies: number[] = [];
    for (const stream of connected) {
      for (const [caseId, change] of expectedFor(stream)) {
        const at = stream.received.get(caseId);
        if (at !== undefined) latencies.push(at - change.at);
      }
    }
    // A stream outside the change's site must never hear of it.
    const leaked = connected.reduce(
      (sum, s) =>
        sum +
        [...s.received.keys()].filter((id) => {
          const change = answeredAt.get(id);
          return change !== undefined && change.siteId !== s.siteId;
        }).length,
      0,
    );
    if (leaked > 0) problems.push(`${leaked} changes reached streams of agents at the other site.`);
    const sorted = latencies.sort((a, b) => a - b);
    connects.sort((a, b) => a - b);
    return {
      streams: count,
      connected: connected.length,
      connectP50Ms: percentile(connects, 50),
      connectP99Ms: percentile(connects, 99),
      changes: answeredAt.size,
      expected,
      delivered: latencies.length,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      maxMs: sorted.at(-1) ?? Number.NaN,
      early: sorted.filter((ms) => ms <= 0).length,
      problems,
    };
  } finally {
    for (const stream of streams) stream.close();
  }
};
