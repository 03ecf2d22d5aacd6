import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { test } from 'node:test';
import { tempDir } from '../../../test/factories.ts';
import { createFsFileStore, type FileIo } from './fs-file-store.ts';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

const listFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
    .sort();

test('round trip: a stream and a buffer come back byte for byte, with size and SHA-256', async (t) => {
  const { dir, remove } = tempDir();
  t.after(remove);
  const store = createFsFileStore({ root: join(dir, 'attachments') });
  const big = randomBytes(300_000);
  const chunks = [big.subarray(0, 1000), big.subarray(1000, 200_000), big.subarray(200_000)];
  assert.deepEqual(await store.put('att_STREAM01', Readable.from(chunks)), { size: big.length, sha256: sha256(big) });
  const small = Buffer.from('客訴內容 ข้อร้องเรียน');
  assert.deepEqual(await store.put('att_BUFFER02', small), { size: small.length, sha256: sha256(small) });

  const back: Buffer[] = [];
  for await (const chunk of store.get('att_STREAM01')) back.push(chunk as Buffer);
  assert.ok(Buffer.concat(back).equals(big));
  assert.equal(await text(store.get('att_BUFFER02')), '客訴內容 ข้อร้องเรียน');
  // Files sit in shard directories named by the key's last characters; nothing is left in tmp/.
  assert.deepEqual(listFiles(join(dir, 'attachments')), ['01/att_STREAM01', '02/att_BUFFER02']);
});

test('durability first: data fsynced before the rename, the directory fsynced after it', async (t) => {
  const { dir, remove } = tempDir();
  t.after(remove);
  const calls: string[] = [];
  const name = (path: unknown) => String(path).slice(dir.length);
  const io: FileIo = {
    open: (async (path: string, flags?: string, mode?: number) => {
      const handle = await fsp.open(path, flags, mode);
      const label = flags === 'r' ? `dir ${name(path)}` : 'temp';
      return new Proxy(handle, {
        get(target, prop, receiver) {
          const value = Reflect.get(target, prop, receiver) as unknown;
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            if (prop === 'sync' || prop === 'write' || prop === 'close') calls.push(`${String(prop)} ${label}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    }) as FileIo['open'],
    rename: async (from, to) => {
      calls.push(`rename → ${name(to)}`);
      await fsp.rename(from, to);
    },
    rm: fsp.rm,
    mkdir: fsp.mkdir,
  };
  const store = createFsFileStore({ root: join(dir, 'files'), io });
  await store.put('att_FIRSTAB', Buffer.from('one'));
  const put = calls.slice(calls.indexOf('write temp'));
  assert.deepEqual(put, [
    'write temp',
    'sync temp',
    'close temp',
    'rename → /files/ab/att_FIRSTAB',
    'sync dir /files/ab',
    'close dir /files/ab',
  ]);
  // Creating the shard directory made its parent's entry durable too.
  assert.ok(calls.includes('sync dir /files'));
});

test('a source that fails half-way leaves nothing behind, and put rejects', async (t) => {
  const { dir, remove } = tempDir();
  t.after(remove);
  const root = join(dir, 'attachments');
  const store = createFsFileStore({ root });
  const failing = new Readable({
    read() {
      this.push(Buffer.alloc(50_000, 1));
      this.destroy(new Error('client went away'));
    },
  });
  await assert.rejects(store.put('att_BROKEN01', failing), /client went away/);
  assert.deepEqual(listFiles(root), []);
  assert.equal(existsSync(join(root, '01', 'att_BROKEN01')), false);
});

test('keys cannot leave the directory; unknown keys error on read; delete is idempotent', async (t) => {
  const { dir, remove } = tempDir();
  t.after(remove);
  const store = createFsFileStore({ root: join(dir, 'attachments') });
  await assert.rejects(store.put('../escape', Buffer.from('x')), /Not a file-store key/);
  assert.throws(() => store.get('a/b'), /Not a file-store key/);
  await assert.rejects(store.delete(''), /Not a file-store key/);
  assert.equal(existsSync(join(dir, 'escape')), false);

  await assert.rejects(text(store.get('att_MISSING1')), { code: 'ENOENT' });
  await store.put('att_GONE0001', Buffer.from('bye'));
  await store.delete('att_GONE0001');
  await store.delete('att_GONE0001');
  await assert.rejects(text(store.get('att_GONE0001')), { code: 'ENOENT' });
});

test('the same bytes under two keys are two files; a put overwrites nothing else', async (t) => {
  const { dir, remove } = tempDir();
  t.after(remove);
  const root = join(dir, 'attachments');
  const store = createFsFileStore({ root });
  await store.put('att_AAAAAA11', Buffer.from('same'));
  await store.put('att_BBBBBB11', Buffer.from('same'));
  await store.delete('att_AAAAAA11');
  assert.equal(readFileSync(join(root, '11', 'att_BBBBBB11'), 'utf8'), 'same');
});
