import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A real Redress process for a browser journey: `redress start` on a fresh embedded database in a
 * temporary data directory, with every role (web, worker, scheduler), as `npm start` runs it.
 */

const MAIN = join(import.meta.dirname, '..', '..', 'apps', 'server', 'src', 'main.ts');

/** Settings the journey's process must not take from the shell that runs the tests. */
const ISOLATED_ENV: NodeJS.ProcessEnv = {
  DATABASE_URL: '',
  REDRESS_ROLES: '',
  REDRESS_SMTP_RECEIVER_PORT: '',
  PORT: '',
  HOST: '',
};

const envFor = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, ...ISOLATED_ENV, ...extra };
  for (const [key, value] of Object.entries(env)) if (value === '') delete env[key];
  return env;
};

/** A port nobody listens on right now (the server is told it, so that its public URL is known first). */
export const freePort = async (): Promise<number> => {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const address = probe.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (!port) throw new Error('could not find a free port');
  return port;
};

/** Runs `redress <args>` on the pinned Node and returns its standard output; throws on failure. */
export const redressCli = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> => {
  const child = spawn(process.execPath, [MAIN, ...args], { env: envFor({ LOG_LEVEL: 'warn', ...env }) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`redress ${args.slice(0, 2).join(' ')} exited with ${code}:\n${stderr}${stdout}`);
  return stdout.trim();
};

export interface RedressProcess {
  readonly url: string;
  readonly dataDir: string;
  /** Everything the process printed so far (JSON log lines), for a failure's message. */
  readonly output: () => string;
  /** SIGTERM, then SIGKILL after a grace period; removes the data directory. */
  readonly stop: () => Promise<void>;
}

export interface StartOptions {
  /** Runs before the server starts, with the data directory (e.g. creating users with the CLI). */
  readonly prepare?: (dataDir: string) => Promise<void>;
  readonly env?: NodeJS.ProcessEnv;
  readonly startTimeoutMs?: number;
}

/** Starts `redress start` on 127.0.0.1 with `REDRESS_PUBLIC_URL` its own address; resolves once it is ready. */
export const startRedress = async (options: StartOptions = {}): Promise<RedressProcess> => {
  const dataDir = mkdtempSync(join(tmpdir(), 'redress-e2e-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  try {
    await options.prepare?.(dataDir);
  } catch (error) {
    removeData();
    throw error;
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn(
    process.execPath,
    [MAIN, 'start', '--data', dataDir, '--port', String(port), '--host', '127.0.0.1'],
    { env: envFor({ LOG_LEVEL: 'info', REDRESS_PUBLIC_URL: url, ...options.env }) },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    removeData();
  };

  try {
    await waitUntilReady(url, child, options.startTimeoutMs ?? 60_000, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, dataDir, output: () => output, stop };
};

const waitUntilReady = async (
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  output: () => string,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`redress exited (${child.exitCode ?? child.signalCode}) before it was ready:\n${output()}`);
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`redress was not ready at ${url} within ${timeoutMs} ms:\n${output()}`);
};

/** A client of the documented API with one user's bearer token; every call checks the status it expects. */
export const apiClient = (baseUrl: string, token: string) => {
  const call = async <T>(method: string, path: string, body?: unknown, expected?: number): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const ok = expected === undefined ? response.status >= 200 && response.status < 300 : response.status === expected;
    if (!ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return (text === '' ? undefined : JSON.parse(text)) as T;
  };
  return {
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown, expected?: number) => call<T>('POST', path, body, expected),
    put: <T>(path: string, body: unknown, expected?: number) => call<T>('PUT', path, body, expected),
  };
};
export type ApiClient = ReturnType<typeof apiClient>;

/** Polls `probe` until it returns a value (not undefined), or throws after `timeoutMs` with `what`. */
export const eventually = async <T>(
  what: string | (() => string),
  probe: () => Promise<T | undefined> | T | undefined,
  timeoutMs: number,
  intervalMs = 250,
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
};
