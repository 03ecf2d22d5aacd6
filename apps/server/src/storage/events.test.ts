import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../test/pg-util.ts';
import { isId } from '../shared/ids.ts';
import { appendEvent, listEventsAfter, listEventsForSubject, routeEvents, type NewEvent } from './events.ts';
import { getJob } from './jobs.repository.ts';

const event = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  type: 'user.created',
  subjectType: 'user',
  subjectId: 'usr_1',
  actorId: 'usr_admin',
  requestId: 'req-1',
  payload: { role: 'agent', nested: { list: [1, 2] } },
  occurredAt: new Date('2025-06-06T12:00:00.123Z'),
  ...overrides,
});

describeBothBackends('event log', (backend) => {
  test('appendEvent stores the event in the caller transaction and returns it with id and seq', async (t) => {
    const db = await backend.open(t);
    const stored = await db.write((tx) => appendEvent(tx, event()));
    assert.ok(isId('evt', stored.id));
    assert.equal(typeof stored.seq, 'number');
    const [read] = await listEventsAfter(db.read, 0, 10);
    assert.deepEqual(read, stored);
    assert.equal(read?.occurredAt.toISOString(), '2025-06-06T12:00:00.123Z');
  });

  test('an event rolls back with the transaction that wrote it', async (t) => {
    const db = await backend.open(t);
    await assert.rejects(
      db.write(async (tx) => {
        await appendEvent(tx, event());
        throw new Error('the state change failed');
      }),
      /the state change failed/,
    );
    assert.deepEqual(await listEventsAfter(db.read, 0, 10), []);
  });

  test('listEventsAfter tails the log in seq order from a cursor', async (t) => {
    const db = await backend.open(t);
    const written = [];
    for (let i = 0; i < 5; i += 1) {
      written.push(await db.write((tx) => appendEvent(tx, event({ subjectId: `usr_${i}`, payload: { i } }))));
    }
    const firstPage = await listEventsAfter(db.read, 0, 2);
    assert.deepEqual(
      firstPage.map((e) => e.payload),
      [{ i: 0 }, { i: 1 }],
    );
    const rest = await listEventsAfter(db.read, firstPage.at(-1)!.seq, 100);
    assert.deepEqual(
      rest.map((e) => e.id),
      written.slice(2).map((e) => e.id),
    );
    assert.deepEqual(await listEventsAfter(db.read, written.at(-1)!.seq, 100), []);
  });

  test('listEventsForSubject returns one subject history, oldest first', async (t) => {
    const db = await backend.open(t);
    await db.write(async (tx) => {
      await appendEvent(tx, event({ subjectId: 'usr_a', type: 'user.created' }));
      await appendEvent(tx, event({ subjectId: 'usr_b', type: 'user.created' }));
      await appendEvent(tx, event({ subjectId: 'usr_a', type: 'user.signed_in', actorId: null, requestId: null }));
      await appendEvent(tx, event({ subjectType: 'api_token', subjectId: 'usr_a', type: 'api_token.created' }));
    });
    const history = await listEventsForSubject(db.read, 'user', 'usr_a');
    assert.deepEqual(
      history.map((e) => e.type),
      ['user.created', 'user.signed_in'],
    );
    assert.equal(history[1]?.actorId, null);
    const after = await listEventsForSubject(db.read, 'user', 'usr_a', { afterSeq: history[0]!.seq });
    assert.deepEqual(
      after.map((e) => e.type),
      ['user.signed_in'],
    );
  });

  test('a routed database enqueues one job per subscriber with the event, in the same transaction', async (t) => {
    const db = await backend.open(t);
    const routed = routeEvents(db, {
      subscribersOf: (type) =>
        type === 'user.created' ? [{ name: 'welcome.send' }, { name: 'audit.copy', maxAttempts: 2 }] : [],
    });
    const stored = await routed.write((tx) => appendEvent(tx, event()));
    const welcome = await getJob(db.read, `welcome.send:${stored.id}`);
    assert.equal(welcome?.name, 'welcome.send');
    assert.deepEqual(welcome?.payload, {
      eventId: stored.id,
      seq: stored.seq,
      type: 'user.created',
      subjectType: 'user',
      subjectId: 'usr_1',
      actorId: 'usr_admin',
      requestId: 'req-1',
      occurredAt: '2025-06-06T12:00:00.123Z',
      payload: { role: 'agent', nested: { list: [1, 2] } },
    });
    assert.equal((await getJob(db.read, `audit.copy:${stored.id}`))?.maxAttempts, 2);

    const other = await routed.write((tx) => appendEvent(tx, event({ type: 'user.signed_in' })));
    assert.equal(await getJob(db.read, `welcome.send:${other.id}`), undefined);

    // Without routing (the raw database) nothing is enqueued; a rolled-back event enqueues nothing.
    const raw = await db.write((tx) => appendEvent(tx, event()));
    assert.equal(await getJob(db.read, `welcome.send:${raw.id}`), undefined);
    let doomed = '';
    await assert.rejects(
      routed.write(async (tx) => {
        doomed = (await appendEvent(tx, event())).id;
        throw new Error('rolled back');
      }),
      /rolled back/,
    );
    assert.equal(await getJob(db.read, `welcome.send:${doomed}`), undefined);
  });
});
