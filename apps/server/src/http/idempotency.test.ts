import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { bearerFor, buildTestApp, createUser, tempDir } from '../../test/factories.ts';
import { describeBothBackends } from '../../test/pg-util.ts';
import { fixedClock } from '../shared/clock.ts';
import { AppError, ErrorCode } from '../shared/errors.ts';
import type { Context } from '../shared/unit-of-work.ts';
import type { Database } from '../storage/index.ts';
import { idempotencyStore } from '../storage/repositories/idempotency.repository.ts';
import { openSqlite } from '../storage/sqlite/open.ts';
import { registerErrorHandling } from './errors.ts';
import {
  canonicalJson,
  IDEMPOTENCY_PENDING_TIMEOUT_MS,
  keySecrets,
  openResponse,
  registerIdempotency,
  requestFingerprint,
  sealResponse,
} from './idempotency.ts';

type ErrorJson = { error: { code: string; message: string; details?: { field?: string; message: string }[] } };

describe('idempotency primitives', () => {
  test('canonical JSON ignores key order and undefined, keeps array order', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' }, u: undefined }), '{"a":{"c":"x","d":[2,1]},"b":1}');
    assert.equal(canonicalJson(undefined), 'null');
    assert.notEqual(canonicalJson([1, 2]), canonicalJson([2, 1]));
  });

  test('everything derived from the key differs per actor; the fingerprint covers method, route and body', () => {
    const a = keySecrets('key-1', 'usr_A');
    const b = keySecrets('key-1', 'usr_B');
    assert.notEqual(a.keyHash, b.keyHash);
    assert.ok(!a.encryption.equals(b.encryption));
    const print = (route: string, body: unknown) => requestFingerprint(a.mac, 'POST', route, body);
    assert.equal(print('/x', { a: 1, b: 2 }), print('/x', { b: 2, a: 1 }));
    assert.notEqual(print('/x', { a: 1 }), print('/y', { a: 1 }));
    assert.notEqual(print('/x', { a: 1 }), print('/x', { a: 2 }));
  });

  test('a stored response opens only with its own key, and tampering is detected', () => {
    const { encryption } = keySecrets('key-1', 'usr_A');
    const sealed = sealResponse(encryption, '{"token":"rdt_secret"}');
    assert.ok(!sealed.includes('rdt_secret'));
    assert.equal(openResponse(encryption, sealed), '{"token":"rdt_secret"}');
    assert.throws(() => openResponse(keySecrets('key-2', 'usr_A').encryption, sealed));
    const raw = Buffer.from(sealed, 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] ?? 0) ^ 1;
    assert.throws(() => openResponse(encryption, raw.toString('base64')));
  });
});

/** A small app: the actor comes from `x-test-actor`; POST /things creates, optionally waiting on a latch. */
const thingsApp = async (db: Database, clock = fixedClock('2026-03-02T09:00:00.000Z')) => {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandling(app);
  app.decorateRequest('ctx', undefined as unknown as Context);
  app.addHook('onRequest', async (request) => {
    const userId = String(request.headers['x-test-actor'] ?? 'usr_A');
    request.ctx = {
      actor: { kind: 'user', userId, role: 'agent', via: 'token', scope: { allSites: true, siteIds: [], teamIds: [] } },
      requestId: request.id,
    };
  });
  registerIdempotency(app, idempotencyStore(db), clock);
  const state = { runs: 0, latch: undefined as Promise<void> | undefined, entered: () => {} };
  app.post(
    '/things',
    {
      config: { idempotent: true },
      schema: { body: Type.Object({ name: Type.String({ maxLength: 50 }), n: Type.Optional(Type.Integer()) }) },
    },
    async (request, reply) => {
      state.runs += 1;
      state.entered();
      if (state.latch) await state.latch;
      if (request.body.name === 'refuse') throw new AppError(ErrorCode.Conflict, 'refused');
      return reply.status(201).send({ id: `thing_${state.runs}`, name: request.body.name });
    },
  );
  app.post('/plain', async () => ({ ok: true }));
  await app.ready();
  return { app, state, clock };
};

describeBothBackends('Idempotency-Key', (backend) => {
  const post = (app: FastifyInstance, payload: object, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: '/things', payload, headers });

  test('the same key and body replay the first response without running the handler again', async (t) => {
    const { app, state } = await thingsApp(await backend.open(t));
    t.after(() => app.close());
    const first = await post(app, { name: 'a', n: 1 }, { 'idempotency-key': 'k-1' });
    assert.equal(first.statusCode, 201);
    assert.equal(first.headers['idempotent-replayed'], undefined);
    const again = await post(app, { n: 1, name: 'a' }, { 'idempotency-key': 'k-1' });
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.match(String(again.headers['content-type']), /^application\/json/);
    assert.equal(again.body, first.body);
    assert.equal(state.runs, 1);
    // Without a key every request runs.
    await post(app, { name: 'a', n: 1 });
    await post(app, { name: 'a', n: 1 });
    assert.equal(state.runs, 3);
  });

  test('the same key with a different body is refused with 422', async (t) => {
    const { app, state } = await thingsApp(await backend.open(t));
    t.after(() => app.close());
    await post(app, { name: 'a' }, { 'idempotency-key': 'k-1' });
    const reused = await post(app, { name: 'b' }, { 'idempotency-key': 'k-1' });
    assert.equal(reused.statusCode, 422);
    const error = reused.json<ErrorJson>().error;
    assert.equal(error.code, 'idempotency_key_reused');
    assert.equal(error.details?.[0]?.field, '/headers/idempotency-key');
    assert.equal(state.runs, 1);
  });

  test('keys are scoped per actor', async (t) => {
    const { app, state } = await thingsApp(await backend.open(t));
    t.after(() => app.close());
    const a = await post(app, { name: 'a' }, { 'idempotency-key': 'shared', 'x-test-actor': 'usr_A' });
    const b = await post(app, { name: 'a' }, { 'idempotency-key': 'shared', 'x-test-actor': 'usr_B' });
    assert.equal(b.headers['idempotent-replayed'], undefined);
    assert.notEqual(a.json<{ id: string }>().id, b.json<{ id: string }>().id);
    // B's different body under the same key is B's own business, not a reuse of A's key.
    const b2 = await post(app, { name: 'other' }, { 'idempotency-key': 'shared-2', 'x-test-actor': 'usr_B' });
    assert.equal(b2.statusCode, 201);
    assert.equal(state.runs, 3);
  });

  test('a second request while the first still runs gets 409 and does not run the handler', async (t) => {
    const { app, state } = await thingsApp(await backend.open(t));
    t.after(() => app.close());
    let release = () => {};
    state.latch = new Promise<void>((resolve) => (release = resolve));
    const entered = new Promise<void>((resolve) => (state.entered = resolve));
    const first = post(app, { name: 'slow' }, { 'idempotency-key': 'k-slow' });
    await entered;
    const second = await post(app, { name: 'slow' }, { 'idempotency-key': 'k-slow' });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json<ErrorJson>().error.code, 'conflict');
    assert.match(second.json<ErrorJson>().error.message, /in progress/);
    release();
    assert.equal((await first).statusCode, 201);
    state.latch = undefined;
    const third = await post(app, { name: 'slow' }, { 'idempotency-key': 'k-slow' });
    assert.equal(third.headers['idempotent-replayed'], 'true');
    assert.equal(state.runs, 1);
  });

  test('a failed request frees its key; a pending key whose process died may be retried later', async (t) => {
    const db = await backend.open(t);
    const { app, state, clock } = await thingsApp(db);
    t.after(() => app.close());
    const refused = await post(app, { name: 'refuse' }, { 'idempotency-key': 'k-fail' });
    assert.equal(refused.statusCode, 409);
    await post(app, { name: 'refuse' }, { 'idempotency-key': 'k-fail' });
    assert.equal(state.runs, 2, 'the error was not replayed: the handler ran again');

    // A pending record left by a crashed process (claimed, never completed).
    const store = idempotencyStore(db);
    const secrets = keySecrets('k-crash', 'usr_A');
    await store.claim({
      actorId: 'usr_A',
      keyHash: secrets.keyHash,
      method: 'POST',
      route: '/things',
      requestHash: requestFingerprint(secrets.mac, 'POST', '/things', { name: 'c' }),
      now: clock.now(),
      pendingBefore: clock.now(),
      expiredBefore: clock.now(),
    });
    assert.equal((await post(app, { name: 'c' }, { 'idempotency-key': 'k-crash' })).statusCode, 409);
    clock.advance(IDEMPOTENCY_PENDING_TIMEOUT_MS + 1);
    assert.equal((await post(app, { name: 'c' }, { 'idempotency-key': 'k-crash' })).statusCode, 201);
  });

  test('the header must be 1–200 visible ASCII characters', async (t) => {
    const { app, state } = await thingsApp(await backend.open(t));
    t.after(() => app.close());
    for (const key of ['', 'has space', 'x'.repeat(201), 'ключ']) {
      const response = await post(app, { name: 'a' }, { 'idempotency-key': key });
      assert.equal(response.statusCode, 400, JSON.stringify(key));
      assert.equal(response.json<ErrorJson>().error.details?.[0]?.field, '/headers/idempotency-key');
    }
    assert.equal(state.runs, 0);
    assert.equal((await post(app, { name: 'a' }, { 'idempotency-key': 'x'.repeat(200) })).statusCode, 201);
    // Routes that did not opt in ignore the header.
    const plain = await app.inject({
      method: 'POST',
      url: '/plain',
      payload: {},
      headers: { 'idempotency-key': 'bad key' },
    });
    assert.equal(plain.statusCode, 200);
  });
});

describe('Idempotency-Key on the API', () => {
  test('POST /users and POST /tokens replay; the token secret is not stored in clear', async (t) => {
    const app = await buildTestApp();
    t.after(() => app.close());
    const admin = await createUser(app.deps, 'admin');
    const headers = {
      ...(await bearerFor(app.deps, admin.id)),
      'idempotency-key': '5a7c1e0e-6d2b-4c1e-9f3a-0d1f2e3c4b5a',
    };
    const payload = { email: 'new.agent@example.test', name: '新同事', role: 'agent' };
    const first = await app.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
    assert.equal(first.statusCode, 201, first.body);
    const replay = await app.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.deepEqual(replay.json(), first.json());
    const reused = await app.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { ...payload, email: 'other@example.test' },
    });
    assert.equal(reused.statusCode, 422);

    const tokenHeaders = { ...headers, 'idempotency-key': 'token-key-1' };
    const token = await app.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: tokenHeaders,
      payload: { name: 'ci' },
    });
    assert.equal(token.statusCode, 201, token.body);
    const tokenAgain = await app.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: tokenHeaders,
      payload: { name: 'ci' },
    });
    assert.equal(tokenAgain.json<{ token: string }>().token, token.json<{ token: string }>().token);
    const list = await app.app.inject({ method: 'GET', url: '/api/v1/tokens', headers });
    assert.equal(list.json<{ items: { name: string }[] }>().items.filter((i) => i.name === 'ci').length, 1);
    const rows = await app.deps.db.read.selectFrom('idempotency_keys').selectAll().execute();
    assert.equal(rows.length, 2);
    const secret = token.json<{ token: string }>().token;
    assert.ok(
      rows.every((r) => !String(r.response_body).includes(secret) && !String(r.response_body).includes('新同事')),
    );
    assert.ok(rows.every((r) => !r.key_hash.includes('token-key-1')));

    const bad = await app.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { ...headers, 'idempotency-key': 'not ok' },
      payload,
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<ErrorJson>().error.details?.[0]?.field, '/headers/idempotency-key');

    const spec = await app.app.inject({ method: 'GET', url: '/api/openapi.json' });
    const parameters = spec.json<{
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>;
    }>().paths['/api/v1/users']?.post?.parameters;
    assert.ok(parameters?.some((p) => p.name === 'idempotency-key' && p.in === 'header'));
  });

  test('a replay survives a restart: the record is in the database', async (t) => {
    const { dir, remove } = tempDir();
    t.after(remove);
    const start = async () => buildTestApp({ db: await openSqlite({ dataDir: dir }) });
    const first = await start();
    const admin = await createUser(first.deps, 'admin');
    const headers = { ...(await bearerFor(first.deps, admin.id)), 'idempotency-key': 'restart-1' };
    const payload = { email: 'after.restart@example.test', name: 'R', role: 'agent' };
    const created = await first.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
    assert.equal(created.statusCode, 201);
    await first.close();

    const second = await start();
    t.after(() => second.close());
    const replay = await second.app.inject({ method: 'POST', url: '/api/v1/users', headers, payload });
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.body, created.body);
  });
});
