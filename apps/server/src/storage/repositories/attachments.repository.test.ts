import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../../test/pg-util.ts';
import type { Attachment } from '../../modules/attachments/index.ts';
import { listEventsForSubject } from '../events.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { attachmentsRepository } from './attachments.repository.ts';
import { idempotencyStore } from './idempotency.repository.ts';

const at = new Date('2026-03-02T09:00:00.000Z');

const attachment = (id: string, caseId: string, overrides: Partial<Attachment> = {}): Attachment => ({
  id,
  caseId,
  filename: '發票 ใบเสร็จ.pdf',
  contentType: 'application/pdf',
  size: 3 * 1024 * 1024 * 1024,
  sha256: 'a'.repeat(64),
  storageKey: id,
  uploadedBy: 'usr_1',
  createdAt: at,
  ...overrides,
});

describeBothBackends('attachments repository', (backend) => {
  test('stores and reads back every field, sizes past 2 GiB included', async (t) => {
    const store = unitOfWork(await backend.open(t), attachmentsRepository);
    const row = attachment('att_01', 'case_A');
    await store.write((repo) => repo.insertAttachment(row));
    assert.deepEqual(await store.read.findAttachment('att_01'), row);
    assert.equal(await store.read.findAttachment('att_nope'), undefined);
    const system = attachment('att_02', 'case_A', { uploadedBy: null });
    await store.write((repo) => repo.insertAttachment(system));
    assert.equal((await store.read.findAttachment('att_02'))?.uploadedBy, null);
  });

  test('lists one case in id order, a page at a time', async (t) => {
    const store = unitOfWork(await backend.open(t), attachmentsRepository);
    await store.write(async (repo) => {
      for (const id of ['att_03', 'att_01', 'att_02']) await repo.insertAttachment(attachment(id, 'case_A'));
      await repo.insertAttachment(attachment('att_00', 'case_B'));
    });
    const ids = (rows: Attachment[]) => rows.map((r) => r.id);
    assert.deepEqual(ids(await store.read.listAttachments('case_A', 2, undefined)), ['att_01', 'att_02']);
    assert.deepEqual(ids(await store.read.listAttachments('case_A', 2, 'att_02')), ['att_03']);
    assert.deepEqual(ids(await store.read.listAttachments('case_C', 10, undefined)), []);
  });

  test('the row and its event commit together or not at all', async (t) => {
    const db = await backend.open(t);
    const store = unitOfWork(db, attachmentsRepository);
    const event = {
      type: 'attachment.added',
      subjectType: 'case',
      subjectId: 'case_A',
      actorId: 'usr_1',
      requestId: 'req_1',
      payload: { attachmentId: 'att_01' },
      occurredAt: at,
    };
    await assert.rejects(
      store.write(async (repo) => {
        await repo.insertAttachment(attachment('att_01', 'case_A'));
        await repo.appendEvent(event);
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await store.read.findAttachment('att_01'), undefined);
    assert.deepEqual(await listEventsForSubject(db.read, 'case', 'case_A'), []);

    await store.write(async (repo) => {
      await repo.insertAttachment(attachment('att_01', 'case_A'));
      await repo.appendEvent(event);
    });
    const events = await listEventsForSubject(db.read, 'case', 'case_A');
    assert.deepEqual(
      events.map((e) => [e.type, e.payload]),
      [['attachment.added', { attachmentId: 'att_01' }]],
    );
  });
});

describeBothBackends('idempotency keys', (backend) => {
  const base = (now: Date) => ({
    actorId: 'usr_1',
    keyHash: 'k1',
    method: 'POST',
    route: '/api/v1/users',
    requestHash: 'h1',
    now,
    pendingBefore: new Date(now.getTime() - 120_000),
    expiredBefore: new Date(now.getTime() - 86_400_000),
  });

  test('claim, then pending, then the stored response; another body is a mismatch', async (t) => {
    const store = idempotencyStore(await backend.open(t));
    assert.deepEqual(await store.claim(base(at)), { outcome: 'claimed' });
    assert.deepEqual(await store.claim(base(at)), { outcome: 'pending' });
    assert.deepEqual(await store.claim({ ...base(at), requestHash: 'h2' }), { outcome: 'mismatch' });
    await store.complete({ actorId: 'usr_1', keyHash: 'k1' }, 201, 'sealed');
    assert.deepEqual(await store.claim(base(at)), { outcome: 'done', status: 201, body: 'sealed' });
    assert.deepEqual(await store.claim({ ...base(at), route: '/x', requestHash: 'h3' }), { outcome: 'mismatch' });
  });

  test('keys are per actor', async (t) => {
    const store = idempotencyStore(await backend.open(t));
    assert.deepEqual(await store.claim(base(at)), { outcome: 'claimed' });
    assert.deepEqual(await store.claim({ ...base(at), actorId: 'usr_2' }), { outcome: 'claimed' });
  });

  test('a released key runs again; an abandoned or expired one may be taken over', async (t) => {
    const store = idempotencyStore(await backend.open(t));
    const key = { actorId: 'usr_1', keyHash: 'k1' };
    assert.deepEqual(await store.claim(base(at)), { outcome: 'claimed' });
    await store.release(key);
    assert.deepEqual(await store.claim(base(at)), { outcome: 'claimed' });
    // Still pending two minutes and one millisecond later: its process died; the same request may retry.
    const later = new Date(at.getTime() + 120_001);
    assert.deepEqual(await store.claim({ ...base(later), requestHash: 'other' }), { outcome: 'mismatch' });
    assert.deepEqual(await store.claim(base(later)), { outcome: 'claimed' });
    await store.complete(key, 200, 'first');
    // A day later the record has expired: even another body may use the key.
    const tomorrow = new Date(later.getTime() + 86_400_001);
    assert.deepEqual(await store.claim({ ...base(tomorrow), requestHash: 'h9' }), { outcome: 'claimed' });
    assert.deepEqual(await store.claim({ ...base(tomorrow), requestHash: 'h9' }), { outcome: 'pending' });
  });

  test('of many concurrent claims exactly one wins', async (t) => {
    const store = idempotencyStore(await backend.open(t));
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => store.claim(base(at))));
    assert.equal(outcomes.filter((o) => o.outcome === 'claimed').length, 1);
    assert.equal(outcomes.filter((o) => o.outcome === 'pending').length, 7);
  });
});
