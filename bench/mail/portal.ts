// Portal filing over HTTP: `POST /api/v1/portal/complaints` (JSON) on `redress start --roles web`
// in a child process, as bench/intake runs it. The portal limits complaints per client address (10
// in ten minutes), so the server is started as if behind a reverse proxy on 127.0.0.1
// (REDRESS_TRUST_PROXY, an operator setting) and each request carries its own customer's address in
// X-Forwarded-For: every complaint comes from a different customer at a different address.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { describeError } from '../lib/errors.ts';
import { summarize, type Measurement } from '../lib/stats.ts';
import { createAdminToken, startRedress, type RedressChild } from '../intake/server.ts';
import type { ComplaintSource } from './messages.ts';

const PATH = '/api/v1/portal/complaints';
export const PORTAL_LEVELS: readonly { readonly concurrency: number; readonly seconds: number }[] = [
  { concurrency: 1, seconds: 3 },
  { concurrency: 8, seconds: 4 },
];
const WARMUP_SECONDS = 1;

interface CannonRequest {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: CannonRequest) => CannonRequest;
  onResponse?: (status: number, body: string) => void;
}

interface CannonRun extends PromiseLike<{ duration: number; errors: number; timeouts: number; '2xx': number }> {
  on(event: 'response', listener: (client: unknown, status: number, bytes: number, ms: number) => void): this;
}

const cannon = autocannon as unknown as (options: {
  url: string;
  connections: number;
  duration: number;
  requests: CannonRequest[];
  warmup?: { connections: number; duration: number };
}) => CannonRun;

export interface PortalLoad extends Measurement {
  readonly concurrency: number;
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

export interface PortalResults {
  readonly skipped?: string;
  readonly loads: PortalLoad[];
  readonly problems: string[];
}

/** Client address number `n`, in 10.0.0.0/8: one per complaint. */
const addressOf = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

const api = async (url: string, token: string, method: 'GET' | 'POST', path: string, body?: unknown) => {
  const response = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, unknown>;
};

/** The calendar and ISO 10002 policy the intake section sets, and the portal channel the form files to. */
const configure = async (url: string, token: string): Promise<string> => {
  const me = (await api(url, token, 'GET', '/auth/me')) as { user?: { id?: string } };
  if (!me.user?.id) throw new Error('GET /auth/me named no user');
  const year = new Date().getUTCFullYear();
  const calendar = await api(url, token, 'POST', '/calendars', { preset: 'TW', years: [year, year + 1] });
  await api(url, token, 'POST', '/policies/presets', { preset: 'iso10002', calendarId: calendar.id });
  const channel = await api(url, token, 'POST', '/intake-channels', {
    kind: 'portal',
    name: 'Website form',
    siteId: null,
    ownerId: me.user.id,
  });
  if (typeof channel.id !== 'string') throw new Error('POST /intake-channels answered without an id');
  return channel.id;
};

const describeAnswer = (status: number, body: string): string => {
  try {
    const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
    if (error) return `HTTP ${status} ${String(error.code)}: ${String(error.message)}`;
  } catch {
    // Not JSON.
  }
  return `HTTP ${status} ${body.slice(0, 200)}`;
};

const load = async (
  url: string,
  concurrency: number,
  seconds: number,
  next: () => { body: string; address: string },
): Promise<PortalLoad> => {
  let firstFailure: string | undefined;
  const latencies: number[] = [];
  const request = (): CannonRequest => {
    const { body, address } = next();
    return {
      method: 'POST',
      path: PATH,
      body,
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
    };
  };
  const run = cannon({
    url,
    connections: concurrency,
    duration: seconds,
    requests: [
      {
        ...request(),
        setupRequest: (current) => ({ ...current, ...request() }),
        onResponse: (status, body) => {
          if (status === 201) return;
          firstFailure ??= describeAnswer(status, body);
        },
      },
    ],
    warmup: { connections: concurrency, duration: WARMUP_SECONDS },
  });
  run.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  const result = await run;
  if (result.errors + result.timeouts > 0) firstFailure ??= `${result.errors} errors, ${result.timeouts} timeouts`;
  return {
    ...summarize(result['2xx'], result.duration * 1000, latencies),
    concurrency,
    failures: result.errors + result.timeouts + (latencies.length - result['2xx']),
    firstFailure,
  };
};

/** Runs the portal loads; never throws. */
export const runPortal = async (source: ComplaintSource, progress: (text: string) => void): Promise<PortalResults> => {
  const results = { loads: [] as PortalLoad[], problems: [] as string[] };
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-portal-'));
  const dataDir = join(dir, 'data');
  let server: RedressChild | undefined;
  const killOnExit = (): void => void server?.stop();
  process.once('exit', killOnExit);
  try {
    progress('mail: portal: an administrator and a token with the CLI, then the server');
    const token = await createAdminToken(dataDir);
    // The child takes this process's environment as it is spawned: trust X-Forwarded-For from
    // 127.0.0.1 (the bench, standing in for the reverse proxy), then put the setting back.
    const previous = process.env.REDRESS_TRUST_PROXY;
    process.env.REDRESS_TRUST_PROXY = '127.0.0.1';
    try {
      server = await startRedress(dataDir);
    } finally {
      if (previous === undefined) delete process.env.REDRESS_TRUST_PROXY;
      else process.env.REDRESS_TRUST_PROXY = previous;
    }
    const channelId = await configure(server.url, token);
    let index = 0;
    const next = () => {
      index += 1;
      return { body: JSON.stringify(source.form(index, channelId)), address: addressOf(index) };
    };
    const probe = next();
    const first = await fetch(`${server.url}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': probe.address },
      body: probe.body,
      signal: AbortSignal.timeout(10_000),
    });
    const answer = await first.text();
    if (first.status !== 201) return { ...results, skipped: `portal skipped: ${describeAnswer(first.status, answer)}` };
    for (const level of PORTAL_LEVELS) {
      progress(`mail: portal: POST ${PATH} at concurrency ${level.concurrency}`);
      try {
        results.loads.push(await load(server.url, level.concurrency, level.seconds, next));
      } catch (error) {
        results.problems.push(`Portal at concurrency ${level.concurrency} failed: ${describeError(error)}`);
      }
    }
    const died = server.died();
    if (died) results.problems.push(`Portal: ${died}`);
    return results;
  } catch (error) {
    return { ...results, skipped: `portal skipped: ${describeError(error)}` };
  } finally {
    try {
      await server?.stop();
    } catch (error) {
      results.problems.push(`Could not stop the portal server: ${describeError(error)}`);
    }
    process.removeListener('exit', killOnExit);
    rmSync(dir, { recursive: true, force: true });
  }
};
