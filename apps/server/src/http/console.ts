import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Serves the built web console (apps/console/dist) from the same origin as the API, so the
 * session cookie and the CSRF double-submit work without CORS.
 *
 * - `/assets/*` are content-hashed by Vite: cached for a year, immutable.
 * - `index.html` and the other files: `no-cache` (revalidated with ETag), so a deploy is seen at once.
 * - Compressed copies written by the build (`<file>.br`, `<file>.gz`) are sent to clients whose
 *   `Accept-Encoding` takes them, with `Content-Encoding` and `Vary: accept-encoding`; others get
 *   the plain file. The server itself compresses nothing per request.
 * - Any other GET that wants HTML gets index.html: the console routes in the browser (`/portal`, …).
 *   `/api/*`, `/healthz` and `/readyz` never do: they keep the JSON 404 of the error plugin.
 * - Not built yet: a short page says how to build it; the API keeps working.
 */

export interface ConsoleOptions {
  /** Absolute path of the built console, usually {@link consoleDistDir}. */
  readonly distDir: string;
}

/** Absolute path of `apps/console/dist`, wherever the repository is checked out. */
export const consoleDistDir = (): string => resolve(import.meta.dirname, '../../../console/dist');

export const BUILD_COMMAND = 'npm run build -w @redress/console';

const CACHE_HASHED = 'public, max-age=31536000, immutable';
const CACHE_REVALIDATE = 'no-cache';

/**
 * For the console's HTML only. Vite emits no inline script; React sets styles through the CSSOM,
 * which `style-src 'self'` allows. Nobody may frame the console (clickjacking).
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Redress — console not built</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;line-height:1.5;color:#1b2430}code{background:#eef1f4;padding:.15rem .35rem;border-radius:4px}</style>
</head>
<body>
<h1>The Redress console is not built</h1>
<p>The server is running and the API answers under <code>/api/v1</code>, but the web console has not been built on this machine.</p>
<p>Build it from the repository root, then reload this page:</p>
<p><code>${BUILD_COMMAND}</code></p>
<p><code>npm start</code> builds it for you when it is missing or out of date.</p>
</body>
</html>
`;

/** Paths the console must never answer, even for a browser: they belong to the API. */
const isReserved = (pathname: string): boolean =>
  pathname === '/api' || pathname.startsWith('/api/') || pathname === '/healthz' || pathname === '/readyz';

const acceptsHtml = (request: FastifyRequest): boolean => request.headers.accept?.includes('text/html') ?? false;

const isFile = async (path: string): Promise<boolean> => {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
};

/**
 * The file under `root` a URL path names, as a relative path, or `undefined`. Only plain segments
 * count: no empty, dot or dot-dot segments, no hidden files, no backslashes, so nothing outside
 * `root` (or hidden inside it) is ever served.
 */
const fileFor = async (root: string, pathname: string): Promise<string | undefined> => {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  const segments = decoded.split('/').slice(1);
  if (segments.length === 0 || segments.some((s) => s === '' || s.startsWith('.') || /[\\\0]/.test(s))) {
    return undefined;
  }
  const relative = segments.join('/');
  return (await isFile(join(root, relative))) ? relative : undefined;
};

const sendIndex = (reply: FastifyReply): FastifyReply =>
  reply
    .header('cache-control', CACHE_REVALIDATE)
    .header('content-security-policy', CONTENT_SECURITY_POLICY)
    .header('x-frame-options', 'DENY')
    .header('referrer-policy', 'same-origin')
    .sendFile('index.html');

/**
 * Registers the console's files and its SPA fallback on `app`, in an encapsulated scope (its
 * `sendFile` decorator does not leak). Register it last: API routes are more specific and win.
 */
export const registerConsole = async (app: FastifyInstance, options: ConsoleOptions): Promise<void> => {
  const { distDir } = options;
  if (!(await isFile(join(distDir, 'index.html')))) {
    app.log.warn({ distDir }, `The web console is not built; run "${BUILD_COMMAND}"`);
  }

  await app.register(async (scope) => {
    // `serve: false`: one route below decides between file, fallback and 404, instead of the
    // plugin's own wildcard. The root may not exist yet; it is checked per request.
    await scope.register(fastifyStatic, {
      root: distDir,
      serve: false,
      cacheControl: false,
      // Sends `<file>.br` / `<file>.gz` when present and accepted, else the file itself.
      preCompressed: true,
      suppressWarning: true,
    });

    scope.get('/*', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const pathname = request.url.split('?')[0] ?? '/';
      if (isReserved(pathname)) return reply.callNotFound();
      void reply.header('x-content-type-options', 'nosniff');

      // Checked per request, so building the console while the server runs needs no restart.
      if (!(await isFile(join(distDir, 'index.html')))) {
        if (pathname !== '/' && !acceptsHtml(request)) return reply.callNotFound();
        return reply
          .status(503)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(NOT_BUILT_PAGE);
      }

      const file = await fileFor(distDir, pathname);
      if (file === 'index.html') return sendIndex(reply);
      if (file !== undefined) {
        return reply
          .header('cache-control', file.startsWith('assets/') ? CACHE_HASHED : CACHE_REVALIDATE)
          .sendFile(file);
      }
      // A missing hashed asset is a stale page asking for an old build: a 404, never HTML.
      if (pathname.startsWith('/assets/')) return reply.callNotFound();
      if (pathname === '/' || acceptsHtml(request)) return sendIndex(reply);
      return reply.callNotFound();
    });
  });
};
