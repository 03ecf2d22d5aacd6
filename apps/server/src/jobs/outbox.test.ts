import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Type } from 'typebox';
import { describeBothBackends } from '../../test/pg-util.ts';
import { fixedClock } from '../shared/clock.ts';
import { createLogger } from '../shared/logger.ts';
import { listEventsAfter, type NewEvent } from '../storage/events.ts';
import { countJobsByStatus, enqueueJob, getJob } from '../storage/jobs.repository.ts';
import { enqueue, enqueueForEvent, EventJobPayload, eventJobId, recordEvent } from './outbox.ts';
import { createJobRegistry, defineJob } from './registry.ts';
import { createJobRunner } from './runner.ts';

const NOW = new Date('2025-06-06T12:00:00.000Z');
const noop = async (): Promise<void> => {};

const userCreated = (subjectId = 'usr_1'): NewEvent => ({
  type: 'user.created',
  subjectType: 'user',
  subjectId,
  actorId: 'usr_admin',
  requestId: 'req-1',
  payload: { role: 'agent' },
  occurredAt: NOW,
});

const welcome = defineJob({
  name: 'user.welcome',
  schema: EventJobPayload,
  handler: noop,
  subscribesTo: ['user.created'],
});
const audit = defineJob({ name: 'audit.copy', schema: EventJobPayload, handler: noop, subscribesTo: ['user.created'] });
const unrelated = defineJob({
  name: 'token.notify',
  schema: EventJobPayload,
  handler: noop,
  subscribesTo: ['api_token.created'],
});
const sendEmail = defineJob({
  name: 'email.send',
  schema: Type.Object({ to: Type.String() }),
  handler: noop,
  maxAttempts: 8,
});
const registry = createJobRegistry([welcome, audit, unrelated, sendEmail]);

describeBothBackends('outbox', (backend) => {
  test('an event fans out to one job per subscriber, in the same transaction, with deterministic ids', async (t) => {
    const db = await backend.open(t);
    const event = await db.write((tx) => recordEvent(tx, userCreated(), registry));
    for (const name of ['user.welcome', 'audit.copy']) {
      const job = await getJob(db.read, eventJobId(name, event.id));
      assert.equal(job?.status, 'queued');
      assert.equal(job?.runAt.toISOString(), NOW.toISOString());
      assert.deepEqual(job?.payload, {
        eventId: event.id,
        seq: event.seq,
        type: 'user.created',
        subjectType: 'user',
        subjectId: 'usr_1',
        actorId: 'usr_admin',
        requestId: 'req-1',
        occurredAt: NOW.toISOString(),
        payload: { role: 'agent' },
      });
    }
    assert.equal((await countJobsByStatus(db.read)).queued, 2);

    // Fanning the same event out again (a retried use case, a replay) enqueues nothing new.
    assert.deepEqual(await db.write((tx) => enqueueForEvent(tx, event, registry)), []);
    assert.equal((await countJobsByStatus(db.read)).queued, 2);
  });

  test('when the state change rolls back, neither the event nor its jobs exist', async (t) => {
    const db = await backend.open(t);
    await assert.rejects(
      db.write(async (tx) => {
        await recordEvent(tx, userCreated(), registry);
        throw new Error('unique violation on users.email');
      }),
    );
    assert.deepEqual(await listEventsAfter(db.read, 0, 10), []);
    assert.equal((await countJobsByStatus(db.read)).queued, 0);
  });

  test('enqueueJob with a deterministic id enqueues once', async (t) => {
    const db = await backend.open(t);
    const job = { id: 'digest:usr_1:2025-06-06', name: 'email.send', payload: { to: 'usr_1' } };
    const first = await db.write((tx) => enqueueJob(tx, job, NOW));
    const second = await db.write((tx) => enqueueJob(tx, { ...job, payload: { to: 'someone else' } }, NOW));
    assert.deepEqual(first, { id: job.id, inserted: true });
    assert.deepEqual(second, { id: job.id, inserted: false });
    assert.deepEqual((await getJob(db.read, job.id))?.payload, { to: 'usr_1' });
  });

  test('enqueue checks the payload and takes the definition’s max attempts', async (t) => {
    const db = await backend.open(t);
    const { id } = await db.write((tx) => enqueue(tx, sendEmail, { to: 'usr_1' }, NOW));
    assert.equal((await getJob(db.read, id))?.maxAttempts, 8);
    await assert.rejects(
      db.write((tx) => enqueue(tx, sendEmail, { to: 1 } as unknown as { to: string }, NOW)),
      /invalid payload for email\.send/,
    );
  });

  test('event jobs run through the runner with the event as payload', async (t) => {
    const db = await backend.open(t);
    const seen: string[] = [];
    const listener = defineJob({
      name: 'user.listen',
      schema: EventJobPayload,
      subscribesTo: ['user.created'],
      handler: async (payload) => {
        seen.push(`${payload.type}:${payload.subjectId}`);
      },
    });
    const own = createJobRegistry([listener]);
    await db.write((tx) => recordEvent(tx, userCreated('usr_9'), own));
    const runner = createJobRunner({
      db,
      registry: own,
      clock: fixedClock(NOW),
      logger: createLogger('silent'),
      workerId: 'w',
    });
    assert.equal(await runner.runOnce(), 1);
    assert.deepEqual(seen, ['user.created:usr_9']);
  });
});
