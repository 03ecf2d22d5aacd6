import autocannon from 'autocannon';
import { summarize, type Measurement } from '../lib/stats.ts';

/**
 * The parts of autocannon this section uses beyond bench/types/autocannon.d.ts: a request list
 * with per-request hooks, an amount instead of a duration, and the run's `response` events (which
 * carry each latency in fractional milliseconds; the result's histogram rounds to whole ones).
 */
interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  /** Builds each request just before it is sent. */
  setupRequest?: (request: CannonRequest) => CannonRequest;
  onResponse?: (status: number, body: string) => void;
}

interface CannonOptions {
  url: string;
  connections: number;
  duration?: number;
  amount?: number;
  headers: Record<string, string>;
  requests: CannonRequest[];
  warmup?: { connections: number; duration: number };
}

interface CannonResult {
  /** Seconds. */
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
}

interface CannonRun extends PromiseLike<CannonResult> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): this;
}

const cannon = autocannon as unknown as (options: CannonOptions) => CannonRun;

/** One measured load: the loop's figures plus what the responses said. */
export interface LoadMeasurement extends Measurement {
  readonly concurrency: number;
  /** Requests that failed on the network, timed out or answered with another status than expected. */
  readonly failures: number;
  /** The first unexpected answer, described, so a note can say what went wrong. */
  readonly firstFailure: string | undefined;
}

export interface LoadOptions {
  readonly url: string;
  readonly token: string;
  /** Connections, each with one request in flight at a time. */
  readonly concurrency: number;
  /** How long the measured load runs; or … */
  readonly seconds?: number;
  /** … how many requests it sends in all (then `seconds` is ignored). */
  readonly amount?: number;
  /** An untimed run first, at the same concurrency, so JIT, caches and sockets settle. */
  readonly warmupSeconds?: number;
  readonly method: 'GET' | 'POST';
  /** The path of each request (e.g. a random case id). */
  readonly path: () => string;
  /** The JSON body of each request. */
  readonly body?: () => unknown;
  /** The status a request must answer to count as done. */
  readonly expected: number;
  /** Sees the body of each expected answer, warm-up included (to collect the ids created). */
  readonly onSuccess?: (body: string) => void;
}

const describeAnswer = (status: number, body: string): string => {
  let text = body;
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    if (error) text = `${String(error.code)}: ${String(error.message)}`;
  } catch {
    // Not JSON: show it as it came.
  }
  return `HTTP ${status} ${text.slice(0, 200)}`;
};

/**
 * Loads one route with autocannon — the load generator of ceiling (e), so the two compare like
 * with like — building every request's path and body as it goes. Throughput counts expected
 * answers only; latency covers every answer, from autocannon's own per-request timing.
 */
export const measureLoad = async (options: LoadOptions): Promise<LoadMeasurement> => {
  let firstFailure: string | undefined;
  let unexpected = 0;
  const latencies: number[] = [];
  const headers: Record<string, string> = { authorization: `Bearer ${options.token}`, accept: 'application/json' };
  if (options.body) headers['content-type'] = 'application/json';
  const request: CannonRequest = {
    method: options.method,
    path: options.path(),
    setupRequest: (current) => ({
      ...current,
      path: options.path(),
      ...(options.body ? { body: JSON.stringify(options.body()) } : {}),
    }),
    onResponse: (status, body) => {
      if (status === options.expected) {
        options.onSuccess?.(body);
        return;
      }
      unexpected += 1;
      firstFailure ??= describeAnswer(status, body);
    },
  };
  const run = cannon({
    url: options.url,
    connections: options.concurrency,
    ...(options.amount !== undefined ? { amount: options.amount } : { duration: options.seconds ?? 5 }),
    headers,
    requests: [request],
    ...(options.warmupSeconds ? { warmup: { connections: options.concurrency, duration: options.warmupSeconds } } : {}),
  });
  // The warm-up reports on a tracker of its own: these are the measured run's answers only.
  run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await run;
  const done = options.expected >= 200 && options.expected < 300 ? result['2xx'] : latencies.length - unexpected;
  const measured = summarize(done, result.duration * 1000, latencies);
  if (result.errors + result.timeouts > 0) firstFailure ??= `${result.errors} errors, ${result.timeouts} timeouts`;
  return {
    ...measured,
    concurrency: options.concurrency,
    failures: result.errors + result.timeouts + (latencies.length - done),
    firstFailure,
  };
};
