/**
 * The sweeper under real concurrency, on PostgreSQL: three separate processes sweep the same
 * 10,000 due clocks at once; every warning and every breach is recorded exactly once.
 * Skipped (visibly) without TEST_DATABASE_URL.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { openTempPostgres, pgSkip } from './pg-util.ts';

const SWEEPER = fileURLToPath(new URL('./fixtures/clock-sweeper.ts', import.meta.url));
const CLOCKS = 10_000;
const PROCESSES = 3;

interface Sweeper {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly exit: Promise<number | null>;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** Spawns the fixture with the pinned Node (process.execPath), not whatever `node` is on PATH. */
const spawnSweeper = (url: string): Sweeper => {
  const child = spawn(process.execPath, [SWEEPER], {
    env: { ...process.env, DATABASE_URL: url, BATCH_SIZE: '200' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('ready\n')) resolve();
    });
    void exit.then((code) => reject(new Error(`sweeper exited (${code}) before ready:\n${stderr}`)));
  });
  return { child, ready, exit, stdout: () => stdout, stderr: () => stderr };
};

const within = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms).unref()),
  ]);

describe('clock sweepers across processes [postgres]', () => {
  test(
    `${PROCESSES} sweeper processes over ${CLOCKS} due clocks record each warning and breach exactly once`,
    { skip: pgSkip },
    async (t) => {
      const { url, db } = await openTempPostgres(t);
      const now = new Date();
      // Even clocks: half their time used (the 50 % warning is due now, the breach an hour ahead).
      // Odd clocks: warned already and an hour overdue (the breach is due).
      await sql`
        INSERT INTO service_clocks (id, case_id, key, kind, cycle, started_at, target_minutes, paused_minutes,
          due_at, warn_percents, warnings_sent, next_alert_at, state, created_at, updated_at)
        SELECT 'clk_' || lpad(n::text, 6, '0'), 'case_' || lpad(n::text, 6, '0'), 'resolve', 'resolve', 1,
          CASE WHEN n % 2 = 0 THEN t - interval '60 minutes' ELSE t - interval '120 minutes' END,
          60 + 60 * (1 - n % 2), 0,
          CASE WHEN n % 2 = 0 THEN t + interval '60 minutes' ELSE t - interval '60 minutes' END,
          '[50]'::jsonb, n % 2,
          CASE WHEN n % 2 = 0 THEN t ELSE t - interval '60 minutes' END,
          'running', t, t
        FROM generate_series(1, ${CLOCKS}) AS n, (SELECT ${now.toISOString()}::timestamptz AS t) AS at`.execute(
        db.read,
      );

      const sweepers = Array.from({ length: PROCESSES }, () => spawnSweeper(url));
      t.after(() => sweepers.forEach((s) => s.child.kill('SIGKILL')));
      await within(Promise.all(sweepers.map((s) => s.ready)), 30_000, 'sweepers ready');
      const started = performance.now();
      sweepers.forEach((s) => s.child.stdin?.end());
      const codes = await within(Promise.all(sweepers.map((s) => s.exit)), 45_000, 'sweepers drain');
      const elapsed = performance.now() - started;
      codes.forEach((code, i) => assert.equal(code, 0, `sweeper ${i + 1} failed:\n${sweepers[i]!.stderr()}`));

      // Alerts are recorded once per clock AND cycle (a restarted clock warns again): count per both.
      const perClock = await sql<{ clock_id: string; cycle: string; type: string; n: string }>`
        SELECT payload->>'clockId' AS clock_id, payload->>'cycle' AS cycle, type, count(*) AS n FROM events
        WHERE type IN ('clock.warned', 'clock.breached') GROUP BY 1, 2, 3`.execute(db.read);
      assert.equal(perClock.rows.length, CLOCKS, 'every clock announced');
      assert.ok(
        perClock.rows.every((r) => r.cycle === '1'),
        'each alert names the cycle it belongs to',
      );
      assert.deepEqual(
        perClock.rows.filter((r) => Number(r.n) !== 1),
        [],
        'no alert recorded twice',
      );
      const wrongKind = perClock.rows.filter(
        (r) => r.type !== (Number(r.clock_id.slice(4)) % 2 === 0 ? 'clock.warned' : 'clock.breached'),
      );
      assert.deepEqual(wrongKind, [], 'even clocks warned, odd clocks breached');
      const events = await sql<{ subject_id: string; payload: Record<string, unknown> }>`
        SELECT subject_id, payload FROM events WHERE type = 'clock.warned' ORDER BY seq LIMIT 1`.execute(db.read);
      assert.equal(events.rows[0]?.payload.percent, 50);
      assert.equal(events.rows[0]?.subject_id, `case_${String(events.rows[0]?.payload.clockId).slice(4)}`);

      const due = await sql<{ n: string }>`
        SELECT count(*) AS n FROM service_clocks WHERE next_alert_at <= ${now.toISOString()}::timestamptz`.execute(
        db.read,
      );
      assert.equal(Number(due.rows[0]?.n), 0, 'nothing left due');

      const results = sweepers.map((s) => JSON.parse(s.stdout().split('\n').at(-2) ?? '{}') as Record<string, number>);
      const total = results.reduce((sum, r) => sum + (r.warned ?? 0) + (r.breached ?? 0), 0);
      assert.equal(total, CLOCKS, 'what the sweepers say they did adds up');
      // How the work was shared is reported, not asserted: it depends on how the OS schedules three
      // processes, and a loaded machine may let one of them take every batch before the others run
      // a query. What must hold under any interleaving is asserted above: each alert exactly once.
      t.diagnostic(`${CLOCKS} clocks in ${Math.round(elapsed)} ms; per sweeper ${JSON.stringify(results)}`);
    },
  );
});
