import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { Measurement } from '../lib/stats.ts';

const FIXTURE = fileURLToPath(new URL('./echo-server.ts', import.meta.url));
const START_TIMEOUT_MS = 10_000;

/** A body of the size and shape a complaint update has; the fixture validates every field. */
const ECHO_BODY = JSON.stringify({
  caseId: 'case_01hzzbench',
  channel: 'email',
  message: 'The parcel arrived damaged and the replacement promised last week has not been sent yet.',
  tags: ['delivery', 'damaged', 'follow-up'],
  priority: 3,
});

export interface HttpCeiling extends Measurement {
  /** Requests that failed, timed out or were not 2xx — should be 0. */
  readonly failures: number;
  readonly connections: number;
}

const startFixture = async (): Promise<{ child: ChildProcess; port: number }> => {
  const child = spawn(process.execPath, [FIXTURE], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  // Aborting removes whichever listener lost the race, as well as enforcing the start timeout.
  const settled = new AbortController();
  const signal = AbortSignal.any([settled.signal, AbortSignal.timeout(START_TIMEOUT_MS)]);
  try {
    const message = await Promise.race([
      once(child, 'message', { signal }).then(([value]) => value as { port?: number }),
      once(child, 'exit', { signal }).then(([code]) => {
        throw new Error(`echo fixture exited with code ${String(code)} before listening`);
      }),
    ]);
    if (!message.port) throw new Error('echo fixture reported no port');
    return { child, port: message.port };
  } catch (error) {
    child.kill();
    throw error;
  } finally {
    settled.abort();
  }
};

const stopFixture = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
  await exited;
  clearTimeout(timer);
};

/**
 * Ceiling (e): a bare Fastify 5 route with a TypeBox-validated body (and response), in its own
 * process on 127.0.0.1, loaded by autocannon from this one. Latency percentiles are autocannon's
 * (millisecond resolution); throughput is completed requests over the measured seconds.
 */
export const measureHttpEcho = async (options: {
  readonly seconds: number;
  readonly connections: number;
}): Promise<HttpCeiling> => {
  const { child, port } = await startFixture();
  try {
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/echo`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: ECHO_BODY,
      connections: options.connections,
      duration: options.seconds,
      warmup: { connections: options.connections, duration: 1 },
    });
    const completed = result.requests.total;
    return {
      count: completed,
      seconds: result.duration,
      perSecond: completed / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failures: result.errors + result.timeouts + result.non2xx,
      connections: options.connections,
    };
  } finally {
    await stopFixture(child);
  }
};
