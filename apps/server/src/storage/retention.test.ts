import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../test/pg-util.ts';
import { toDbJson, toDbTime } from './codec.ts';
import { pruneExpired, RETENTION } from './retention.ts';

describeBothBackends('housekeeping', (backend) => {
  test('removes what has expired and keeps what has not', async (t) => {
    const db = await backend.open(t);
    const now = new Date('2026-06-01T03:17:00.000Z');
    const ago = (ms: number) => toDbTime(new Date(now.getTime() - ms));
    await db.write(async (tx) => {
      await tx
        .insertInto('users')
        .values({
          id: 'usr_1',
          email: 'a@example.test',
          name: 'A',
          role: 'agent',
          locale: 'en',
          password_hash: null,
          created_at: ago(0),
          updated_at: ago(0),
          disabled_at: null,
        })
        .execute();
      for (const [id, expires] of [
        ['ses_old', ago(1)],
        ['ses_live', ago(-60_000)],
      ] as const) {
        await tx
          .insertInto('sessions')
          .values({
            id,
            token_hash: id,
            user_id: 'usr_1',
            created_at: ago(0),
            expires_at: expires,
            last_seen_at: ago(0),
          })
          .execute();
      }
      await tx
        .insertInto('login_attempts')
        .values({ key: 'email:a', attempted_at: ago(RETENTION.loginAttemptsMs + 1) })
        .execute();
      await tx
        .insertInto('login_attempts')
        .values({ key: 'email:a', attempted_at: ago(1000) })
        .execute();
      const job = (id: string, status: string, finished: string | null) => ({
        id,
        name: 'x',
        payload: toDbJson({}),
        status,
        run_at: ago(0),
        attempts: 1,
        max_attempts: 5,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: ago(0),
        finished_at: finished,
      });
      await tx
        .insertInto('jobs')
        .values([
          job('job_old_done', 'done', ago(RETENTION.finishedJobsMs + 1)),
          job('job_old_dead', 'dead', ago(RETENTION.finishedJobsMs + 1)),
          job('job_recent', 'done', ago(1000)),
          job('job_queued', 'queued', null),
        ])
        .execute();
    });
    await db.write(async (tx) => {
      const key = (hash: string, createdAt: string) => ({
        actor_id: 'usr_1',
        key_hash: hash,
        method: 'POST',
        route: '/api/v1/users',
        request_hash: 'h',
        state: 'done',
        response_status: 201,
        response_body: '{}',
        created_at: createdAt,
      });
      await tx
        .insertInto('idempotency_keys')
        .values([key('old', ago(RETENTION.idempotencyKeysMs + 1)), key('recent', ago(1000))])
        .execute();
    });
    assert.deepEqual(await pruneExpired(db, now), { sessions: 1, loginAttempts: 1, jobs: 2, idempotencyKeys: 1 });
    assert.deepEqual(await pruneExpired(db, now), { sessions: 0, loginAttempts: 0, jobs: 0, idempotencyKeys: 0 });
    const jobs = (await db.read.selectFrom('jobs').select('id').orderBy('id').execute()).map((r) => r.id);
    assert.deepEqual(jobs, ['job_queued', 'job_recent']);
  });
});
