// The console section on one backend: a fresh store seeded in this process, then the real app in a
// child process (server.ts) on it, its reads loaded and its live streams timed. Never throws.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../../apps/server/src/storage/database.ts';
import { openPostgres } from '../../apps/server/src/storage/postgres.ts';
import { openSqlite } from '../../apps/server/src/storage/sqlite/open.ts';
import { describeError } from '../lib/errors.ts';
import { adminUrl, createTempDatabase, describeServer, type TempDatabase } from '../lib/postgres.ts';
import { LIVE_LIMITS, measureLive, type LiveResult } from './live.ts';
import { measureReads, type ReadRow } from './reads.ts';
import { seedConsoleWorld, type ConsoleWorld } from './seed.ts';

const SERVER = fileURLToPath(new URL('./server.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface BackendResult {
  readonly backend: 'SQLite' | 'PostgreSQL';
  /** synchronous=FULL, or the PostgreSQL server's settings. */
  readonly settings: string;
  readonly skipped?: string;
  readonly world?: ConsoleWorld;
  readonly facts: string[];
  readonly reads: ReadRow[];
  readonly live: LiveResult[];
  readonly problems: string[];
}

interface Child {
  readonly url: string;
  /** The last few lines the server printed, to explain a failure. */
  output(): string;
  died(): boolean;
  stop(): Promise<void>;
}

const startServer = async (args: readonly string[]): Promise<Child> => {
  const child: ChildProcess = spawn(process.execPath, [SERVER, ...args], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      output = (output + chunk).slice(-4_000);
    });
  }
  const lastLines = () => output.trim().split('\n').slice(-3).join(' ').slice(0, 500) || 'no output';
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  // Aborting removes whichever listener lost the race, as well as enforcing the start timeout.
  const settled = new AbortController();
  const signal = AbortSignal.any([settled.signal, AbortSignal.timeout(START_TIMEOUT_MS)]);
  try {
    const message = await Promise.race([
      once(child, 'message', { signal }).then(([value]) => value as { port?: number }),
      once(child, 'exit', { signal }).then(([code]) => {
        throw new Error(`the server exited (${String(code)}) before listening: ${lastLines()}`);
      }),
    ]);
    if (!message.port) throw new Error('the server reported no port');
    return {
      url: `http://127.0.0.1:${message.port}`,
      output: lastLines,
      died: () => child.exitCode !== null || child.signalCode !== null,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    settled.abort();
  }
};

/** Seeds, serves and measures one backend. */
export const runConsoleBackend = async (
  kind: 'sqlite' | 'postgres',
  cases: number,
  progress: (text: string) => void,
): Promise<BackendResult> => {
  const backend = kind === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  const problems: string[] = [];
  const result: BackendResult = { backend, settings: 'synchronous=FULL', facts: [], reads: [], live: [], problems };
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-console-'));
  const dataDir = join(dir, 'data');
  let temp: TempDatabase | undefined;
  let server: Child | undefined;
  try {
    let db: Database;
    if (kind === 'postgres') {
      const admin = adminUrl();
      try {
        temp = await createTempDatabase(admin);
        db = await openPostgres({ url: temp.url });
      } catch (error) {
        return { ...result, skipped: `could not use PostgreSQL on ${describeServer(admin)}: ${describeError(error)}` };
      }
    } else {
      // Seed data needs no durability: the server reopens the store with synchronous=FULL.
      db = await openSqlite({ dataDir, synchronous: 'NORMAL' });
    }
    let world: ConsoleWorld;
    try {
      progress(`console: ${backend}: seeding ${cases.toLocaleString('en-US')} cases through the services`);
      world = await seedConsoleWorld(db, dataDir, cases, progress);
    } finally {
      await db.close();
    }
    const settings = temp?.settings ?? 'synchronous=FULL';
    progress(`console: ${backend}: starting the server`);
    server = await startServer(['--data', dataDir, ...(temp ? ['--pg', temp.url] : [])]);
    const facts: string[] = [];
    const reads = await measureReads(server.url, world, progress, facts, problems);
    const live: LiveResult[] = [];
    for (const streams of LIVE_LIMITS.streams) {
      progress(`console: ${backend}: ${streams} live streams, ${LIVE_LIMITS.changes} changes`);
      const measured = await measureLive(server.url, world, streams);
      live.push(measured);
      problems.push(...measured.problems.map((p) => `Live, ${streams} streams: ${p}`));
    }
    if (server.died()) problems.push(`The server exited during the run: ${server.output()}`);
    return { ...result, settings, world, facts, reads, live };
  } catch (error) {
    const detail = server?.died() ? ` (server: ${server.output()})` : '';
    return { ...result, skipped: `${describeError(error)}${detail}` };
  } finally {
    try {
      await server?.stop();
    } catch (error) {
      problems.push(`Could not stop the ${backend} server: ${describeError(error)}`);
    }
    await temp?.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
};
