import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pgSkip, withTempPostgres } from './pg-util.ts';
import { tempDir } from './factories.ts';
import { runCli, startServerProcess, stopProcess } from './process-util.ts';

test('`start` on the embedded database answers /healthz and prints how to sign in, once', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const server = await startServerProcess(['--data', data.dir]);
  try {
    const health = await fetch(`${server.url}/healthz`);
    assert.deepEqual(await health.json(), { status: 'ok' });
    const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { status: string; database: string };
    assert.deepEqual([ready.status, ready.database], ['ready', 'sqlite']);
    assert.match(await server.waitFor(/Sign in as/), /Sign in as admin@redress\.local with the password \S+/);
  } finally {
    assert.equal(await stopProcess(server.child), 0);
  }
  const again = await startServerProcess(['--data', data.dir]);
  try {
    assert.doesNotMatch(again.output(), /Sign in as/);
  } finally {
    await stopProcess(again.child);
  }
});

test('`start` with DATABASE_URL runs on PostgreSQL, and two instances share it', { skip: pgSkip }, async (t) => {
  const url = await withTempPostgres(t);
  const scratch = tempDir();
  t.after(scratch.remove);
  const env = { DATABASE_URL: url };
  const first = await startServerProcess(['--data', scratch.dir], env);
  const second = await startServerProcess(['--data', scratch.dir, '--roles', 'web'], env);
  try {
    for (const server of [first, second]) {
      const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { database: string };
      assert.equal(ready.database, 'postgres');
    }
    const signIn = await Promise.any([first, second].map((server) => server.waitFor(/with the password \S+/)));
    const password = /with the password (\S+)/.exec(signIn)?.[1];
    assert.ok(password, 'one of them created the first administrator');
    // A session opened on one instance is valid on the other: they keep no state of their own.
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@redress.local', password }),
    });
    assert.equal(login.status, 200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const me = await fetch(`${second.url}/api/v1/auth/me`, { headers: { cookie } });
    assert.equal(me.status, 200);
    const created = await runCli(
      ['user', 'create', '--email', 'pg@example.test', '--name', 'PG', '--role', 'agent'],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const token = await runCli(['token', 'create', '--email', 'pg@example.test', '--name', 'cli'], env);
    assert.equal(token.code, 0, token.stderr);
    assert.match(token.stdout, /^rdr_[A-Za-z0-9_-]+\n$/, 'prints only the token');
    const backup = await runCli(['backup', '--out', `${scratch.dir}/x.db`], env);
    assert.equal(backup.code, 2);
    assert.match(backup.stderr, /pg_dump/);
  } finally {
    await stopProcess(first.child);
    await stopProcess(second.child);
  }
});

test('SIGTERM lets in-flight requests finish before the process exits', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const server = await startServerProcess(['--data', data.dir, '--roles', 'web']);
  // Sign-in attempts hash with argon2id, so each takes a noticeable moment on the server.
  const inFlight = Array.from({ length: 6 }, () =>
    fetch(`${server.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@redress.local', password: 'not-the-password' }),
    }).then((r) => r.status),
  );
  // Wait until the server has read all six, so they are in flight rather than still in the socket.
  const received = () => (server.output().match(/incoming request/g) ?? []).length;
  while (received() < 6) await new Promise((resolve) => setTimeout(resolve, 2));
  const exited = stopProcess(server.child, 'SIGTERM');
  const statuses = await Promise.all(inFlight);
  assert.deepEqual(new Set(statuses), new Set([401]), `every request got its answer: ${statuses.join(',')}`);
  assert.equal(await exited, 0);
});
