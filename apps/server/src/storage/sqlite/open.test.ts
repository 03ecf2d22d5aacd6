import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { tempDir } from '../../../test/factories.ts';
import { openSqlite } from './open.ts';

test('the embedded database runs WAL, synchronous=FULL and foreign keys by default', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const db = await openSqlite({ dataDir: data.dir });
  try {
    const pragma = async (name: string) =>
      Object.values((await sql.raw<Record<string, unknown>>(`PRAGMA ${name}`).execute(db.read)).rows[0] ?? {})[0];
    assert.equal(await pragma('journal_mode'), 'wal');
    assert.equal(await pragma('synchronous'), 2, 'FULL');
    assert.equal(await pragma('foreign_keys'), 1);
    assert.equal(await pragma('busy_timeout'), 5000);
  } finally {
    await db.close();
  }
});

test('reopening applies no migration twice and keeps the data', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const first = await openSqlite({ dataDir: data.dir });
  const ledger = async (db: typeof first) =>
    (await sql<{ id: string; applied_at: string }>`SELECT id, applied_at FROM schema_migrations`.execute(db.read)).rows;
  const before = await ledger(first);
  await first.close();
  const second = await openSqlite({ dataDir: data.dir });
  try {
    assert.deepEqual(await ledger(second), before);
  } finally {
    await second.close();
  }
});

test('a second open of a locked data directory fails with a coded error, and succeeds once released', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const first = await openSqlite({ dataDir: data.dir });
  await assert.rejects(
    openSqlite({ dataDir: data.dir }),
    (error: Error & { code?: string }) => error.code === 'data_dir_locked',
  );
  await first.close();
  const again = await openSqlite({ dataDir: data.dir });
  await again.close();
});

test('an online backup is a complete, openable database', async (t) => {
  const data = tempDir();
  const copy = tempDir();
  t.after(() => {
    data.remove();
    copy.remove();
  });
  const db = await openSqlite({ dataDir: data.dir });
  const at = new Date().toISOString();
  await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      db.write((tx) =>
        tx
          .insertInto('events')
          .values({
            id: `evt_${i}`,
            type: 't',
            subject_type: 's',
            subject_id: 'x',
            actor_id: null,
            request_id: null,
            payload: '{}',
            occurred_at: at,
          })
          .execute(),
      ),
    ),
  );
  await db.backupTo(`${copy.dir}/redress.db`);
  await db.close();
  const restored = await openSqlite({ dataDir: copy.dir });
  try {
    const n = await restored.read
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(n.n), 50);
  } finally {
    await restored.close();
  }
});
