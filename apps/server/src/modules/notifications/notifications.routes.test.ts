import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { NotificationDto, NotificationList } from '@redress/contract';
import { bearerFor, buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';
import { appendCaseEvent, drainJobs, insertCompensation, seedLadder } from '../../../test/factories/notifications.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

const DUE = '2026-03-02T10:00:00.000Z';

describeBothBackends('notifications over HTTP', (backend) => {
  let t: TestApp;
  let org: TestOrg;
  let caseId: string;
  let manager: { id: string; headers: Record<string, string> };

  const list = async (headers: Record<string, string>, query = ''): Promise<NotificationList> => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/notifications${query}`, headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<NotificationList>();
  };
  /** Each event a minute after the last: ids (and so "newest first") follow the clock. */
  const emit = (onCase: string, type: string, payload: Record<string, unknown>, actorId: string | null = null) => {
    t.clock.advance(60_000);
    return appendCaseEvent(t, onCase, type, payload, actorId);
  };
  const rows = () => t.deps.db.read.selectFrom('notifications').selectAll().orderBy('id').execute();

  before(async () => {
    t = await buildTestApp({ db: await backend.open() });
    org = await createTestOrg(t);
    await seedLadder(t);
    const sys = systemContext('test');
    const created = await t.deps.identity.createUser(sys, {
      email: 'manager.a@example.test',
      name: 'Manager A',
      role: 'manager',
      locale: 'zh-TW',
    });
    await t.deps.org.setUserSite(sys, created.id, org.siteA);
    manager = { id: created.id, headers: await bearerFor(t.deps, created.id) };
    caseId = (await openCaseAs(t, org.agentA, complaintFixtures.window)).id;
  });
  // The backend closes the database when the suite ends.
  after(() => t.app.close());

  test('a resolve breach reaches the owner, the site supervisor and manager once, however often the job runs', async () => {
    const event = await emit(caseId, 'clock.breached', {
      clockId: 'clk_1',
      key: 'resolve',
      kind: 'resolve',
      subjectId: null,
      cycle: 1,
      dueAt: DUE,
    });
    assert.ok((await drainJobs(t)) >= 1);
    const first = await rows();
    assert.deepEqual(first.map((r) => r.user_id).sort(), [org.agentA.id, org.supervisorA.id, manager.id].sort());
    assert.ok(
      first.every((r) => r.email_state === 'skipped'),
      'no mail server: e-mails are skipped',
    );

    // The same event handled again (a retry after a crash) adds nothing.
    const again = await t.deps.notifications.notifyForEvent({
      id: event.id,
      type: event.type,
      subjectType: 'case',
      subjectId: caseId,
      actorId: null,
      occurredAt: event.occurredAt,
      payload: event.payload,
    });
    assert.equal(again.created, 0);
    await t.deps.db.write((tx) =>
      tx.updateTable('jobs').set({ status: 'queued' }).where('name', '=', 'notifications.fanout').execute(),
    );
    await drainJobs(t);
    assert.equal((await rows()).length, 3);
  });

  test('each reader sees only their own, rendered in their language with the site time', async () => {
    const mine = await list(org.agentA.headers);
    assert.equal(mine.items.length, 1);
    assert.equal(mine.unreadCount, 1);
    const item = mine.items[0] as NotificationDto;
    assert.equal(item.kind, 'clock_breached');
    assert.equal(item.caseId, caseId);
    assert.match(item.title, /resolution overdue/);
    // Site A is in Taipei: 10:00 UTC reads 18:00 GMT+8.
    assert.match(item.body, / 18:00 GMT\+8/);
    assert.match(item.link ?? '', new RegExp(`/cases/${caseId}$`));

    const theirs = await list(manager.headers);
    assert.match(theirs.items[0]?.title ?? '', /結案處理已逾期/);
    assert.equal((await list(org.agentB.headers)).items.length, 0);
  });

  test("another user's notification id answers 404; one's own is marked read", async () => {
    const own = (await list(org.agentA.headers)).items[0] as NotificationDto;
    const foreign = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${own.id}/read`,
      headers: org.supervisorA.headers,
    });
    assert.equal(foreign.statusCode, 404);
    assert.equal(foreign.json<{ error: { code: string } }>().error.code, 'not_found');
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/ntf_00000000000000000000000000/read',
      headers: org.agentA.headers,
    });
    assert.equal(unknown.statusCode, 404);

    const read = await t.app.inject({
      method: 'POST',
      url: `/api/v1/notifications/${own.id}/read`,
      headers: org.agentA.headers,
    });
    assert.equal(read.statusCode, 200);
    assert.ok(read.json<NotificationDto>().readAt);
    assert.equal((await list(org.agentA.headers, '?unread=true')).items.length, 0);
    assert.equal((await list(org.supervisorA.headers, '?unread=true')).items.length, 1, 'still unread for others');
  });

  test('read-all marks only the caller’s', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: org.supervisorA.headers,
    });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), { updated: 1 });
    assert.equal((await list(manager.headers)).unreadCount, 1);
  });

  test('escalation reaches the new level; the actor is not told; a page has a cursor', async () => {
    await emit(caseId, 'case.escalated', { toRank: 2, trigger: 'manual' }, org.agentA.id);
    await emit(caseId, 'clock.warned', { key: 'first_response', dueAt: DUE, percent: 80 });
    await drainJobs(t);
    const page1 = await list(manager.headers, '?limit=1');
    assert.equal(page1.items.length, 1);
    assert.equal(page1.items[0]?.kind, 'case_escalated');
    assert.match(page1.items[0]?.title ?? '', /已升級至經理/);
    assert.ok(page1.nextCursor);
    const page2 = await list(manager.headers, `?limit=1&cursor=${page1.nextCursor}`);
    assert.equal(page2.items[0]?.kind, 'clock_breached');
    assert.equal(page2.nextCursor, null);
    const owner = await list(org.agentA.headers);
    assert.deepEqual(
      owner.items.map((i) => i.kind),
      ['clock_warned', 'clock_breached'],
      'the owner who escalated is not told about it',
    );
  });

  test('a promise at risk carries the drafted update to the owner', async () => {
    await emit(caseId, 'commitment.at_risk', {
      commitmentId: 'cmt_1',
      text: 'Report by Friday',
      dueAt: DUE,
      proposedDueAt: '2026-03-03T10:00:00.000Z',
      draft: 'Dear Ms Mitchell, we need one more day…',
    });
    await drainJobs(t);
    const item = (await list(org.agentA.headers)).items[0];
    assert.equal(item?.kind, 'commitment_at_risk');
    assert.deepEqual(item?.draft, {
      message: 'Dear Ms Mitchell, we need one more day…',
      proposedDueAt: '2026-03-03T10:00:00.000Z',
    });
  });

  test('settings: default immediate, saved per user, bad values refused', async () => {
    const get = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications/settings',
      headers: org.agentA.headers,
    });
    assert.deepEqual(get.json(), { email: 'immediate' });
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      headers: org.agentA.headers,
      payload: { email: 'digest' },
    });
    assert.equal(put.statusCode, 200);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications/settings',
      headers: org.agentA.headers,
    });
    assert.deepEqual(again.json(), { email: 'digest' });
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications/settings',
      headers: org.agentB.headers,
    });
    assert.deepEqual(other.json(), { email: 'immediate' });
    for (const payload of [{ email: 'hourly' }, { email: 'off', userId: org.agentB.id }, {}]) {
      const bad = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/notifications/settings',
        headers: org.agentA.headers,
        payload,
      });
      assert.equal(bad.statusCode, 400, JSON.stringify(payload));
    }
  });

  test('bad queries are coded 400s; without a sign-in, 401', async () => {
    for (const query of ['?cursor=x%27%20or%201=1', '?limit=100000', '?unread=maybe']) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/api/v1/notifications${query}`,
        headers: org.agentA.headers,
      });
      assert.equal(response.statusCode, 400, query);
      assert.equal(response.json<{ error: { code: string } }>().error.code, 'validation_failed');
    }
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/notifications' });
    assert.equal(anonymous.statusCode, 401);
  });

  test('a decision tells the proposer what was decided, read from the proposal', async () => {
    const compensationId = await insertCompensation(t, {
      caseId,
      requiredRank: 2,
      proposedAt: t.clock.now(),
      proposedBy: org.agentA.id,
    });
    await emit(
      caseId,
      'compensation.rejected',
      { compensationId, requiredRank: 2, note: 'Offer a repair first' },
      manager.id,
    );
    await drainJobs(t);
    const item = (await list(org.agentA.headers)).items[0];
    assert.equal(item?.kind, 'compensation_rejected');
    assert.match(item?.title ?? '', /refund \(NT\$2,500\.00\) not approved/);
    assert.match(item?.body ?? '', /Note: Offer a repair first/);
  });

  test('disabled users are not notified', async () => {
    await t.deps.db.write((tx) =>
      tx.updateTable('users').set({ disabled_at: t.clock.now().toISOString() }).where('id', '=', manager.id).execute(),
    );
    const event = await emit(caseId, 'clock.breached', { key: 'regulatory', dueAt: DUE, cycle: 2 });
    await drainJobs(t);
    const added = (await rows()).filter((r) => r.event_id === event.id).map((r) => r.user_id);
    assert.deepEqual(added.sort(), [org.agentA.id, org.supervisorA.id].sort());
  });
});
