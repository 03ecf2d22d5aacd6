import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { LIVE_REPLAY_LIMIT } from '@redress/contract';
import type { Context } from '../../shared/unit-of-work.ts';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';
import { appendChanges, liveHubFor } from '../../../test/factories/live.ts';
import { describeBothBackends, type Backend, type Cleanup } from '../../../test/pg-util.ts';

/** A stream as the hub sees it, keeping what was written. */
const recorder = (options: { backlogOk?: () => boolean } = {}) => {
  const chunks: string[] = [];
  let ended = false;
  return {
    connection: {
      write: (chunk: string) => {
        chunks.push(chunk);
        return options.backlogOk?.() ?? true;
      },
      end: () => {
        ended = true;
      },
    },
    chunks,
    ended: () => ended,
    /** The `change` messages' positions and cases, in order. */
    changes: () =>
      chunks
        .filter((c) => c.includes('event: change'))
        .map((c) => JSON.parse(c.split('data: ')[1] ?? '{}') as { seq: number; caseId: string }),
  };
};

const waitFor = async (what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

interface World {
  t: TestApp;
  org: TestOrg;
  caseA: string;
  caseB: string;
  as: (who: 'agentA' | 'agentB' | 'admin' | 'warehouse') => Context;
}

const buildWorld = async (backend: Backend): Promise<World> => {
  // The backend closes the database when the suite ends; the suite closes the app.
  const t = await buildTestApp({ db: await backend.open() });
  const org = await createTestOrg(t);
  const caseA = (await openCaseAs(t, org.agentA, complaintFixtures.mango)).id;
  const caseB = (await openCaseAs(t, org.agentB, complaintFixtures.parcel)).id;
  const user = (userId: string, role: string, siteIds: string[], teamIds: string[], allSites = false): Context => ({
    actor: { kind: 'user', userId, role, via: 'token', scope: { allSites, siteIds, teamIds } },
    requestId: null,
  });
  const actors = {
    agentA: user(org.agentA.id, 'agent', [org.siteA], [org.frontlineA]),
    agentB: user(org.agentB.id, 'agent', [org.siteB], []),
    admin: user(org.admin.id, 'admin', [], [], true),
    warehouse: user(org.warehouseMember.id, 'department_member', [org.siteA], [org.warehouse]),
  };
  return { t, org, caseA, caseB, as: (who) => actors[who] };
};

describeBothBackends('the live hub', (backend) => {
  let world: World | undefined;
  after(async () => {
    await world?.t.app.close();
  });
  /** The shared world, and a hub of the test's own (quick polls), closed when the test ends. */
  const setUp = async (ctx: Cleanup) => {
    world ??= await buildWorld(backend);
    const hub = liveHubFor(world.t, { pollMs: 20, heartbeatMs: 200 });
    ctx.after(() => hub.close());
    const { t } = world;
    const touch = async (caseId: string): Promise<number> => (await appendChanges(t, caseId))[0] ?? 0;
    return { ...world, hub, touch };
  };

  test('each change goes to the clients whose scope reads its case, and to nobody else', async (ctx) => {
    const { t, org, hub, caseA, caseB, as, touch } = await setUp(ctx);
    const a = recorder();
    const b = recorder();
    const admin = recorder();
    const warehouse = recorder();
    await hub.subscribe(as('agentA'), a.connection).ready;
    await hub.subscribe(as('agentB'), b.connection).ready;
    await hub.subscribe(as('admin'), admin.connection).ready;
    await hub.subscribe(as('warehouse'), warehouse.connection).ready;
    assert.equal(hub.clientCount(), 4);
    assert.match(a.chunks[0] ?? '', /^id: \d+\n\n$/, 'a new client hears its position first');

    const onA = await touch(caseA);
    const onB = await touch(caseB);
    // An event about something other than a case goes to nobody.
    await appendChanges(t, org.agentA.id, 1, 'user');
    // A task for the warehouse lets its members read case A from then on.
    await t.deps.tasks.createTask({ actor: { kind: 'system', name: 'test' }, requestId: null }, caseA, {
      teamId: org.warehouse,
      question: 'Cold chain?',
      dueAt: '2026-03-09T09:00:00.000Z',
    });
    const last = await touch(caseA);
    await waitFor('the last change', () => admin.changes().some((c) => c.seq === last));
    await waitFor('agent A hears it', () => a.changes().some((c) => c.seq === last));
    await waitFor('the warehouse hears it', () => warehouse.changes().some((c) => c.seq === last));

    assert.ok(a.changes().every((c) => c.caseId === caseA));
    assert.ok(a.changes().some((c) => c.seq === onA));
    assert.deepEqual(
      b.changes().map((c) => c.seq),
      [onB],
    );
    assert.ok(admin.changes().some((c) => c.seq === onA) && admin.changes().some((c) => c.seq === onB));
    assert.ok(
      warehouse.changes().every((c) => c.caseId === caseA),
      'the warehouse hears only the case its team has a task on',
    );
    const seqs = admin.changes().map((c) => c.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => x - y),
      'in log order',
    );
  });

  test('a reconnecting client gets what it missed, or a reset past the replay limit or for an unknown position', async (ctx) => {
    const { t, hub, caseA, caseB, as, touch } = await setUp(ctx);
    // An administrator's stream keeps the poller running, and shows how far it has read.
    const admin = recorder();
    await hub.subscribe(as('admin'), admin.connection).ready;
    const polledPast = (seq: number) =>
      waitFor(`the poller to pass ${seq}`, () => admin.changes().some((c) => c.seq >= seq));
    const before = await touch(caseA);
    const missedA = await touch(caseA);
    await touch(caseB);
    const missedA2 = await touch(caseA);
    await polledPast(missedA2);

    const replayed = recorder();
    await hub.subscribe(as('agentA'), replayed.connection, String(before)).ready;
    assert.deepEqual(
      replayed.changes().map((c) => c.seq),
      [missedA, missedA2],
      'written before `ready`: only case A, each once, in order',
    );
    assert.match(replayed.chunks.at(-1) ?? '', /^id: \d+\n\n$/, 'then its position');
    const live = await touch(caseA);
    await waitFor('the next live change', () => replayed.changes().some((c) => c.seq === live));
    assert.equal(replayed.changes().length, 3);

    const garbled = recorder();
    await hub.subscribe(as('agentA'), garbled.connection, 'not-a-position').ready;
    assert.match(garbled.chunks.join(''), /event: reset\ndata: \{\}/);
    assert.equal(garbled.changes().length, 0);

    const future = recorder();
    await hub.subscribe(as('agentA'), future.connection, String(live + 1_000_000)).ready;
    assert.match(future.chunks.join(''), /event: reset/, 'a position past the whole log is not ours');

    const many = await appendChanges(t, caseA, LIVE_REPLAY_LIMIT + 1);
    await polledPast(many.at(-1) ?? 0);
    const tooLate = recorder();
    await hub.subscribe(as('agentA'), tooLate.connection, String(live)).ready;
    assert.match(tooLate.chunks.join(''), /event: reset/);
    assert.equal(tooLate.changes().length, 0, 'a reset instead of a flood');
  });

  test('quiet streams hear a heartbeat with their position; the poller runs only while someone listens; close ends every stream', async (ctx) => {
    const { t, hub, caseA, as, touch } = await setUp(ctx);
    assert.equal(hub.isPolling(), false);
    const quiet = recorder();
    const subscription = hub.subscribe(as('agentB'), quiet.connection);
    await subscription.ready;
    assert.equal(hub.isPolling(), true);
    const unseen = await touch(caseA);
    await waitFor('a heartbeat', () => quiet.chunks.some((c) => c.startsWith(': keep-alive\n')));
    const beat = quiet.chunks.find((c) => c.startsWith(': keep-alive\n')) ?? '';
    assert.ok(
      Number(/id: (\d+)/.exec(beat)?.[1]) >= unseen,
      'the heartbeat moves the position past what it may not read',
    );
    assert.equal(quiet.changes().length, 0);

    subscription.close();
    assert.equal(hub.clientCount(), 0);
    assert.equal(hub.isPolling(), false, 'the last client leaving stops the poller');
    assert.equal(quiet.ended(), false, 'a client that left is not written to');

    // A stream lives a limited time: the browser reconnects, and its sign-in is checked again.
    const aging = liveHubFor(t, { pollMs: 20, maxAgeMs: 100 });
    ctx.after(() => aging.close());
    const old = recorder();
    await aging.subscribe(as('agentA'), old.connection).ready;
    await waitFor('the stream to grow old', () => old.ended());
    assert.equal(aging.clientCount(), 0);

    // A client too far behind is let go (it reconnects and replays).
    const slow = recorder({ backlogOk: () => false });
    await hub.subscribe(as('agentA'), slow.connection).ready;
    assert.equal(slow.ended(), true);
    assert.equal(hub.clientCount(), 0);

    // A browser that leaves while its stream is being set up is not kept, nor polled for.
    const leaving = recorder();
    const brief = hub.subscribe(as('agentA'), leaving.connection);
    brief.close();
    await brief.ready;
    assert.equal(hub.clientCount(), 0, 'a client gone before it was added is not added');
    assert.equal(hub.isPolling(), false, 'nor does the poller run for it');

    const open = recorder();
    await hub.subscribe(as('agentA'), open.connection).ready;
    assert.equal(hub.isPolling(), true, 'started again');
    await hub.close();
    assert.equal(open.ended(), true);
    assert.equal(hub.isPolling(), false);
    const afterClose = recorder();
    await hub.subscribe(as('agentA'), afterClose.connection).ready;
    assert.equal(afterClose.ended(), true, 'a subscription after close ends at once');
  });
});
