import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from './config.ts';

test('defaults: port 8080, ./data, every role, durable SQLite', () => {
  const config = loadConfig({});
  assert.equal(config.port, 8080);
  assert.match(config.dataDir, /\/data$/);
  assert.deepEqual(config.roles, ['web', 'worker', 'scheduler']);
  assert.equal(config.sqliteSynchronous, 'FULL');
  assert.equal(config.databaseUrl, undefined);
  assert.equal(config.secureCookies, false);
});

test('flags win over the environment', () => {
  const config = loadConfig({ PORT: '9000', REDRESS_DATA_DIR: '/srv/redress' }, { port: '9100', roles: 'web' });
  assert.equal(config.port, 9100);
  assert.equal(config.dataDir, '/srv/redress');
  assert.deepEqual(config.roles, ['web']);
});

test('bad values are refused with a coded error', () => {
  for (const [env, overrides] of [
    [{ PORT: 'eighty' }, {}],
    [{}, { port: 70000 }],
    [{}, { roles: 'web,cron' }],
    [{}, { roles: ' , ' }],
    [{ REDRESS_SQLITE_SYNCHRONOUS: 'OFF' }, {}],
  ] as const) {
    assert.throws(
      () => loadConfig(env, overrides),
      (error: Error & { code?: string }) => error.code === 'config_invalid',
    );
  }
});

test('an https public URL makes cookies Secure', () => {
  assert.equal(loadConfig({ REDRESS_PUBLIC_URL: 'https://complaints.example.test' }).secureCookies, true);
});
