import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeBothBackends } from '../../test/pg-util.ts';
import { isId } from '../shared/ids.ts';
import {
  appendEvent,
  appendEvents,
  listEventsAfter,
  listEventsForSubject,
  routeEvents,
  type NewEvent,
} from './events.ts';
import { enqueueJob, enqueueJobs, getJob } from './jobs.repository.ts';

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

  test('appendEvents stores many events in the order given, each with its id and an ascending seq', async (t) => {
    const db = await backend.open(t);
    // Characters an array literal or a VALUES list must escape travel untouched.
    const awkward = { text: 'a "quoted", {braced} \\ back\\slash, 我要找你們經理, ภาษาไทย', list: [null, true, 1.5] };
    const given = [
      event({ subjectId: 'usr_a', payload: awkward }),
      event({ subjectId: 'usr_b', type: 'user.signed_in', actorId: null, requestId: null, payload: null }),
      event({ subjectId: 'usr_c', occurredAt: new Date('2025-06-07T00:00:00.000Z'), payload: [] }),
    ];
    const stored = await db.write((tx) => appendEvents(tx, given));
    assert.equal(stored.length, 3);
    stored.forEach((s, i) => {
      assert.ok(isId('evt', s.id));
      assert.deepEqual({ ...s, id: undefined, seq: undefined }, { ...given[i], id: undefined, seq: undefined });
    });
    assert.ok(stored[0]!.seq < stored[1]!.seq && stored[1]!.seq < stored[2]!.seq, 'seq follows the order given');
    assert.deepEqual(await listEventsAfter(db.read, 0, 10), stored);
    assert.deepEqual(await db.write((tx) => appendEvents(tx, [])), []);
    assert.equal((await listEventsAfter(db.read, 0, 10)).length, 3, 'an empty list writes nothing');
  });

  test('appendEvents fans out like appendEvent: one job per subscriber, id <job>:<event id>, the event as payload', async (t) => {
    const db = await backend.open(t);
    const routed = routeEvents(db, {
      subscribersOf: (type) =>
        type === 'user.created' ? [{ name: 'welcome.send' }, { name: 'audit.copy', maxAttempts: 2 }] : [],
    });
    const later = new Date('2025-06-06T13:00:00.000Z');
    const stored = await routed.write((tx) =>
      appendEvents(tx, [
        event({ subjectId: 'usr_a' }),
        event({ subjectId: 'usr_b', type: 'user.signed_in' }),
        event({ subjectId: 'usr_c', occurredAt: later }),
      ]),
    );
    const [a, b, c] = stored;
    const welcomeA = await getJob(db.read, `welcome.send:${a!.id}`);
    assert.equal(welcomeA?.name, 'welcome.send');
    assert.equal(welcomeA?.status, 'queued');
    assert.deepEqual(welcomeA?.payload, {
      eventId: a!.id,
      seq: a!.seq,
      type: 'user.created',
      subjectType: 'user',
      subjectId: 'usr_a',
      actorId: 'usr_admin',
      requestId: 'req-1',
      occurredAt: '2025-06-06T12:00:00.123Z',
      payload: { role: 'agent', nested: { list: [1, 2] } },
    });
    assert.equal((await getJob(db.read, `audit.copy:${a!.id}`))?.maxAttempts, 2);
    assert.equal((await getJob(db.read, `welcome.send:${a!.id}`))?.maxAttempts, 5, 'the default, as enqueueJob');
    assert.equal(await getJob(db.read, `welcome.send:${b!.id}`), undefined, 'no subscriber, no job');
    // Each job is stamped with its own event's instant.
    const welcomeC = await getJob(db.read, `welcome.send:${c!.id}`);
    assert.equal(welcomeC?.runAt.toISOString(), later.toISOString());
    assert.equal(welcomeC?.createdAt.toISOString(), later.toISOString());
    assert.equal(welcomeA?.runAt.toISOString(), '2025-06-06T12:00:00.123Z');
    const jobs = await db.read.selectFrom('jobs').select('id').execute();
    assert.equal(jobs.length, 4, 'two subscribers × two user.created events');

    // Without routing (the raw database) nothing is enqueued.
    const [raw] = await db.write((tx) => appendEvents(tx, [event()]));
    assert.equal(await getJob(db.read, `welcome.send:${raw!.id}`), undefined);
  });

  test('appendEvents over a thousand events: every event stored and every job enqueued once', async (t) => {
    const db = await backend.open(t);
    const routed = routeEvents(db, { subscribersOf: () => [{ name: 'audit.copy' }] });
    const count = 1_205;
    const stored = await routed.write((tx) =>
      appendEvents(
        tx,
        Array.from({ length: count }, (_, i) => event({ subjectId: `usr_${i}`, payload: { i } })),
      ),
    );
    assert.equal(new Set(stored.map((e) => e.id)).size, count);
    const read = await listEventsAfter(db.read, 0, 2_000);
    assert.deepEqual(
      read.map((e) => e.payload),
      Array.from({ length: count }, (_, i) => ({ i })),
    );
    assert.deepEqual(
      read.map((e) => e.seq),
      stored.map((e) => e.seq),
    );
    const jobs = await db.read.selectFrom('jobs').select('id').execute();
    assert.deepEqual(jobs.map((j) => j.id).sort(), stored.map((e) => `audit.copy:${e.id}`).sort());
  });

  test('appendEvents rolls back whole with its transaction: no event, no job', async (t) => {
    const db = await backend.open(t);
    const routed = routeEvents(db, { subscribersOf: () => [{ name: 'welcome.send' }] });
    let doomed: string[] = [];
    await assert.rejects(
      routed.write(async (tx) => {
        doomed = (await appendEvents(tx, [event(), event({ subjectId: 'usr_2' })])).map((e) => e.id);
        throw new Error('the state change failed');
      }),
      /the state change failed/,
    );
    assert.equal(doomed.length, 2);
    assert.deepEqual(await listEventsAfter(db.read, 0, 10), []);
    assert.deepEqual(await db.read.selectFrom('jobs').select('id').execute(), []);
  });

  test('enqueueJobs leaves an existing id alone, as enqueueJob does', async (t) => {
    const db = await backend.open(t);
    const now = new Date('2025-06-06T12:00:00.000Z');
    await db.write((tx) =>
      enqueueJob(tx, { id: 'audit.copy:evt_1', name: 'audit.copy', payload: { first: true } }, now),
    );
    const ids = await db.write((tx) =>
      enqueueJobs(
        tx,
        [
          { id: 'audit.copy:evt_1', name: 'audit.copy', payload: { first: false } },
          { id: 'audit.copy:evt_2', name: 'audit.copy', payload: { second: true }, maxAttempts: 3 },
        ],
        now,
      ),
    );
    assert.deepEqual(ids, ['audit.copy:evt_1', 'audit.copy:evt_2']);
    assert.deepEqual((await getJob(db.read, 'audit.copy:evt_1'))?.payload, { first: true });
    const second = await getJob(db.read, 'audit.copy:evt_2');
    assert.deepEqual([second?.payload, second?.maxAttempts, second?.status], [{ second: true }, 3, 'queued']);
  });
});
