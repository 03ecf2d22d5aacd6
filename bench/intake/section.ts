// The intake section of `npm run bench`: run after the ceilings and store tables with their
// ceilings passed in, or alone (`npm run bench -- intake`, or BENCH_ONLY=intake) with one quick
// round of each ceiling measured first, so the ratios always compare figures from the same run.
// BENCH_INTAKE_CPU_PROF=<dir> starts the server children with --cpu-prof, writing their profiles there.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureHttpEcho } from '../ceilings/http.ts';
import { measureSqliteCommits } from '../ceilings/sqlite.ts';
import { describeError } from '../lib/errors.ts';
import type { Measurement } from '../lib/stats.ts';
import { runIntake } from './intake.ts';
import { intakeTables, type IntakeCeilings } from './report.ts';
import { sectionOnly } from '../lib/only.ts';

/** The ceilings' workloads as the ceilings table describes them. */
export interface CeilingFigures {
  readonly echo: Measurement | undefined;
  readonly commit: Measurement | undefined;
  readonly echoConnections: number;
  readonly echoSeconds: number;
  readonly source: string;
}

/** True when only the intake section should run: `npm run bench -- intake` or `BENCH_ONLY=intake`. */
export const intakeOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('intake', argv, env);

const ceilingsFrom = (figures: CeilingFigures): IntakeCeilings => ({
  echo: {
    measurement: figures.echo,
    connections: figures.echoConnections,
    workload: `Fastify echo ceiling (POST /echo, ${figures.echoConnections} connections, ${figures.echoSeconds} s, autocannon)`,
  },
  commit: { measurement: figures.commit, workload: 'SQLite commit ceiling (1 INSERT per transaction, FULL)' },
  source: figures.source,
});

/** Runs the intake section and returns its tables; never throws. */
export const intakeSection = async (figures: CeilingFigures, progress: (text: string) => void): Promise<string> => {
  try {
    const results = await runIntake(progress);
    return intakeTables(results, ceilingsFrom(figures));
  } catch (error) {
    return `### Intake\n\n- Intake section aborted: ${describeError(error)}\n`;
  }
};

const STANDALONE_COMMITS = 2_000;
const STANDALONE_HTTP_SECONDS = 5;
const STANDALONE_HTTP_CONNECTIONS = 32;

/**
 * The section on its own: one round of ceilings (a) and (e), then intake. Problems measuring a
 * ceiling leave its ratios blank and say so; they never stop the section.
 */
export const intakeAlone = async (progress: (text: string) => void): Promise<string> => {
  const problems: string[] = [];
  let commit: Measurement | undefined;
  let echo: Measurement | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-ceilings-'));
  try {
    progress('ceiling (a): SQLite commits');
    commit = measureSqliteCommits(dir, 'FULL', STANDALONE_COMMITS);
  } catch (error) {
    problems.push(`- (a) failed: ${describeError(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    progress('ceiling (e): HTTP echo');
    echo = await measureHttpEcho({ seconds: STANDALONE_HTTP_SECONDS, connections: STANDALONE_HTTP_CONNECTIONS });
  } catch (error) {
    problems.push(`- (e) failed: ${describeError(error)}`);
  }
  const tables = await intakeSection(
    {
      echo,
      commit,
      echoConnections: STANDALONE_HTTP_CONNECTIONS,
      echoSeconds: STANDALONE_HTTP_SECONDS,
      source: 'one round each, measured just before the intake section (intake-only run)',
    },
    progress,
  );
  return problems.length > 0 ? `${tables}\n${problems.join('\n')}\n` : tables;
};
