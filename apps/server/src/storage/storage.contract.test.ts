import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../test/pg-util.ts';
import { newId } from '../shared/ids.ts';
import { readBool, readInt, readJson, readTime, toDbJson, toDbTime } from './codec.ts';
import { sql } from 'kysely';
import { MIGRATIONS } from './migrations/index.ts';
import { migrate } from './migrator.ts';
import { identityRepository } from './repositories/identity.repository.ts';
import { unitOfWork } from './unit-of-work.ts';

/**
 * The storage contract: what every backend must do the same way. It runs on embedded SQLite and
 * on PostgreSQL; a backend that passes it can sit under every service unchanged.
 */
describeBothBackends('storage contract', (backend) => {
  const insertEvent = (id: string, payload: unknown, at = new Date('2026-01-28T16:00:00.123Z')) => ({
    id,
    type: 'test.happened',
    subject_type: 'test',
    subject_id: 'subject-1',
    actor_id: null,
    request_id: null,
    payload: toDbJson(payload),
    occurred_at: toDbTime(at),
  });

  test('every migration is recorded once in the ledger', async (t) => {
    const db = await backend.open(t);
    // The typed schema leaves the ledger out on purpose: only the migrator reads it.
    const ledger = await sql<{ id: string }>`SELECT id FROM schema_migrations ORDER BY id`.execute(db.read);
    assert.deepEqual(
      ledger.rows.map((r) => r.id),
      MIGRATIONS.map((m) => m.id),
    );
    if (db.dialect === 'postgres') assert.deepEqual(await migrate(db.read, db.dialect), []);
  });

  test('instants, JSON in four languages, booleans and counts survive the round trip', async (t) => {
    const db = await backend.open(t);
    const at = new Date('2026-02-17T23:59:59.999Z');
    const payload = { zhTW: '你們是騙子', zhCN: '退款还没到', th: 'ยังไม่ได้รับเงินคืน', n: 42, nested: { ok: true } };
    await db.write((tx) =>
      tx
        .insertInto('events')
        .values(insertEvent('evt_roundtrip', payload, at))
        .execute(),
    );
    await db.write((tx) =>
      tx
        .insertInto('cron_schedules')
        .values({
          name: 'roundtrip',
          expression: '0 9 * * 1-5',
          time_zone: 'Asia/Taipei',
          job_name: 'noop',
          payload: toDbJson({}),
          enabled: false,
          next_run_at: toDbTime(at),
          last_run_at: null,
        })
        .execute(),
    );
    const row = await db.read
      .selectFrom('events')
      .selectAll()
      .where('id', '=', 'evt_roundtrip')
      .executeTakeFirstOrThrow();
    assert.equal(readTime(row.occurred_at).toISOString(), '2026-02-17T23:59:59.999Z');
    assert.deepEqual(readJson(row.payload), payload);
    assert.ok(readInt(row.seq) >= 1);
    const cron = await db.read.selectFrom('cron_schedules').selectAll().executeTakeFirstOrThrow();
    assert.equal(readBool(cron.enabled), false);
  });

  test('instants compare in time order, whatever their offset was when written', async (t) => {
    const db = await backend.open(t);
    const times = ['2026-03-29T00:59:59.000Z', '2026-03-29T01:00:00.000Z', '2026-03-28T23:00:00.500Z'];
    for (const [i, iso] of times.entries()) {
      await db.write((tx) =>
        tx
          .insertInto('events')
          .values(insertEvent(`evt_t${i}`, {}, new Date(iso)))
          .execute(),
      );
    }
    const due = await db.read
      .selectFrom('events')
      .select('id')
      .where('occurred_at', '<=', toDbTime(new Date('2026-03-29T00:59:59.000Z')))
      .orderBy('occurred_at')
      .execute();
    assert.deepEqual(
      due.map((r) => r.id),
      ['evt_t2', 'evt_t0'],
    );
  });

  test('a unit of work commits whole or not at all, and does not take its neighbours with it', async (t) => {
    const db = await backend.open(t);
    // Already there, so the fourth unit's violation does not depend on which unit commits first.
    await db.write((tx) => tx.insertInto('events').values(insertEvent('evt_0', 0)).execute());
    const results = await Promise.allSettled([
      db.write((tx) => tx.insertInto('events').values(insertEvent('evt_a', 1)).execute()),
      db.write(async (tx) => {
        await tx.insertInto('events').values(insertEvent('evt_b', 2)).execute();
        throw new Error('changed my mind');
      }),
      db.write((tx) => tx.insertInto('events').values(insertEvent('evt_c', 3)).execute()),
      // A constraint violation inside a unit rejects that unit only.
      db.write(async (tx) => {
        await tx.insertInto('events').values(insertEvent('evt_d', 4)).execute();
        await tx.insertInto('events').values(insertEvent('evt_0', 5)).execute();
      }),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'rejected', 'fulfilled', 'rejected'],
    );
    const ids = (await db.read.selectFrom('events').select('id').orderBy('id').execute()).map((r) => r.id);
    assert.deepEqual(ids, ['evt_0', 'evt_a', 'evt_c']);
  });

  test('many concurrent writes all land, and a resolved write is visible to the next read', async (t) => {
    const db = await backend.open(t);
    const ids = Array.from({ length: 300 }, () => newId('evt'));
    await Promise.all(
      ids.map(async (id) => {
        await db.write((tx) => tx.insertInto('events').values(insertEvent(id, { id })).execute());
        const seen = await db.read.selectFrom('events').select('id').where('id', '=', id).executeTakeFirst();
        assert.equal(seen?.id, id);
      }),
    );
    const count = await db.read
      .selectFrom('events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(readInt(count.n), 300);
    if ('stats' in db) {
      const stats = db.stats as { units: number; commits: number };
      assert.ok(stats.commits < stats.units, `group commit shares COMMITs: ${stats.commits} for ${stats.units} units`);
    }
  });

  test('foreign keys are enforced', async (t) => {
    const db = await backend.open(t);
    const now = toDbTime(new Date());
    await assert.rejects(
      db.write((tx) =>
        tx
          .insertInto('sessions')
          .values({
            id: 'ses_x',
            token_hash: 'h',
            user_id: 'usr_missing',
            created_at: now,
            expires_at: now,
            last_seen_at: now,
          })
          .execute(),
      ),
    );
  });

  test('the identity repository behaves the same on both backends', async (t) => {
    const db = await backend.open(t);
    const store = unitOfWork(db, identityRepository);
    const createdAt = new Date('2026-04-13T03:00:00.000Z');
    await store.write(async (repo) => {
      await repo.insertUser({
        id: 'usr_2',
        email: 'somchai@example.test',
        name: 'สมชาย ใจดี',
        role: 'agent',
        locale: 'th',
        passwordHash: null,
        createdAt,
      });
      await repo.insertUser({
        id: 'usr_1',
        email: 'meiling@example.test',
        name: '陳美玲',
        role: 'manager',
        locale: 'zh-TW',
        passwordHash: 'x',
        createdAt,
      });
    });
    const user = await store.read.findUserByEmail('somchai@example.test');
    assert.equal(user?.name, 'สมชาย ใจดี');
    assert.equal(user?.createdAt.toISOString(), createdAt.toISOString());
    assert.equal(user?.disabledAt, null);
    assert.deepEqual(
      (await store.read.listUsers(10, undefined)).map((u) => u.id),
      ['usr_1', 'usr_2'],
    );
    assert.deepEqual(
      (await store.read.listUsers(10, 'usr_1')).map((u) => u.id),
      ['usr_2'],
    );
    assert.equal(await store.read.countUsers(), 2);
    await assert.rejects(
      store.write((repo) =>
        repo.insertUser({
          id: 'usr_3',
          email: 'somchai@example.test',
          name: 'dup',
          role: 'agent',
          locale: 'en',
          passwordHash: null,
          createdAt,
        }),
      ),
    );

    const t0 = new Date('2026-04-13T03:00:00.000Z');
    await store.write(async (repo) => {
      await repo.recordLoginFailure('email:x', t0);
      await repo.recordLoginFailure('email:x', new Date(t0.getTime() + 60_000));
      await repo.recordLoginFailure('email:y', t0);
    });
    const failures = await store.read.loginFailures('email:x', new Date(t0.getTime() - 1));
    assert.equal(failures.count, 2);
    assert.equal(failures.oldest?.toISOString(), t0.toISOString());
    assert.equal((await store.read.loginFailures('email:x', new Date(t0.getTime() + 1))).count, 1);

    await store.write((repo) =>
      repo.insertApiToken({
        id: 'tok_1',
        userId: 'usr_1',
        name: 'crm',
        tokenHash: 'hash-1',
        createdAt: t0,
        lastUsedAt: null,
        revokedAt: null,
      }),
    );
    assert.equal(await store.write((repo) => repo.revokeApiToken('tok_1', 'usr_2', t0)), false, 'not the owner');
    assert.equal(await store.write((repo) => repo.revokeApiToken('tok_1', 'usr_1', t0)), true);
    assert.equal((await store.read.findApiTokenByHash('hash-1'))?.revokedAt?.toISOString(), t0.toISOString());
  });
});
