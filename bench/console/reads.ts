// What the console reads all day, loaded over HTTP: single routes with autocannon (the echo
// ceiling's load generator), and the case page's reads fired together, as the page fires them,
// with fetch — one page load timed from the first request sent to the last answer read. A route
// whose single answer takes longer than SLOW_MS is loaded with fetch too, waiting for its last
// answers: autocannon's fixed window would count none of them and leave them queued on the server.
import { describeError } from '../lib/errors.ts';
import { describeAnswer, measureLoad, type LoadMeasurement } from '../lib/http-load.ts';
import { summarize } from '../lib/stats.ts';
import type { ConsoleWorld } from './seed.ts';

export const READ_LIMITS = {
  concurrencies: [1, 8],
  seconds: 2,
  warmupSeconds: 1,
  /** A route slower than this alone (one warm request, ms) is loaded by `closedLoop`, without warm-up. */
  slowMs: 100,
} as const;

/** The reads of one case that the case page starts at once (use-case-data.ts), the case first. */
export const CASE_PAGE_READS = [
  '',
  '/clocks',
  '/commitments',
  '/tasks',
  '/risk',
  '/similar',
  '/compensations',
  '/escalations',
] as const;

export interface ReadRow {
  readonly workload: string;
  /** Loaded with fetch, waiting for the last answers, because one answer took longer than `slowMs`. */
  readonly slow: boolean;
  /** One warm request alone, before the loads (ms); undefined for the case page. */
  readonly aloneMs: number | undefined;
  readonly loads: LoadMeasurement[];
}

interface RouteLoad {
  readonly path: string;
  readonly who: 'reader' | 'supervisor';
}

const ROUTES: readonly RouteLoad[] = [
  { path: '/api/v1/queues', who: 'reader' },
  { path: '/api/v1/cases?queue=mine&limit=50', who: 'reader' },
  { path: '/api/v1/cases?queue=due_soon&limit=50', who: 'reader' },
  { path: '/api/v1/early-warning', who: 'supervisor' },
  { path: '/api/v1/reports/overview', who: 'supervisor' },
  { path: '/api/v1/reports/workload', who: 'supervisor' },
];
/** Routes measured before the case page, in the order the table shows them. */
const BEFORE_PAGE = 3;

const get = async (url: string, token: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(url, {
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
    signal: AbortSignal.timeout(60_000),
  });
  return { status: response.status, text: await response.text() };
};

/**
 * Waits until the server answers `/healthz`, i.e. has worked off what an earlier load left queued
 * (a synchronous SQLite query holds its event loop), so every load starts on an idle server.
 */
const settle = async (url: string): Promise<void> => {
  await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(120_000) }).then((response) => response.text());
};

/**
 * `concurrency` workers each run `unit` again and again until `seconds` have passed (after an
 * untimed warm-up), and the last units are waited for: throughput is units done over the whole
 * time, latency is per unit. `requestsPerUnit` turns units into requests for the count.
 */
const closedLoop = async (
  options: { concurrency: number; seconds: number; warmupSeconds: number; requestsPerUnit: number },
  unit: () => Promise<string | undefined>,
): Promise<LoadMeasurement> => {
  let failures = 0;
  let firstFailure: string | undefined;
  const run = async (ms: number, latencies: number[] | undefined): Promise<number> => {
    const deadline = performance.now() + ms;
    let done = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (performance.now() < deadline) {
          const before = performance.now();
          const failure = await unit().catch((error: unknown) => describeError(error));
          latencies?.push(performance.now() - before);
          if (failure === undefined) done += 1;
          else if (latencies) {
            failures += 1;
            firstFailure ??= failure;
          }
        }
      }),
    );
    return done;
  };
  if (options.warmupSeconds > 0) await run(options.warmupSeconds * 1000, undefined);
  const latencies: number[] = [];
  const started = performance.now();
  const units = await run(options.seconds * 1000, latencies);
  const measured = summarize(units * options.requestsPerUnit, performance.now() - started, latencies);
  return { ...measured, concurrency: options.concurrency, failures, firstFailure };
};

/** One GET, as a unit of `closedLoop`: undefined when it answered 200, else what went wrong. */
const readOnce = async (url: string, token: string): Promise<string | undefined> => {
  const answer = await get(url, token);
  return answer.status === 200 ? undefined : describeAnswer(answer.status, answer.text);
};

/** One page load: the page's reads of the next case, fired together. */
const pageLoader = (url: string, token: string, caseIds: readonly string[]) => {
  let next = 0;
  return async (): Promise<string | undefined> => {
    const id = caseIds[next++ % caseIds.length]!;
    const failures = await Promise.all(
      CASE_PAGE_READS.map((suffix) =>
        readOnce(`${url}/api/v1/cases/${id}${suffix}`, token).catch((error: unknown) => describeError(error)),
      ),
    );
    return failures.find((failure) => failure !== undefined);
  };
};

/** One read of `route` alone: its time, and what its answer says about the seeded world. */
const probe = async (
  url: string,
  route: RouteLoad,
  token: string,
  facts: string[],
  problems: string[],
): Promise<number | undefined> => {
  try {
    const started = performance.now();
    const answer = await get(`${url}${route.path}`, token);
    const ms = performance.now() - started;
    if (answer.status !== 200) {
      problems.push(`${route.path}: ${describeAnswer(answer.status, answer.text)}`);
      return ms;
    }
    const body = JSON.parse(answer.text) as { counts?: Record<string, number>; items?: unknown[] };
    if (body.counts) {
      const whose = route.who === 'reader' ? "The agent's queue counts" : "The supervisor's early-warning counts";
      const counts = Object.entries(body.counts).map(([key, n]) => `${key} ${n.toLocaleString('en-US')}`);
      facts.push(`${whose}: ${counts.join(', ')}.`);
    } else if (route.path.startsWith('/api/v1/cases') && Array.isArray(body.items)) {
      facts.push(`\`${route.path}\` returns ${body.items.length} cases.`);
    }
    return ms;
  } catch (error) {
    problems.push(`${route.path}: ${describeError(error)}`);
    return undefined;
  }
};

/** Every read workload at each concurrency; a workload that fails is a note, the rest still run. */
export const measureReads = async (
  url: string,
  world: ConsoleWorld,
  progress: (text: string) => void,
  facts: string[],
  problems: string[],
): Promise<ReadRow[]> => {
  const single = async (route: RouteLoad): Promise<ReadRow> => {
    const token = route.who === 'reader' ? world.reader.token : world.supervisor.token;
    await settle(url);
    // The first answer is cold (statements prepared, code compiled): a slow one is asked again.
    let aloneMs = await probe(url, route, token, facts, problems);
    if (aloneMs !== undefined && aloneMs > READ_LIMITS.slowMs) aloneMs = await probe(url, route, token, [], []);
    const slow = aloneMs !== undefined && aloneMs > READ_LIMITS.slowMs;
    const loads: LoadMeasurement[] = [];
    for (const concurrency of READ_LIMITS.concurrencies) {
      progress(`console: GET ${route.path} at concurrency ${concurrency}`);
      try {
        await settle(url);
        loads.push(
          slow
            ? await closedLoop(
                { concurrency, seconds: READ_LIMITS.seconds, warmupSeconds: 0, requestsPerUnit: 1 },
                () => readOnce(`${url}${route.path}`, token),
              )
            : await measureLoad({
                url,
                token,
                concurrency,
                seconds: READ_LIMITS.seconds,
                warmupSeconds: READ_LIMITS.warmupSeconds,
                method: 'GET',
                path: () => route.path,
                expected: 200,
              }),
        );
      } catch (error) {
        problems.push(`GET ${route.path} at concurrency ${concurrency} failed: ${describeError(error)}`);
      }
    }
    return { workload: `GET ${route.path}`, slow, aloneMs, loads };
  };
  const rows: ReadRow[] = [];
  for (const route of ROUTES.slice(0, BEFORE_PAGE)) rows.push(await single(route));
  const page: ReadRow = {
    workload: `case page: ${CASE_PAGE_READS.length} reads of one case at once (one page load)`,
    slow: false,
    aloneMs: undefined,
    loads: [],
  };
  if (world.pageCases.length === 0) problems.push('Case page not measured: no seeded case had anything on its panels.');
  else {
    for (const concurrency of READ_LIMITS.concurrencies) {
      progress(`console: case page at ${concurrency} pages at a time`);
      try {
        await settle(url);
        const options = {
          concurrency,
          seconds: READ_LIMITS.seconds,
          warmupSeconds: READ_LIMITS.warmupSeconds,
          requestsPerUnit: CASE_PAGE_READS.length,
        };
        page.loads.push(await closedLoop(options, pageLoader(url, world.reader.token, world.pageCases)));
      } catch (error) {
        problems.push(`Case page at concurrency ${concurrency} failed: ${describeError(error)}`);
      }
    }
  }
  rows.push(page);
  for (const route of ROUTES.slice(BEFORE_PAGE)) rows.push(await single(route));
  return rows;
};
