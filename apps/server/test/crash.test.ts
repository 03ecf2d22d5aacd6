import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../src/config.ts';
import { createDeps } from '../src/deps.ts';
import { systemClock } from '../src/shared/clock.ts';
import { systemContext } from '../src/shared/unit-of-work.ts';
import { openSqlite } from '../src/storage/sqlite/open.ts';
import { tempDir } from './factories.ts';
import { runCli, startServerProcess, stopProcess } from './process-util.ts';

/** Creates an administrator and an API token in `dataDir` before any server runs. */
const seedAdmin = async (dataDir: string): Promise<string> => {
  const db = await openSqlite({ dataDir });
  try {
    const deps = createDeps(loadConfig({}, { dataDir }), db, systemClock);
    const admin = await deps.identity.createUser(systemContext('test'), {
      email: 'ops@example.test',
      name: 'Ops',
      role: 'admin',
    });
    return (await deps.identity.createApiToken(systemContext('test'), { userId: admin.id, name: 'crash test' })).token;
  } finally {
    await db.close();
  }
};

describe('durability on the embedded database', () => {
  const data = tempDir('redress-crash-');
  let token: string;
  before(async () => {
    token = await seedAdmin(data.dir);
  });
  after(() => data.remove());

  test('every write acknowledged before SIGKILL is there after restart', async () => {
    const server = await startServerProcess(['--data', data.dir, '--roles', 'web']);
    const acknowledged: string[] = [];
    let attempted = 0;
    let killed = false;
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

    // Eight writers stream user creations; the server is killed mid-stream, requests still in flight.
    const writer = async (lane: number) => {
      for (let i = 0; !killed; i += 1) {
        attempted += 1;
        try {
          const response = await fetch(`${server.url}/api/v1/users`, {
            method: 'POST',
            headers,
            body: JSON.stringify({ email: `w${lane}-${i}@example.test`, name: `Writer ${lane}/${i}`, role: 'agent' }),
          });
          if (response.status === 201) acknowledged.push(((await response.json()) as { id: string }).id);
        } catch {
          return; // connection reset by the kill: not acknowledged, so no promise was made
        }
      }
    };
    const lanes = Array.from({ length: 8 }, (_, lane) => writer(lane));
    while (acknowledged.length < 400) await new Promise((resolve) => setTimeout(resolve, 5));
    server.child.kill('SIGKILL');
    killed = true;
    await Promise.all(lanes);
    await stopProcess(server.child, 'SIGKILL');
    assert.ok(attempted > acknowledged.length, 'some writes were still in flight at the kill');

    const db = await openSqlite({ dataDir: data.dir });
    try {
      const stored = new Set((await db.read.selectFrom('users').select('id').execute()).map((row) => row.id));
      const lost = acknowledged.filter((id) => !stored.has(id));
      assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes were lost`);
    } finally {
      await db.close();
    }
  });

  test('a second server cannot open the same data directory', async () => {
    const first = await startServerProcess(['--data', data.dir, '--roles', 'web']);
    try {
      const second = await runCli(['start', '--data', data.dir, '--port', '0', '--roles', 'web']);
      assert.equal(second.code, 1);
      assert.match(second.stderr, /data_dir_locked/);
      // One-shot commands still work beside the running server.
      const created = await runCli([
        'user',
        'create',
        '--data',
        data.dir,
        '--email',
        'beside@example.test',
        '--name',
        'Beside',
        '--role',
        'agent',
      ]);
      assert.equal(created.code, 0, created.stderr);
    } finally {
      assert.equal(await stopProcess(first.child), 0, 'SIGTERM shuts down cleanly');
    }
  });

  test('backup is consistent while the server runs, and restore brings it back', async () => {
    const server = await startServerProcess(['--data', data.dir, '--roles', 'web']);
    const backupDir = tempDir('redress-backup-');
    const file = `${backupDir.dir}/redress-backup.db`;
    try {
      const before = await runCli(['backup', '--data', data.dir, '--out', file]);
      assert.equal(before.code, 0, before.stderr);
      const again = await runCli(['backup', '--data', data.dir, '--out', file]);
      assert.equal(again.code, 1, 'refuses to overwrite an existing file');
      const created = await fetch(`${server.url}/api/v1/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'after-backup@example.test', name: 'After', role: 'agent' }),
      });
      assert.equal(created.status, 201);

      const whileRunning = await runCli(['restore', '--data', data.dir, '--from', file]);
      assert.equal(whileRunning.code, 1, 'restore refuses while the server holds the directory');
      assert.match(whileRunning.stderr, /data_dir_locked/);
      await stopProcess(server.child);

      const restored = await runCli(['restore', '--data', data.dir, '--from', file]);
      assert.equal(restored.code, 0, restored.stderr);
      const db = await openSqlite({ dataDir: data.dir });
      try {
        const emails = (await db.read.selectFrom('users').select('email').execute()).map((row) => row.email);
        assert.ok(emails.includes('beside@example.test'), 'the backup holds what was written before it');
        assert.ok(!emails.includes('after-backup@example.test'), 'and nothing written after it');
      } finally {
        await db.close();
      }
    } finally {
      await stopProcess(server.child);
      backupDir.remove();
    }
  });
});
