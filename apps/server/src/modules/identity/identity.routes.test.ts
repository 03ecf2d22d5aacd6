import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { buildTestApp, bearerFor, createUser, signIn, TEST_PASSWORD, type TestApp } from '../../../test/factories.ts';

describe('sign-in, sessions and API tokens over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await createUser(t.deps, 'admin');
    await createUser(t.deps, 'agent');
    await createUser(t.deps, 'supervisor');
  });
  after(() => t.close());

  test('signing in sets an HttpOnly session cookie and a readable CSRF cookie', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'Agent@Example.test ', password: 'correct horse battery' },
    });
    // The e-mail has a trailing space and capitals: schema rejects the space as not an e-mail.
    assert.equal(response.statusCode, 400);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'Agent@Example.test', password: 'correct horse battery' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const body = ok.json<{ user: { email: string; role: string }; permissions: string[] }>();
    assert.equal(body.user.email, 'agent@example.test');
    assert.equal(body.user.role, 'agent');
    assert.ok(body.permissions.includes('session:self'));
    assert.equal('passwordHash' in body.user, false);
    const session = ok.cookies.find((c) => c.name === 'redress_session');
    const csrf = ok.cookies.find((c) => c.name === 'redress_csrf');
    assert.equal(session?.httpOnly, true);
    assert.equal(session?.sameSite, 'Lax');
    assert.equal(csrf?.httpOnly, undefined);
  });

  test('a wrong password and an unknown address get the same coded answer', async () => {
    for (const payload of [
      { email: 'agent@example.test', password: 'wrong password' },
      { email: 'nobody@example.test', password: 'wrong password' },
    ]) {
      const response = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      assert.equal(response.statusCode, 401);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'invalid_credentials');
    }
  });

  test('a malformed body names the field that is wrong, never a 500', async () => {
    const missing = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'a@b.test' } });
    assert.equal(missing.statusCode, 400);
    const error = missing.json<{ error: { code: string; details: { field: string }[] } }>().error;
    assert.equal(error.code, 'validation_failed');
    assert.deepEqual(
      error.details.map((d) => d.field),
      ['/body/password'],
    );

    const extra = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.test', password: 'x', admin: true },
    });
    assert.equal(extra.statusCode, 400);
    assert.equal(extra.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field, '/body/admin');

    const badJson = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    assert.equal(badJson.statusCode, 400);
    assert.equal(badJson.json<{ error: { code: string } }>().error.code, 'validation_failed');

    const form = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'email=a',
    });
    assert.equal(form.statusCode, 415);
    assert.equal(form.json<{ error: { code: string } }>().error.code, 'unsupported_media_type');

    const huge = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'a@b.test', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json<{ error: { code: string } }>().error.code, 'payload_too_large');
  });

  test('a session reads /auth/me; unsafe requests need the CSRF header', async () => {
    const { cookie, headers } = await signIn(t.app, 'admin@example.test');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(me.statusCode, 200);
    assert.equal(me.json<{ user: { role: string } }>().user.role, 'admin');

    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { cookie },
      payload: { email: 'new@example.test', name: 'New', role: 'agent' },
    });
    assert.equal(noCsrf.statusCode, 403);
    assert.equal(noCsrf.json<{ error: { code: string } }>().error.code, 'csrf_rejected');

    const withCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email: 'new@example.test', name: 'New', role: 'agent' },
    });
    assert.equal(withCsrf.statusCode, 201, withCsrf.body);

    const duplicate = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email: 'NEW@example.test', name: 'Again', role: 'agent' },
    });
    assert.equal(duplicate.statusCode, 409);

    const logout = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers });
    assert.equal(logout.statusCode, 204);
    const after = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(after.statusCode, 401);
  });

  test('a role without the permission sees not-found, exactly like a missing route', async () => {
    const { headers } = await signIn(t.app, 'agent@example.test');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers });
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers });
    assert.equal(list.statusCode, 404);
    assert.equal(missing.statusCode, 404);
    assert.equal(
      list.json<{ error: { code: string } }>().error.code,
      missing.json<{ error: { code: string } }>().error.code,
    );

    const supervisor = await signIn(t.app, 'supervisor@example.test');
    const allowed = await t.app.inject({ method: 'GET', url: '/api/v1/users?limit=2', headers: supervisor.headers });
    assert.equal(allowed.statusCode, 200);
    const page = allowed.json<{ items: unknown[]; nextCursor: string | null }>();
    assert.equal(page.items.length, 2);
    assert.ok(page.nextCursor);
    const rest = await t.app.inject({
      method: 'GET',
      url: `/api/v1/users?limit=200&cursor=${page.nextCursor}`,
      headers: supervisor.headers,
    });
    assert.ok(rest.json<{ items: unknown[] }>().items.length >= 2);
  });

  test('API tokens authenticate with Bearer, need no CSRF header, and stop working when revoked', async () => {
    const admin = await t.deps.identity.findUserByEmail('admin@example.test');
    assert.ok(admin);
    const auth = await bearerFor(t.deps, admin.id);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: auth,
      payload: { name: 'CRM sync' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const { token, apiToken } = created.json<{ token: string; apiToken: { id: string } }>();
    assert.match(token, /^rdr_/);

    const listed = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tokens',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(listed.statusCode, 200);
    assert.equal(listed.json<{ items: { id: string }[] }>().items.length, 2);

    // Another user cannot revoke it: their view says it does not exist.
    const agent = await t.deps.identity.findUserByEmail('agent@example.test');
    assert.ok(agent);
    const other = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/tokens/${apiToken.id}`,
      headers: await bearerFor(t.deps, agent.id),
    });
    assert.equal(other.statusCode, 404);

    const revoked = await t.app.inject({ method: 'DELETE', url: `/api/v1/tokens/${apiToken.id}`, headers: auth });
    assert.equal(revoked.statusCode, 204);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(refused.statusCode, 401);

    const garbage = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: 'Basic abc' },
    });
    assert.equal(garbage.statusCode, 401);
    const badId = await t.app.inject({ method: 'DELETE', url: '/api/v1/tokens/%3Cscript%3E', headers: auth });
    assert.equal(badId.statusCode, 400);
  });

  test('sign-in is rate limited per address, with Retry-After, and opens again after the window', async () => {
    await createUser(t.deps, 'agent', 'limited@example.test');
    for (let i = 0; i < 10; i += 1) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'limited@example.test', password: 'not the password' },
      });
      assert.equal(r.statusCode, 401);
    }
    const limited = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'limited@example.test', password: 'correct horse battery' },
    });
    assert.equal(limited.statusCode, 429);
    assert.equal(limited.json<{ error: { code: string } }>().error.code, 'rate_limited');
    assert.equal(limited.headers['retry-after'], '900');

    t.clock.advance(15 * 60 * 1000 + 1);
    const open = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'limited@example.test', password: 'correct horse battery' },
    });
    assert.equal(open.statusCode, 200);
  });
});

describe('hardening', () => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp();
    await createUser(t.deps, 'admin');
  });
  after(() => t.close());

  test('parallel guesses cannot get past the sign-in limit', async () => {
    await createUser(t.deps, 'agent', 'target@example.test');
    const responses = await Promise.all(
      Array.from({ length: 30 }, () =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: 'target@example.test', password: 'guess-guess' },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode);
    assert.equal(statuses.filter((s) => s === 401).length, 10, statuses.join(','));
    assert.equal(statuses.filter((s) => s === 429).length, 20);
  });

  test('a stray Authorization header does not break public routes, but still fails protected ones', async () => {
    const basic = await t.app.inject({ method: 'GET', url: '/healthz', headers: { authorization: 'Basic YTpi' } });
    assert.equal(basic.statusCode, 200);
    const stale = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { authorization: 'Bearer rdr_revoked' },
      payload: { email: 'admin@example.test', password: TEST_PASSWORD },
    });
    assert.equal(stale.statusCode, 200);
    const protectedRoute = await t.app.inject({
      method: 'GET',
      url: '/api/v1/users',
      headers: { authorization: 'Bearer rdr_revoked' },
    });
    assert.equal(protectedRoute.statusCode, 401);
  });

  test('a malformed URL gets the coded error envelope', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/users/%E0%A4%A' });
    assert.equal(response.statusCode, 400);
    assert.equal(response.json<{ error: { code: string } }>().error.code, 'validation_failed');
  });

  test('blank names and control characters are refused, naming the field', async () => {
    const { headers } = await signIn(t.app, 'admin@example.test');
    const blank = await t.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers,
      payload: { email: 'b@example.test', name: '   ', role: 'agent' },
    });
    assert.equal(blank.statusCode, 400);
    assert.equal(blank.json<{ error: { details: { field: string }[] } }>().error.details[0]?.field, '/body/name');
    const rtl = await t.app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers,
      payload: { name: 'evil\u202Etxt.exe' },
    });
    assert.equal(rtl.statusCode, 400);
  });

  test('a sliding session re-sends its cookies with the new expiry', async () => {
    const { cookie } = await signIn(t.app, 'admin@example.test');
    const quiet = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(quiet.cookies.length, 0, 'no cookie churn on every request');
    t.clock.advance(6 * 60 * 1000);
    const renewed = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    assert.equal(renewed.statusCode, 200);
    const session = renewed.cookies.find((c) => c.name === 'redress_session');
    assert.ok(session?.expires, 'the session cookie is sent again');
    const expected = t.clock.now().getTime() + 14 * 24 * 60 * 60 * 1000;
    assert.ok(Math.abs(session.expires.getTime() - expected) < 1000, `expires ${session.expires.toISOString()}`);
  });
});
