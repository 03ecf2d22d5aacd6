import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { QueueKeys, type CaseList, type CaseSummaryDto, type QueueCountsDto, type QueueKey } from '@redress/contract';
import { systemContext } from '../../shared/unit-of-work.ts';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';
import { insertClock } from '../../../test/factories/notifications.ts';
import { describeBothBackends, type Backend } from '../../../test/pg-util.ts';

const HOUR = 3_600_000;

interface World {
  t: TestApp;
  org: TestOrg;
  /** Case ids by what was done to them. */
  ids: Record<string, string>;
}

/**
 * Site A: cases in each queue state, opened by agent A (or A2); site B: one new case of agent B's
 * that is also due soon and escalated, which nobody at site A may count.
 */
const buildWorld = async (backend: Backend): Promise<World> => {
  // The backend closes the database when the suite ends; the suite closes the app.
  const t = await buildTestApp({ db: await backend.open() });
  const org = await createTestOrg(t);
  assert.equal(await t.deps.escalation.ensureDefaultLadder(systemContext('test')), true);
  const send = async (as: OrgUser, url: string, payload: Record<string, unknown>) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload });
    assert.ok(response.statusCode < 300, `${url}: ${response.statusCode} ${response.body}`);
  };
  const now = t.clock.now().getTime();
  const farAway = new Date(now + 10 * 24 * HOUR).toISOString();
  const open = async (as: OrgUser = org.agentA) => (await openCaseAs(t, as, complaintFixtures.mango)).id;

  const fresh = await open();
  const acknowledged = await open();
  await send(org.agentA, `/cases/${acknowledged}/transitions`, { action: 'acknowledge' });
  const colleagues = await open(org.agentA2);
  const waitingCustomer = await open();
  await send(org.agentA, `/cases/${waitingCustomer}/transitions`, { action: 'start_investigation' });
  await send(org.agentA, `/cases/${waitingCustomer}/transitions`, { action: 'wait_on_customer' });
  const taskWaiting = await open();
  await send(org.agentA, `/cases/${taskWaiting}/tasks`, {
    teamId: org.warehouse,
    question: 'Was the cold chain broken?',
    dueAt: farAway,
  });
  // Resumed by hand while its task is still open: it still waits on internal help.
  const taskResumed = await open();
  await send(org.agentA, `/cases/${taskResumed}/tasks`, { teamId: org.warehouse, question: 'Stock?', dueAt: farAway });
  await send(org.agentA, `/cases/${taskResumed}/transitions`, { action: 'resume' });
  const dueSoon = await open();
  await send(org.agentA, `/cases/${dueSoon}/transitions`, { action: 'acknowledge' });
  await insertClock(t, { caseId: dueSoon, key: 'resolve', dueAt: new Date(now + 2 * HOUR) });
  await insertClock(t, { caseId: dueSoon, key: 'keep_in_loop', dueAt: new Date(now + 40 * HOUR) });
  const overdue = await open();
  await send(org.agentA, `/cases/${overdue}/transitions`, { action: 'acknowledge' });
  await insertClock(t, { caseId: overdue, key: 'first_response', dueAt: new Date(now - HOUR) });
  const dueLater = await open();
  await send(org.agentA, `/cases/${dueLater}/transitions`, { action: 'acknowledge' });
  await insertClock(t, { caseId: dueLater, key: 'resolve', dueAt: new Date(now + 30 * HOUR) });
  await insertClock(t, { caseId: dueLater, key: 'regulatory', dueAt: new Date(now + HOUR), state: 'paused' });
  const escalated = await open();
  await send(org.agentA, `/cases/${escalated}/transitions`, { action: 'acknowledge' });
  await send(org.agentA, `/cases/${escalated}/escalations`, { reason: 'the customer is very upset' });
  // Closed cases wait in no queue, whatever their clocks and rank say.
  const closed = await open();
  await insertClock(t, { caseId: closed, key: 'resolve', dueAt: new Date(now + HOUR) });
  await t.deps.db.write((tx) =>
    tx.updateTable('cases').set({ status: 'closed', escalation_level: 2 }).where('id', '=', closed).execute(),
  );
  const otherSite = await open(org.agentB);
  await insertClock(t, { caseId: otherSite, key: 'resolve', dueAt: new Date(now + HOUR) });
  await send(org.agentB, `/cases/${otherSite}/escalations`, { reason: 'the customer is very upset' });

  const ids = {
    fresh,
    acknowledged,
    colleagues,
    waitingCustomer,
    taskWaiting,
    taskResumed,
    dueSoon,
    overdue,
    dueLater,
    escalated,
    closed,
    otherSite,
  };
  return { t, org, ids };
};

const counts = async (w: World, as: OrgUser, query = ''): Promise<QueueCountsDto> => {
  const response = await w.t.app.inject({ method: 'GET', url: `/api/v1/queues${query}`, headers: as.headers });
  assert.equal(response.statusCode, 200, response.body);
  return response.json<QueueCountsDto>();
};

/** Every page of one queue, following the cursor `limit` at a time. */
const listAll = async (w: World, as: OrgUser, queue: QueueKey, extra = '', limit = 50): Promise<CaseSummaryDto[]> => {
  const items: CaseSummaryDto[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 50; page += 1) {
    const url: string = `/api/v1/cases?queue=${queue}&limit=${limit}${extra}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await w.t.app.inject({ method: 'GET', url, headers: as.headers });
    assert.equal(response.statusCode, 200, response.body);
    const body = response.json<CaseList>();
    items.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return items;
  }
  throw new Error('paging did not end');
};

const names = (w: World, items: readonly { id: string }[]): string[] => {
  const byId = new Map(Object.entries(w.ids).map(([name, id]) => [id, name]));
  return items.map((item) => byId.get(item.id) ?? item.id).sort();
};

describeBothBackends('the agent queues', (backend) => {
  // Every test only reads: one world per backend.
  let world: World | undefined;
  const setUp = async (): Promise<World> => (world ??= await buildWorld(backend));
  after(async () => {
    await world?.t.app.close();
  });

  test('each queue holds the cases in its state, counted and listed alike, at my sites only', async () => {
    const w = await setUp();
    const { org } = w;
    const expected: Record<QueueKey, string[]> = {
      mine: [
        'acknowledged',
        'dueLater',
        'dueSoon',
        'escalated',
        'fresh',
        'overdue',
        'taskResumed',
        'taskWaiting',
        'waitingCustomer',
      ],
      unassigned: ['colleagues', 'fresh'],
      // The escalation starts a response clock on the level above, due within the day.
      due_soon: ['dueSoon', 'escalated', 'overdue'],
      escalated: ['escalated'],
      waiting_internal: ['taskResumed', 'taskWaiting'],
      waiting_customer: ['waitingCustomer'],
    };
    const mine = await counts(w, org.agentA);
    assert.equal(mine.generatedAt, w.t.clock.now().toISOString());
    for (const key of QueueKeys) {
      assert.deepEqual(names(w, await listAll(w, org.agentA, key)), expected[key], `list of ${key}`);
      assert.equal(mine.counts[key], expected[key].length, `count of ${key}`);
    }

    // Site B's agent sees only their own case; an administrator sees every site's.
    const b = await counts(w, org.agentB);
    assert.deepEqual(b.counts, {
      mine: 1,
      unassigned: 1,
      due_soon: 1,
      escalated: 1,
      waiting_internal: 0,
      waiting_customer: 0,
    });
    assert.deepEqual(names(w, await listAll(w, org.agentB, 'due_soon')), ['otherSite']);
    const all = await counts(w, org.admin);
    assert.equal(all.counts.mine, 0);
    assert.equal(all.counts.unassigned, 3);
    assert.equal(all.counts.due_soon, 4);
    assert.equal(all.counts.escalated, 2);

    // A department member counts only the cases its team has tasks on.
    const warehouse = await counts(w, org.warehouseMember);
    assert.deepEqual(warehouse.counts, {
      mine: 0,
      unassigned: 0,
      due_soon: 0,
      escalated: 0,
      waiting_internal: 2,
      waiting_customer: 0,
    });

    // A longer look-ahead reaches the clock due in 30 h; a paused clock never counts.
    assert.equal((await counts(w, org.agentA, '?hours=48')).counts.due_soon, 4);
    assert.deepEqual(names(w, await listAll(w, org.agentA, 'due_soon', '&hours=48')), [
      'dueLater',
      'dueSoon',
      'escalated',
      'overdue',
    ]);
    const bad = await w.t.app.inject({ method: 'GET', url: '/api/v1/queues?hours=0', headers: org.agentA.headers });
    assert.equal(bad.statusCode, 400);
    const badQueue = await w.t.app.inject({
      method: 'GET',
      url: '/api/v1/cases?queue=nope',
      headers: org.agentA.headers,
    });
    assert.equal(badQueue.statusCode, 400);
    const anonymous = await w.t.app.inject({ method: 'GET', url: '/api/v1/queues' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('due soon lists the soonest clock first; pages follow the cursor; every summary carries the queue fields', async () => {
    const w = await setUp();
    const { org, ids } = w;
    const now = w.t.clock.now().getTime();
    const due = await listAll(w, org.agentA, 'due_soon', '&hours=48', 1);
    assert.deepEqual(
      due.map((c) => c.id),
      // The escalation's response clock falls between 2 h and 30 h from now.
      [ids.overdue, ids.dueSoon, ids.escalated, ids.dueLater],
      'soonest first',
    );
    assert.equal(due[0]?.nextDueAt, new Date(now - HOUR).toISOString());
    assert.equal(due[1]?.nextDueAt, new Date(now + 2 * HOUR).toISOString());
    // The paused regulatory clock (due in 1 h) is not the next due: it is not running.
    assert.equal(due[3]?.nextDueAt, new Date(now + 30 * HOUR).toISOString());
    const [escalatedCase] = due.filter((c) => c.id === ids.escalated);
    assert.equal(escalatedCase?.escalationRank, 1);
    assert.equal(due[0]?.escalationRank, 0);
    assert.equal(due[0]?.customerName, '陳美玲');

    // Other queues keep the usual order (newest first) and page two at a time without loss or repeat.
    const mine = await listAll(w, org.agentA, 'mine', '', 2);
    assert.equal(mine.length, 9);
    assert.equal(new Set(mine.map((c) => c.id)).size, 9);
    assert.deepEqual(
      mine.map((c) => c.id),
      [...mine.map((c) => c.id)].sort().reverse(),
    );

    // The plain list carries them too: no clock is null, and the rank is 0.
    const plain = await w.t.app.inject({ method: 'GET', url: '/api/v1/cases?limit=200', headers: org.admin.headers });
    const items = plain.json<CaseList>().items;
    const fresh = items.find((c) => c.id === ids.fresh);
    assert.equal(fresh?.nextDueAt, null);
    assert.equal(fresh?.escalationRank, 0);
    assert.equal(fresh?.customerName, '陳美玲');
    assert.equal(items.find((c) => c.id === ids.closed)?.escalationRank, 2);
  });
});
