// The intake section of `npm run bench`: run after the ceilings and store tables with their
// ceilings passed in, or alone (`npm run bench -- intake`, or BENCH_ONLY=intake) with one quick
// round of each ceiling measured first, so the ratios always compare figures from the same run.
// BENCH_INTAKE_CPU_PROF=<dir> starts the server children with --cpu-prof, writing their profiles there.
import { describeError } from '../lib/errors.ts';
import { COMMIT_WORKLOAD } from '../lib/measured.ts';
import { sectionAlone, type CeilingFigures } from '../lib/standalone.ts';
import { runIntake } from './intake.ts';
import { intakeTables, type IntakeCeilings } from './report.ts';
import { sectionOnly } from '../lib/only.ts';

/** True when only the intake section should run: `npm run bench -- intake` or `BENCH_ONLY=intake`. */
export const intakeOnly = (argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env): boolean =>
  sectionOnly('intake', argv, env);

const ceilingsFrom = (figures: CeilingFigures): IntakeCeilings => ({
  echo: {
    measurement: figures.echo,
    connections: figures.echoConnections,
    workload: `Fastify echo ceiling (POST /echo, ${figures.echoConnections} connections, ${figures.echoSeconds} s, autocannon)`,
  },
  commit: { measurement: figures.commit, workload: COMMIT_WORKLOAD },
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

/**
 * The section on its own: one round of ceilings (a) and (e), then intake. Problems measuring a
 * ceiling leave its ratios blank and say so; they never stop the section.
 */
export const intakeAlone = (progress: (text: string) => void): Promise<string> =>
  sectionAlone(
    { progressPrefix: '', source: 'one round each, measured just before the intake section (intake-only run)' },
    progress,
    intakeSection,
  );
