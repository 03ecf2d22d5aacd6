// The console section of `npm run bench` (`npm run bench -- console`, or BENCH_ONLY=console): what
// the staff console reads all day — queues, queue lists, a case page's reads, the early-warning
// board and the reports — over HTTP against the real app on a seeded store (SQLite with
// synchronous=FULL; PostgreSQL too with BENCH_CONSOLE_PG=1), beside the echo ceiling; live updates
// to 50 and 200 open streams; and the size of the console's bundle.
// BENCH_CONSOLE_CASES sets the number of seeded cases (default 5,000).
import { describeError } from '../lib/errors.ts';
import { sectionOnly } from '../lib/only.ts';
import { sectionAlone, type CeilingFigures } from '../lib/standalone.ts';
import { runConsoleBackend, type BackendResult } from './backend.ts';
import { bundleTable } from './bundle.ts';
import { consoleTables } from './report.ts';

const envCount = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** True when only this section should run: `npm run bench -- console` or `BENCH_ONLY=console`. */
export const consoleOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('console', argv, env);

/** Runs the section and returns its tables; never throws. */
export const consoleSection = async (ceilings: CeilingFigures, progress: (text: string) => void): Promise<string> => {
  const cases = envCount('BENCH_CONSOLE_CASES', 5_000);
  try {
    const results: BackendResult[] = [await runConsoleBackend('sqlite', cases, progress)];
    if (process.env.BENCH_CONSOLE_PG === '1') results.push(await runConsoleBackend('postgres', cases, progress));
    const notes =
      process.env.BENCH_CONSOLE_PG === '1'
        ? []
        : [
            '- PostgreSQL not run: seeding through the services takes about twice as long there as on SQLite, which would',
            '  double the section. BENCH_CONSOLE_PG=1 adds it (a temporary database, as the other sections use).',
          ];
    return consoleTables(results, ceilings, bundleTable(progress), cases, notes);
  } catch (error) {
    return `### Console\n\n- Console section aborted: ${describeError(error)}\n`;
  }
};

/** The section on its own: one round of ceilings (a) and (e), then the section. */
export const consoleAlone = (progress: (text: string) => void): Promise<string> =>
  sectionAlone(
    { progressPrefix: 'console: ', source: 'one round, measured just before this section (console-only run)' },
    progress,
    consoleSection,
  );
