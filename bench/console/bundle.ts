// The console's built bundle: what a browser downloads before the first screen (the entry script,
// what index.html preloads and its stylesheet) and the chunks loaded when a screen first opens,
// raw and gzip-compressed. Builds the console first when it has never been built.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describeError } from '../lib/errors.ts';
import { formatNumber, markdownTable } from '../lib/table.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CONSOLE = join(ROOT, 'apps', 'console');
const DIST = join(CONSOLE, 'dist');
const BUILD_TIMEOUT_MS = 180_000;

type Kind = 'entry' | 'preloaded' | 'stylesheet' | 'lazy' | 'lazy stylesheet';

interface Chunk {
  readonly file: string;
  readonly kind: Kind;
  readonly raw: number;
  readonly gzip: number;
}

/** The newest source file's modification time, to say whether the build is older than its sources. */
const newestSource = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || /\.test\.[jt]sx?$/.test(entry.name)) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
};

const kib = (bytes: number): string => `${formatNumber(bytes / 1024, 1)} KiB`;

/** "index-Bw5Vii_8.js" → "index-….js": hashes change with every build and say nothing. */
const unhashed = (file: string): string => file.replace(/-[A-Za-z0-9_-]{8}\.(js|css)$/, '-….$1');

/** The bundle table; never throws. */
export const bundleTable = (progress: (text: string) => void): string => {
  const notes: string[] = [];
  const chunks: Chunk[] = [];
  try {
    if (!existsSync(join(DIST, 'index.html'))) {
      progress('console: building the console (npm run build -w @redress/console)');
      const built = spawnSync('npm', ['run', 'build', '-w', '@redress/console'], {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: BUILD_TIMEOUT_MS,
      });
      if (built.status !== 0) {
        const output = `${built.stderr ?? ''}${built.stdout ?? ''}`.trim().split('\n').slice(-2).join(' ');
        throw new Error(`the console build failed: ${output || built.error?.message || `status ${built.status}`}`);
      }
      notes.push('- Built for this run (apps/console/dist was missing).');
    } else {
      const builtAt = statSync(join(DIST, 'index.html')).mtimeMs;
      const stale = newestSource(join(CONSOLE, 'src')) > builtAt;
      notes.push(
        `- apps/console/dist as built at ${new Date(builtAt).toISOString()}${stale ? ' (sources have changed since: `npm run build` to measure them)' : ''}.`,
      );
    }
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const referenced = (pattern: RegExp): string[] =>
      [...html.matchAll(pattern)].map((match) => match[1]!.replace(/^\/assets\//, ''));
    const entry = new Set(referenced(/<script[^>]+src="([^"]+\.js)"/g));
    const preloaded = new Set(referenced(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g));
    const styles = new Set(referenced(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+\.css)"/g));
    const assets = readdirSync(join(DIST, 'assets')).filter((file) => /\.(js|css)$/.test(file));
    for (const file of assets) {
      const bytes = readFileSync(join(DIST, 'assets', file));
      const css = file.endsWith('.css');
      const kind: Kind = entry.has(file)
        ? 'entry'
        : preloaded.has(file)
          ? 'preloaded'
          : styles.has(file)
            ? 'stylesheet'
            : css
              ? 'lazy stylesheet'
              : 'lazy';
      chunks.push({ file, kind, raw: bytes.length, gzip: gzipSync(bytes).length });
    }
  } catch (error) {
    notes.push(`- Bundle not measured: ${describeError(error)}`);
  }
  const order: Kind[] = ['entry', 'preloaded', 'stylesheet', 'lazy', 'lazy stylesheet'];
  chunks.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || b.raw - a.raw);
  const sum = (list: readonly Chunk[], key: 'raw' | 'gzip') => list.reduce((total, c) => total + c[key], 0);
  const first = chunks.filter((c) => c.kind === 'entry' || c.kind === 'preloaded' || c.kind === 'stylesheet');
  const rows = [
    ...chunks.map((c) => [unhashed(c.file), c.kind, kib(c.raw), kib(c.gzip)]),
    ...(chunks.length > 0
      ? [
          [
            '**before the first screen**',
            'entry + preloaded + stylesheet',
            kib(sum(first, 'raw')),
            kib(sum(first, 'gzip')),
          ],
          ['**everything**', `${chunks.length} files`, kib(sum(chunks, 'raw')), kib(sum(chunks, 'gzip'))],
        ]
      : []),
  ];
  return markdownTable(
    'Console bundle (apps/console/dist/assets)',
    [{ header: 'file' }, { header: 'loaded' }, { header: 'raw', align: 'right' }, { header: 'gzip', align: 'right' }],
    rows,
    [
      '- "entry", "preloaded" and "stylesheet" are named by index.html; "lazy" chunks load when a screen first opens',
      '  (React.lazy) and may be shared by several screens. Source maps left out.',
      '- gzip: zlib level 6, what a compressing reverse proxy sends; Redress itself serves the files uncompressed.',
      ...notes,
    ],
  );
};
