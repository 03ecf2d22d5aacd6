import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { tempDir } from '../../../test/factories.ts';
import { toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { openSqlite } from './open.ts';

const event = (id: string) => ({
  id,
  type: 't',
  subject_type: 's',
  subject_id: 'x',
  actor_id: null,
  request_id: null,
  payload: '{}',
  occurred_at: toDbTime(new Date('2026-02-01T00:00:00.000Z')),
});
const ids = async (tx: Tx) => (await tx.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);

test('a write started inside a write is refused at once instead of deadlocking the writer', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const db = await openSqlite({ dataDir: data.dir });
  t.after(() => db.close());
  await assert.rejects(
    db.write(async (tx) => {
      await tx.insertInto('events').values(event('evt_outer')).execute();
      await db.write((inner) => inner.insertInto('events').values(event('evt_inner')).execute());
    }),
    /inside another write/,
  );
  await db.write((tx) => tx.insertInto('events').values(event('evt_after')).execute());
  assert.deepEqual(await ids(db.read), ['evt_after'], 'the writer still works and the failed unit left nothing');
});

test('a query a failed unit left running cannot leak into the next unit', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const db = await openSqlite({ dataDir: data.dir });
  t.after(() => db.close());
  let straggler: Promise<unknown> = Promise.resolve();
  const failed = db.write(async (tx) => {
    straggler = (async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await tx.insertInto('events').values(event('evt_straggler')).execute();
    })().then(
      () => 'inserted',
      (error: Error) => error.message,
    );
    throw new Error('fast failure');
  });
  const next = db.write(async (tx) => {
    await new Promise((resolve) => setTimeout(resolve, 50));
    await tx.insertInto('events').values(event('evt_next')).execute();
  });
  await assert.rejects(failed, /fast failure/);
  await next;
  assert.match(String(await straggler), /already finished/);
  assert.deepEqual(await ids(db.read), ['evt_next']);
});

test('while another process holds the write lock, the event loop keeps running and the write waits', async (t) => {
  const data = tempDir();
  t.after(data.remove);
  const db = await openSqlite({ dataDir: data.dir });
  t.after(() => db.close());
  const holder = spawn(
    process.execPath,
    [
      '-e',
      `const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(${JSON.stringify(join(data.dir, 'redress.db'))});
       db.exec('BEGIN IMMEDIATE'); process.stdout.write('locked\\n');
       setTimeout(() => { db.exec('COMMIT'); process.exit(0); }, 400);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = once(holder, 'exit');
  await once(holder.stdout, 'data');
  let ticks = 0;
  const ticker = setInterval(() => (ticks += 1), 10);
  await db.write((tx) => tx.insertInto('events').values(event('evt_waited')).execute());
  clearInterval(ticker);
  assert.ok(ticks >= 10, `timers kept firing while the write waited (${ticks} ticks)`);
  assert.deepEqual(await ids(db.read), ['evt_waited']);
  await exited;
});
