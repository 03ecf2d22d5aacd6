// Portal filing over HTTP: `POST /api/v1/portal/complaints` (JSON) on `redress start --roles web`
// in a child process, as bench/intake runs it. The portal limits complaints per client address (10
// in ten minutes), so the server is started as if behind a reverse proxy on 127.0.0.1
// (REDRESS_TRUST_PROXY, an operator setting) and each request carries its own customer's address in
// X-Forwarded-For: every complaint comes from a different customer at a different address.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError } from '../lib/errors.ts';
import { callApi, configurePolicy, describeAnswer, measureLoad, type LoadMeasurement } from '../lib/http-load.ts';
import { createAdminToken, startRedress, type RedressChild } from '../lib/redress-child.ts';
import type { ComplaintSource } from './messages.ts';

const PATH = '/api/v1/portal/complaints';
export const PORTAL_LEVELS: readonly { readonly concurrency: number; readonly seconds: number }[] = [
  { concurrency: 1, seconds: 3 },
  { concurrency: 8, seconds: 4 },
];
const WARMUP_SECONDS = 1;

export interface PortalResults {
  readonly skipped?: string;
  readonly loads: LoadMeasurement[];
  readonly problems: string[];
}

/** Client address number `n`, in 10.0.0.0/8: one per complaint. */
const addressOf = (n: number): string => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

/** The calendar and ISO 10002 policy the intake section sets, and the portal channel the form files to. */
const configure = async (url: string, token: string): Promise<string> => {
  const me = (await callApi(url, token, 'GET', '/auth/me')) as { user?: { id?: string } };
  if (!me.user?.id) throw new Error('GET /auth/me named no user');
  const year = new Date().getUTCFullYear();
  await configurePolicy(url, token, [year, year + 1]);
  const channel = await callApi(url, token, 'POST', '/intake-channels', {
    kind: 'portal',
    name: 'Website form',
    siteId: null,
    ownerId: me.user.id,
  });
  if (typeof channel.id !== 'string') throw new Error('POST /intake-channels answered without an id');
  return channel.id;
};

/** Runs the portal loads; never throws. */
export const runPortal = async (source: ComplaintSource, progress: (text: string) => void): Promise<PortalResults> => {
  const results = { loads: [] as LoadMeasurement[], problems: [] as string[] };
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
    // Each request is the next customer's complaint, from that customer's own address.
    let index = 1;
    const first = await fetch(`${server.url}${PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': addressOf(index) },
      body: JSON.stringify(source.form(index, channelId)),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = await first.text();
    if (first.status !== 201) return { ...results, skipped: `portal skipped: ${describeAnswer(first.status, answer)}` };
    for (const level of PORTAL_LEVELS) {
      progress(`mail: portal: POST ${PATH} at concurrency ${level.concurrency}`);
      try {
        results.loads.push(
          await measureLoad({
            url: server.url,
            concurrency: level.concurrency,
            seconds: level.seconds,
            warmupSeconds: WARMUP_SECONDS,
            method: 'POST',
            path: () => PATH,
            body: () => source.form(++index, channelId),
            headers: () => ({ 'x-forwarded-for': addressOf(index) }),
            expected: 201,
          }),
        );
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
