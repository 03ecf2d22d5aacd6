import autocannon from 'autocannon';
import { summarize, type LoadMeasurement } from './stats.ts';

/**
 * The parts of autocannon the HTTP sections use beyond bench/types/autocannon.d.ts: a request list
 * with per-request hooks, an amount instead of a duration, and the run's `response` events (which
 * carry each latency in fractional milliseconds; the result's histogram rounds to whole ones).
 */
interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
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

export type { LoadMeasurement };

export interface LoadOptions {
  readonly url: string;
  /** An API token sent as a bearer token; none for public routes. */
  readonly token?: string;
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
  /** Headers of each request beyond the common ones, built after its `body()`. */
  readonly headers?: () => Record<string, string>;
  /** The status a request must answer to count as done. */
  readonly expected: number;
  /** Sees the body of each expected answer, warm-up included (to collect the ids created). */
  readonly onSuccess?: (body: string) => void;
}

/** "HTTP 422 validation_failed: …" from an error answer, or its first 200 characters. */
export const describeAnswer = (status: number, body: string): string => {
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
  const headers: Record<string, string> = {
    ...(options.token === undefined ? {} : { authorization: `Bearer ${options.token}` }),
    accept: 'application/json',
  };
  if (options.body) headers['content-type'] = 'application/json';
  const request: CannonRequest = {
    method: options.method,
    path: options.path(),
    setupRequest: (current) => ({
      ...current,
      path: options.path(),
      ...(options.body ? { body: JSON.stringify(options.body()) } : {}),
      // setupRequest sees the common headers already merged in; what it returns replaces them.
      ...(options.headers ? { headers: { ...current.headers, ...options.headers() } } : {}),
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

/**
 * One JSON call to Redress's API under `/api/v1` with an API token, for setting a server up
 * before its loads; throws on any answer but a 2xx.
 */
export const callApi = async (
  url: string,
  token: string,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> => {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${describeAnswer(response.status, text)}`);
  return JSON.parse(text) as Record<string, unknown>;
};

/**
 * A working calendar (Taiwan, `years`) and the ISO 10002 service policy, as an administrator sets
 * them up before going live: every complaint then starts its acknowledge, keep-in-loop and resolve
 * clocks, as in production.
 */
export const configurePolicy = async (url: string, token: string, years: readonly number[]): Promise<void> => {
  const calendar = await callApi(url, token, 'POST', '/calendars', { preset: 'TW', years });
  await callApi(url, token, 'POST', '/policies/presets', { preset: 'iso10002', calendarId: calendar.id });
};
