/**
 * Builds the console only when its build is missing or older than its sources, so `npm start`
 * stays fast after the first run. Run with Node 24 (type stripping, no dependencies):
 *
 *   node apps/console/scripts/build-if-stale.ts [--check]
 *
 * `--check` only reports: exit 0 when fresh, 1 when a build is needed.
 * A failed build is reported but exits 0 so the server still starts (the API works and `/` says
 * how to build); `--strict` makes it exit non-zero instead.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const consoleDir = resolve(import.meta.dirname, '..');

/** What the build reads: a change to any of these makes the build stale. */
const INPUTS = ['src', 'public', 'index.html', 'vite.config.ts', 'package.json', 'tsconfig.json'];

/** Tests are not part of the bundle: editing one needs no rebuild. */
const TEST_FILE = /\.test\.[cm]?[jt]sx?$/;

const mtimeOf = (path: string): number | undefined => {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
};

/** The newest modification time under `path` (a file or a directory tree), with the file it belongs to. */
export const newestInput = (path: string): { mtimeMs: number; file: string } | undefined => {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return undefined;
  }
  if (!stats.isDirectory()) return { mtimeMs: stats.mtimeMs, file: path };
  let newest: { mtimeMs: number; file: string } | undefined;
  for (const entry of readdirSync(path, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || TEST_FILE.test(entry.name)) continue;
    const file = join(entry.parentPath, entry.name);
    const mtimeMs = statSync(file).mtimeMs;
    if (!newest || mtimeMs > newest.mtimeMs) newest = { mtimeMs, file };
  }
  return newest;
};

/** Why the console needs building, or `undefined` when `dist/index.html` is newer than every input. */
export const staleReason = (dir: string = consoleDir): string | undefined => {
  const built = mtimeOf(join(dir, 'dist', 'index.html'));
  if (built === undefined) return 'dist/index.html is missing';
  for (const input of INPUTS) {
    const newest = newestInput(join(dir, input));
    if (newest && newest.mtimeMs > built) return `${relative(dir, newest.file)} changed after the last build`;
  }
  return undefined;
};

const main = (): number => {
  const reason = staleReason();
  if (reason === undefined) {
    console.log('console: build is up to date');
    return 0;
  }
  if (process.argv.includes('--check')) {
    console.log(`console: build needed (${reason})`);
    return 1;
  }
  console.log(`console: building (${reason})…`);
  // npm puts the workspace's and the root's node_modules/.bin on PATH, so `vite` runs on the pinned Node.
  const result = spawnSync('npm', ['run', 'build', '--workspace', '@redress/console'], {
    cwd: resolve(consoleDir, '..', '..'),
    stdio: 'inherit',
  });
  if (result.error) {
    console.error(`console: could not run the build: ${result.error.message}`);
    return 1;
  }
  if (result.status === 0) return 0;
  console.error('console: build failed; the server starts anyway and `/` explains how to build.');
  return process.argv.includes('--strict') ? (result.status ?? 1) : 0;
};

if (import.meta.main) process.exitCode = main();
