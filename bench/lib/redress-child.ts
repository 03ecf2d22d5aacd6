import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const MAIN = fileURLToPath(new URL('../../apps/server/src/main.ts', import.meta.url));
const START_TIMEOUT_MS = 20_000;
const CLI_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 10_000;

const run = promisify(execFile);

/** Environment for every Redress process the bench starts: quiet logs, durable commits, no outside URL. */
const childEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  // Whatever the caller's shell says, the bench measures the embedded store with synchronous=FULL.
  delete env.DATABASE_URL;
  delete env.REDRESS_SQLITE_SYNCHRONOUS;
  delete env.REDRESS_DATA_DIR;
  delete env.REDRESS_ROLES;
  return env;
};

/** `redress <args…>` as a one-shot CLI command; resolves with what it printed. */
export const redressCli = async (args: readonly string[]): Promise<string> => {
  const { stdout } = await run(process.execPath, [MAIN, ...args], { env: childEnv(), timeout: CLI_TIMEOUT_MS });
  return stdout.trim();
};

export const BENCH_ADMIN_EMAIL = 'bench-admin@example.com';

/**
 * Creates an administrator and an API token for them with the CLI, as an operator would, before
 * the server starts. Returns the token.
 */
export const createAdminToken = async (dataDir: string): Promise<string> => {
  const email = BENCH_ADMIN_EMAIL;
  await redressCli(['user', 'create', '--data', dataDir, '--email', email, '--name', 'Bench Admin', '--role', 'admin']);
  const token = await redressCli(['token', 'create', '--data', dataDir, '--email', email, '--name', 'bench']);
  if (!token || /\s/.test(token)) throw new Error(`token create printed something unexpected: ${token.slice(0, 80)}`);
  return token;
};

/** A port that was free a moment ago: listen on 0, read the number, close. */
export const freePort = async (): Promise<number> => {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  server.close();
  await once(server, 'close');
  if (!port) throw new Error('could not find a free port');
  return port;
};

export interface RedressChild {
  readonly url: string;
  /** Undefined while it runs; once it has exited on its own, how and with what last output. */
  died(): string | undefined;
  /** SIGTERM (the server's graceful shutdown), then SIGKILL if it hangs; safe to call twice. */
  stop(): Promise<void>;
}

const waitForHealth = async (url: string, child: ChildProcess, stderr: () => string): Promise<void> => {
  const deadline = performance.now() + START_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before listening: ${stderr()}`);
    }
    try {
      const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`server did not answer /healthz within ${START_TIMEOUT_MS / 1000} s: ${stderr()}`);
};

/**
 * `redress start --roles web` on `dataDir` in a child process on 127.0.0.1, so the server and the
 * load generator each have a core. `cpuProfileDir` adds `--cpu-prof` (written when it stops).
 */
export const startRedress = async (
  dataDir: string,
  options: { cpuProfileDir?: string } = {},
): Promise<RedressChild> => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const flags = options.cpuProfileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
  const child = spawn(
    process.execPath,
    [...flags, MAIN, 'start', '--data', dataDir, '--port', String(port), '--host', '127.0.0.1', '--roles', 'web'],
    { env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  // Keep the last few KB of output (warn-level logs and errors) to explain a failure.
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output = (output + chunk).slice(-4_000);
    });
  }
  const lastError = (): string => output.trim().split('\n').slice(-3).join(' ').slice(0, 500) || 'no output';
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    })();
    return stopping;
  };
  try {
    await waitForHealth(url, child, lastError);
  } catch (error) {
    await stop();
    throw error;
  }
  const died = (): string | undefined =>
    stopping || (child.exitCode === null && child.signalCode === null)
      ? undefined
      : `the server exited (${child.exitCode ?? child.signalCode}) during the run: ${lastError()}`;
  return { url, stop, died };
};
