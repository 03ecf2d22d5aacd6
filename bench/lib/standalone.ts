// A section run on its own (`npm run bench -- <section>`) measures one quick round of the
// ceilings its figures are compared with, so its ratios still set figures of the same run side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { measureHttpEcho } from '../ceilings/http.ts';
import { measureSqliteCommits } from '../ceilings/sqlite.ts';
import { describeError } from './errors.ts';
import type { Measurement } from './stats.ts';

/** Ceilings (e) and (a) as a section receives them, with the echo's workload and where they came from. */
export interface CeilingFigures {
  readonly echo: Measurement | undefined;
  readonly commit: Measurement | undefined;
  readonly echoConnections: number;
  readonly echoSeconds: number;
  readonly source: string;
}

const STANDALONE_COMMITS = 2_000;
const STANDALONE_HTTP_SECONDS = 5;
const STANDALONE_HTTP_CONNECTIONS = 32;

/**
 * One round of ceilings (a) and (e), then `section` with them. Problems measuring a ceiling leave
 * its ratios blank and are noted under the section's tables; they never stop the section.
 */
export const sectionAlone = async (
  options: {
    /** Put before each progress line, e.g. "mail: ". */
    readonly progressPrefix: string;
    /** Where the ceilings came from, as the tables say it. */
    readonly source: string;
  },
  progress: (text: string) => void,
  section: (figures: CeilingFigures, progress: (text: string) => void) => Promise<string>,
): Promise<string> => {
  const problems: string[] = [];
  let commit: Measurement | undefined;
  let echo: Measurement | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'redress-bench-ceilings-'));
  try {
    progress(`${options.progressPrefix}ceiling (a): SQLite commits`);
    commit = measureSqliteCommits(dir, 'FULL', STANDALONE_COMMITS);
  } catch (error) {
    problems.push(`- (a) failed: ${describeError(error)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  try {
    progress(`${options.progressPrefix}ceiling (e): HTTP echo`);
    echo = await measureHttpEcho({ seconds: STANDALONE_HTTP_SECONDS, connections: STANDALONE_HTTP_CONNECTIONS });
  } catch (error) {
    problems.push(`- (e) failed: ${describeError(error)}`);
  }
  const tables = await section(
    {
      echo,
      commit,
      echoConnections: STANDALONE_HTTP_CONNECTIONS,
      echoSeconds: STANDALONE_HTTP_SECONDS,
      source: options.source,
    },
    progress,
  );
  return problems.length > 0 ? `${tables}\n${problems.join('\n')}\n` : tables;
};
