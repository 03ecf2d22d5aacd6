import Fastify, { type FastifyInstance } from 'fastify';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { BUILD_COMMAND, consoleDistDir, registerConsole } from './console.ts';

const INDEX =
  '<!doctype html><html><body><div id="root"></div><script type="module" src="/assets/index-abc123.js"></script></body></html>';
const ASSET = 'console.log("console");';
const HTML = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** An app shaped like the real one: API routes, health, and a JSON not-found handler. */
const buildTestApp = async (distDir: string): Promise<FastifyInstance> => {
  const app = Fastify({ logger: false });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ error: { code: 'not_found', message: `No route ${request.method} ${request.url}` } }),
  );
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/api/v1/auth/me', async (_request, reply) =>
    reply.status(401).send({ error: { code: 'unauthenticated', message: 'Sign in first' } }),
  );
  await registerConsole(app, { distDir });
  await app.ready();
  return app;
};

describe('registerConsole with a built console', () => {
  let dir: string;
  let app: FastifyInstance;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redress-console-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'assets', 'index-abc123.js'), ASSET);
    await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    await writeFile(join(dir, '.env'), 'SECRET=1');
    app = await buildTestApp(dir);
  });

  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('serves index.html at / with no-cache and a content security policy', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, INDEX);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.equal(response.headers['cache-control'], 'no-cache');
    assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/);
  });

  it('serves hashed assets with a year-long immutable cache', async () => {
    const response = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, ASSET);
    assert.match(String(response.headers['content-type']), /javascript/);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });

  it('serves other files with no-cache, and answers HEAD', async () => {
    const response = await app.inject({ method: 'GET', url: '/favicon.svg' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['cache-control'], 'no-cache');
    const head = await app.inject({ method: 'HEAD', url: '/assets/index-abc123.js' });
    assert.equal(head.statusCode, 200);
    assert.equal(head.body, '');
  });

  it('answers browser navigation to client routes with index.html', async () => {
    for (const url of ['/portal', '/cases/case_01ABC?tab=timeline', '/portal/follow/123']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: HTML } });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.body, INDEX, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
    }
  });

  it('keeps the JSON 404 for non-HTML requests, the API, health and missing assets', async () => {
    const cases: [string, Record<string, string>][] = [
      ['/portal', { accept: 'application/json' }],
      ['/api/v1/nothing-here', { accept: HTML }],
      ['/api', { accept: HTML }],
      ['/readyz', { accept: HTML }],
      ['/assets/index-old999.js', { accept: HTML }],
      ['/assets/index-old999.js', { accept: '*/*' }],
    ];
    for (const [url, headers] of cases) {
      const response = await app.inject({ method: 'GET', url, headers });
      assert.equal(response.statusCode, 404, url);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'not_found', url);
    }
  });

  it('leaves API and health routes to their own handlers', async () => {
    const health = await app.inject({ method: 'GET', url: '/healthz', headers: { accept: HTML } });
    assert.deepEqual(health.json(), { status: 'ok' });
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { accept: HTML } });
    assert.equal(me.statusCode, 401);
  });

  it('never serves hidden files or anything outside the build', async () => {
    for (const url of ['/.env', '/assets/../.env', '/%2e%2e/%2e%2e/package.json', '/assets/..%2f..%2fpackage.json']) {
      const response = await app.inject({ method: 'GET', url, headers: { accept: '*/*' } });
      assert.notEqual(response.statusCode, 200, url);
      assert.doesNotMatch(response.body, /SECRET|"name"/, url);
    }
  });

  it('does not take unsafe methods', async () => {
    const response = await app.inject({ method: 'POST', url: '/portal', headers: { accept: HTML } });
    assert.equal(response.statusCode, 404);
  });
});

describe('registerConsole with compressed copies from the build', () => {
  // Large and repetitive, like a real bundle, so the compressed copies are much smaller.
  const SCRIPT = Array.from({ length: 400 }, (_, i) => `export const value${i} = "console ${i}";`).join('\n');
  const STYLE = 'body { color: #1b2430; }\n'.repeat(200);
  let dir: string;
  let app: FastifyInstance;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redress-console-compressed-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), INDEX);
    await writeFile(join(dir, 'index.html.br'), brotliCompressSync(INDEX));
    await writeFile(join(dir, 'index.html.gz'), gzipSync(INDEX));
    await writeFile(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
    await writeFile(join(dir, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
    await writeFile(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
    // Only a gzip copy: the build skips a copy that would not be smaller.
    await writeFile(join(dir, 'assets', 'index-def456.css'), STYLE);
    await writeFile(join(dir, 'assets', 'index-def456.css.gz'), gzipSync(STYLE));
    app = await buildTestApp(dir);
  });

  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = (url: string, headers: Record<string, string>) => app.inject({ method: 'GET', url, headers });
  const varies = (value: unknown): boolean =>
    String(value)
      .split(',')
      .some((token) => token.trim().toLowerCase() === 'accept-encoding');

  it('sends the brotli copy of a script to a client that accepts br', async () => {
    const response = await get('/assets/index-abc123.js', { 'accept-encoding': 'br' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-encoding'], 'br');
    assert.match(String(response.headers['content-type']), /javascript/);
    assert.ok(response.rawPayload.length < SCRIPT.length / 3, `${response.rawPayload.length} bytes`);
    assert.equal(brotliDecompressSync(response.rawPayload).toString(), SCRIPT);
    assert.ok(varies(response.headers.vary), String(response.headers.vary));
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
  });

  it('prefers brotli to gzip, as browsers send both', async () => {
    const response = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    assert.equal(response.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(response.rawPayload).toString(), SCRIPT);
  });

  it('sends the gzip copy to a client that accepts only gzip', async () => {
    const response = await get('/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-encoding'], 'gzip');
    assert.match(String(response.headers['content-type']), /javascript/);
    assert.equal(gunzipSync(response.rawPayload).toString(), SCRIPT);
    assert.ok(varies(response.headers.vary));
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('sends the plain file, still varying on accept-encoding, to a client that accepts no compression', async () => {
    for (const headers of [{}, { 'accept-encoding': 'identity' }] as Record<string, string>[]) {
      const response = await get('/assets/index-abc123.js', headers);
      assert.equal(response.statusCode, 200);
      assert.equal(response.headers['content-encoding'], undefined);
      assert.equal(response.body, SCRIPT);
      assert.ok(varies(response.headers.vary), String(response.headers.vary));
      assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    }
  });

  it('falls back to the copy that exists when the preferred one was not written', async () => {
    const gzipped = await get('/assets/index-def456.css', { 'accept-encoding': 'br, gzip' });
    assert.equal(gzipped.headers['content-encoding'], 'gzip');
    assert.match(String(gzipped.headers['content-type']), /^text\/css/);
    assert.equal(gunzipSync(gzipped.rawPayload).toString(), STYLE);
    const plain = await get('/assets/index-def456.css', { 'accept-encoding': 'br' });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, STYLE);
    assert.ok(varies(plain.headers.vary));
  });

  it('sends index.html compressed at / and for client routes, with its no-cache and security headers', async () => {
    for (const url of ['/', '/cases/x', '/portal/follow/123?lang=th']) {
      const response = await get(url, { accept: HTML, 'accept-encoding': 'gzip, deflate, br' });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['content-encoding'], 'br', url);
      assert.match(String(response.headers['content-type']), /^text\/html/, url);
      assert.equal(brotliDecompressSync(response.rawPayload).toString(), INDEX, url);
      assert.ok(varies(response.headers.vary), url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
      assert.match(String(response.headers['content-security-policy']), /frame-ancestors 'none'/, url);
    }
    const plain = await get('/cases/x', { accept: HTML });
    assert.equal(plain.body, INDEX);
    assert.equal(plain.headers['content-encoding'], undefined);
  });

  it('revalidates a compressed copy with its own ETag', async () => {
    const first = await get('/', { 'accept-encoding': 'br' });
    const plain = await get('/', {});
    assert.ok(first.headers.etag);
    assert.notEqual(first.headers.etag, plain.headers.etag);
    const again = await get('/', { 'accept-encoding': 'br', 'if-none-match': String(first.headers.etag) });
    assert.equal(again.statusCode, 304);
  });

  it('keeps the JSON 404 for a missing hashed asset, whatever the client accepts', async () => {
    const response = await get('/assets/index-old999.js', { 'accept-encoding': 'br, gzip', accept: HTML });
    assert.equal(response.statusCode, 404);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'not_found');
  });
});

describe('registerConsole before the console is built', () => {
  let dir: string;
  let app: FastifyInstance;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redress-console-empty-'));
    app = await buildTestApp(join(dir, 'dist')); // does not exist yet
  });

  after(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('answers / with a page saying how to build it, and the API still works', async () => {
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 503);
    assert.match(String(response.headers['content-type']), /^text\/html/);
    assert.ok(response.body.includes(BUILD_COMMAND));
    assert.equal(response.headers['cache-control'], 'no-store');

    const health = await app.inject({ method: 'GET', url: '/healthz' });
    assert.equal(health.statusCode, 200);
    const script = await app.inject({ method: 'GET', url: '/assets/app.js' });
    assert.equal(script.statusCode, 404);
  });

  it('serves the console as soon as it is built, without a restart', async () => {
    await mkdir(join(dir, 'dist'), { recursive: true });
    await writeFile(join(dir, 'dist', 'index.html'), INDEX);
    const response = await app.inject({ method: 'GET', url: '/' });
    assert.equal(response.statusCode, 200);
    assert.equal(response.body, INDEX);
  });
});

describe('consoleDistDir', () => {
  it('points at apps/console/dist in this repository', () => {
    const expected = resolve(import.meta.dirname, '../../../console/dist');
    assert.equal(consoleDistDir(), expected);
    assert.ok(consoleDistDir().endsWith(join('apps', 'console', 'dist')));
    assert.ok(existsSync(resolve(consoleDistDir(), '..', 'package.json')));
  });
});
