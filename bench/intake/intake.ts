import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError } from '../lib/errors.ts';
import { intakeTraffic, seededRandom } from './complaints.ts';
import { configurePolicy, measureLoad, type LoadMeasurement } from '../lib/http-load.ts';
import { seedCases, type SeedResult } from './seed.ts';
import { createAdminToken, startRedress, type RedressChild } from '../lib/redress-child.ts';

/** Concurrency levels, and how long each measured load runs (the section stays under ~3 minutes). */
export const LEVELS: readonly { readonly concurrency: number; readonly seconds: number }[] = [
  { concurrency: 1, seconds: 3 },
  { concurrency: 8, seconds: 5 },
  { concurrency: 32, seconds: 8 },
];
/** Cases in the database when reads are measured. */
export const READ_AT_CASES = 100_000;
/** Share of complaints from a returning customer, and how many such customers there are. */
export const REPEAT_SHARE = 0.3;
export const KNOWN_CUSTOMERS = 500;
/** Untimed load before each measured one. */
const WARMUP_SECONDS = 1;
const CASES_PATH = '/api/v1/cases';

export interface IntakeResults {
  /** Set when the section could not run at all; the tables then show only this. */
  readonly skipped?: string;
  readonly create: readonly LoadMeasurement[];
  /** Per level: share of created cases (warm-up included) whose answer said intake matched a known customer. */
  readonly matchedShare: (number | undefined)[];
  readonly read: readonly LoadMeasurement[];
  /** Mean timeline entries per case read, from the responses. */
  readonly timelineEntries: (number | undefined)[];
  readonly seed: SeedResult | undefined;
  /** Cases in the database while reads were measured. */
  readonly casesAtRead: number | undefined;
  /** The 1-minute load average when the section started and ended: other work on the machine skews every figure. */
  readonly loadAverage: { start: number; end: number | undefined };
  /** Everything that went wrong but did not stop the section. */
  readonly problems: string[];
}

interface CreatedCase {
  readonly id?: unknown;
  readonly ref?: unknown;
  readonly customer?: { readonly id?: unknown; readonly matchedBy?: unknown };
}

/** The first request tells whether the route exists; a 404 means the cases API is not wired yet. */
const probe = async (url: string, token: string, body: unknown): Promise<{ skipped?: string; id?: string }> => {
  const response = await fetch(`${url}${CASES_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (response.status === 404) return { skipped: `intake skipped: POST ${CASES_PATH} not available (HTTP 404)` };
  if (response.status === 401) return { skipped: 'intake skipped: the API token was refused (HTTP 401)' };
  if (response.status !== 201) {
    return { skipped: `intake skipped: POST ${CASES_PATH} answered HTTP ${response.status} ${text.slice(0, 200)}` };
  }
  const created = parseCreated(text);
  if (!created?.id || !created.customerId) {
    return { skipped: `intake skipped: POST ${CASES_PATH} answered 201 without an id or customer.id` };
  }
  return { id: created.id };
};

/** The id, customer id and match of a 201 answer; undefined when it is not one. */
const parseCreated = (text: string): { id?: string; customerId?: string; matched: boolean } | undefined => {
  try {
    const body = JSON.parse(text) as CreatedCase;
    return {
      ...(typeof body.id === 'string' ? { id: body.id } : {}),
      ...(typeof body.customer?.id === 'string' ? { customerId: body.customer.id } : {}),
      matched: typeof body.customer?.matchedBy === 'string',
    };
  } catch {
    return undefined;
  }
};

/**
 * The intake section: an embedded-store Redress in a child process, complaints posted over HTTP at
 * each concurrency level, then the database grown to `READ_AT_CASES` cases and case reads at the
 * same levels. Never throws; whatever fails is in `problems` or `skipped`.
 */
export const runIntake = async (progress: (text: string) => void): Promise<IntakeResults> => {
  const results = {
    create: [] as LoadMeasurement[],
    matchedShare: [] as (number | undefined)[],
    read: [] as LoadMeasurement[],
    timelineEntries: [] as (number | undefined)[],
    seed: undefined as SeedResult | undefined,
    casesAtRead: undefined as number | undefined,
    problems: [] as string[],
    loadAverage: { start: loadavg()[0]!, end: undefined as number | undefined },
  };
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-intake-'));
  const dataDir = join(dir, 'data');
  const profileDir = process.env.BENCH_INTAKE_CPU_PROF || undefined;
  let server: RedressChild | undefined;
  // A crash of this process must not leave a server behind.
  const killOnExit = (): void => void server?.stop();
  process.once('exit', killOnExit);
  try {
    progress('intake: creating an admin and an API token with the CLI');
    const token = await createAdminToken(dataDir);
    progress('intake: starting the server');
    server = await startRedress(dataDir, profileDir ? { cpuProfileDir: profileDir } : {});
    progress('intake: a Taiwan calendar and the ISO 10002 policy, so every complaint starts its clocks');
    await configurePolicy(server.url, token, [2026, 2027]);
    const traffic = intakeTraffic({
      repeatShare: REPEAT_SHARE,
      knownCustomers: KNOWN_CUSTOMERS,
      seed: 20_261_124,
      tag: 'http',
    });
    const ids: string[] = [];
    const url = server.url;
    const collect = (text: string): void => {
      const id = parseCreated(text)?.id;
      if (id) ids.push(id);
    };

    const probed = await probe(url, token, traffic.next());
    if (probed.skipped) return { ...results, skipped: probed.skipped };
    if (probed.id) ids.push(probed.id);
    // Every known customer complains once, untimed: they exist before the loads, and the JIT warms up.
    progress(`intake: ${KNOWN_CUSTOMERS} known customers' first complaints (warm-up)`);
    let nextKnown = 0;
    const warm = await measureLoad({
      url,
      token,
      concurrency: 8,
      amount: traffic.known.length,
      method: 'POST',
      path: () => CASES_PATH,
      body: () => traffic.requestFor(traffic.known[nextKnown++ % traffic.known.length]!),
      expected: 201,
      onSuccess: collect,
    });
    if (warm.failures > 0) {
      results.problems.push(
        `Warm-up: ${warm.failures} of ${traffic.known.length} known customers' complaints failed (${warm.firstFailure}).`,
      );
    }

    for (const level of LEVELS) {
      progress(`intake: POST ${CASES_PATH} at concurrency ${level.concurrency}`);
      let matched = 0;
      let created = 0;
      try {
        const load = await measureLoad({
          url,
          token,
          concurrency: level.concurrency,
          seconds: level.seconds,
          warmupSeconds: WARMUP_SECONDS,
          method: 'POST',
          path: () => CASES_PATH,
          body: () => traffic.next(),
          expected: 201,
          onSuccess: (text) => {
            const answer = parseCreated(text);
            if (answer?.id) ids.push(answer.id);
            created += 1;
            if (answer?.matched) matched += 1;
          },
        });
        results.create.push(load);
        results.matchedShare.push(created > 0 ? matched / created : undefined);
      } catch (error) {
        results.problems.push(`POST at concurrency ${level.concurrency} failed: ${describeError(error)}`);
      }
    }
    const diedWriting = server.died();
    if (diedWriting) results.problems.push(`POST loads: ${diedWriting}`);
    await server.stop();
    server = undefined;

    progress(`intake: seeding to ${READ_AT_CASES.toLocaleString('en-US')} cases`);
    try {
      results.seed = await seedCases({ dataDir, target: READ_AT_CASES, existing: ids.length, progress });
      ids.push(...results.seed.ids);
    } catch (error) {
      results.problems.push(
        `Seeding to ${READ_AT_CASES.toLocaleString('en-US')} cases failed: ${describeError(error)}`,
      );
    }
    results.casesAtRead = ids.length;

    progress('intake: restarting the server for reads');
    server = await startRedress(dataDir, profileDir ? { cpuProfileDir: profileDir } : {});
    const random = seededRandom(7);
    const randomId = (): string => ids[Math.floor(random() * ids.length)]!;
    for (const level of LEVELS) {
      progress(`intake: GET ${CASES_PATH}/:id at concurrency ${level.concurrency}`);
      let entries = 0;
      let reads = 0;
      try {
        const load = await measureLoad({
          url: server.url,
          token,
          concurrency: level.concurrency,
          seconds: level.seconds,
          warmupSeconds: WARMUP_SECONDS,
          method: 'GET',
          path: () => `${CASES_PATH}/${encodeURIComponent(randomId())}`,
          expected: 200,
          onSuccess: (text) => {
            try {
              const timeline = (JSON.parse(text) as { timeline?: unknown }).timeline;
              if (Array.isArray(timeline)) {
                entries += timeline.length;
                reads += 1;
              }
            } catch {
              // Counted by the load as an answer; an unparsable body only leaves the average out.
            }
          },
        });
        results.read.push(load);
        results.timelineEntries.push(reads > 0 ? entries / reads : undefined);
      } catch (error) {
        results.problems.push(`GET at concurrency ${level.concurrency} failed: ${describeError(error)}`);
      }
    }
    const diedReading = server.died();
    if (diedReading) results.problems.push(`GET loads: ${diedReading}`);
    return results;
  } catch (error) {
    results.problems.push(`Intake section stopped early: ${describeError(error)}`);
    return results;
  } finally {
    results.loadAverage.end = loadavg()[0];
    try {
      await server?.stop();
    } catch (error) {
      results.problems.push(`Could not stop the server: ${describeError(error)}`);
    }
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  }
};
