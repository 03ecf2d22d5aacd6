import assert from 'node:assert/strict';
import type { CaseDto } from '@redress/contract';
import { systemContext } from '../src/shared/unit-of-work.ts';
import { createUser, bearerFor, type TestApp } from './factories.ts';
import { createTestOrg, openCaseAs, type OrgUser } from './factories/cases.ts';
import { drainJobs } from './factories/notifications.ts';
import { scenarioOnBothBackends } from './scenario-util.ts';

interface ClockRow {
  readonly key: string;
  readonly kind: string;
  readonly state: string;
  readonly dueAt: string;
}
interface Commitment {
  readonly id: string;
  readonly status: string;
  readonly dueAt: string;
  readonly flags: readonly string[];
}
interface Notification {
  readonly kind: string;
  readonly caseId: string | null;
}

/**
 * Issue 4's promise-keeping story, end to end over HTTP with the real sweeper and job queue, in
 * Taipei around the 2026 Lunar New Year (Taiwan's office calendar: 14–22 February off).
 *
 * 1. A complaint arrives at 16:00 on Friday 13 February, the eve of the break: the acknowledgement
 *    is due at the close of the next working day — Monday 23 February, 18:00 — and the first
 *    update (16 working hours) on Tuesday 24 February at 16:00, not during the holiday.
 * 2. The agent promises a test report by 25 February; the warehouse task it depends on is due on
 *    the 26th, so the guard flags the promise before it is made, and the agent makes it knowingly.
 * 3. As the promise comes close the agent is prompted with a drafted honest update, sends it, and
 *    agrees a new time before the old one passes.
 * 4. The customer writes "我要找你們經理,不然我就投訴到消保會": the case climbs to the supervisor.
 * 5. The supervisor proposes a refund above their authority; it waits for the manager.
 * Every step is on the case's timeline.
 */
const scenario = async (t: TestApp): Promise<void> => {
  t.clock.set('2026-02-13T07:00:00.000Z');
  const org = await createTestOrg(t);
  const managerUser = await createUser(t.deps, 'manager', 'manager.a@example.test');
  await t.deps.org.setUserSite(systemContext('test'), managerUser.id, org.siteA);
  const manager: OrgUser = { id: managerUser.id, headers: await bearerFor(t.deps, managerUser.id) };
  await t.deps.escalation.ensureDefaultLadder(systemContext('test'));

  const call = async <T>(
    as: OrgUser,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
    status = 200,
  ): Promise<T> => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: as.headers,
      ...(payload ? { payload } : {}),
    });
    assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
    return response.json<T>();
  };
  const sweepAndDrain = async (): Promise<void> => {
    await t.deps.clocks.sweep(systemContext('test'));
    await drainJobs(t);
  };

  // The administrator sets Taipei's office calendar and the ISO 10002 policy.
  const calendar = await call<{ id: string }>(org.admin, 'POST', '/calendars', { preset: 'TW', years: [2026] }, 201);
  await call(org.admin, 'POST', '/policies/presets', { preset: 'iso10002', calendarId: calendar.id }, 201);

  // 1. Friday 13 February, 16:00 in Taipei: the eve of the Lunar New Year break.
  t.clock.set('2026-02-13T08:00:00.000Z');
  const opened = await openCaseAs(t, org.agentA, {
    customer: { name: '林建宏', phone: '0922-111-333', language: 'zh-TW' },
    channel: 'phone',
    subject: '冷氣機漏水',
    description: '新買的冷氣機一直漏水，地板都濕了',
    expectedRemedy: 'refund',
    siteId: org.siteA,
  });
  const id = opened.id;
  const clocks = await call<{ items: ClockRow[] }>(org.agentA, 'GET', `/cases/${id}/clocks`);
  const due = (key: string) => clocks.items.find((c) => c.key === key)?.dueAt;
  assert.equal(due('acknowledge'), '2026-02-23T10:00:00.000Z', 'Monday 23 February 18:00 in Taipei');
  assert.equal(due('keep_in_loop'), '2026-02-24T08:00:00.000Z', '16 working hours: Tuesday 24 February 16:00');

  t.clock.set('2026-02-13T08:05:00.000Z');
  await call(org.agentA, 'POST', `/cases/${id}/transitions`, { action: 'acknowledge' });

  // 2. The warehouse is asked for the unit's inspection; it has until Thursday the 26th.
  t.clock.set('2026-02-13T08:10:00.000Z');
  const task = await call<{ id: string }>(
    org.agentA,
    'POST',
    `/cases/${id}/tasks`,
    { teamId: org.warehouse, question: '請檢查退回的冷氣機並提供檢測報告', dueAt: '2026-02-26T10:00:00.000Z' },
    201,
  );
  const told = await call<CaseDto>(org.agentA, 'POST', `/cases/${id}/messages`, {
    direction: 'outbound',
    channel: 'phone',
    body: '林先生您好，我們會在2月25日前提供檢測報告。',
  });
  const promiseMessage = told.timeline?.findLast((e) => e.type === 'case.message_recorded');
  assert.ok(promiseMessage);
  const promise = {
    text: '2月25日前提供檢測報告',
    dueAt: '2026-02-25T10:00:00.000Z',
    dependsOn: [task.id],
    messageEventId: promiseMessage.id,
  };
  const check = await call<{ flags: { code: string }[] }>(
    org.agentA,
    'POST',
    `/cases/${id}/commitments/check`,
    promise,
  );
  assert.ok(
    check.flags.some((f) => f.code === 'depends_on_later_task'),
    JSON.stringify(check),
  );
  await call(org.agentA, 'POST', `/cases/${id}/commitments`, promise, 422);
  const made = await call<Commitment>(
    org.agentA,
    'POST',
    `/cases/${id}/commitments`,
    { ...promise, acknowledgeFlags: check.flags.map((f) => f.code) },
    201,
  );
  assert.ok(made.flags.includes('depends_on_later_task'));

  // 3. Tuesday the 24th, the day before: the sweep warns; the agent is prompted with a draft.
  t.clock.set('2026-02-24T02:00:00.000Z');
  await sweepAndDrain();
  const inbox = await call<{ items: Notification[] }>(org.agentA, 'GET', '/notifications');
  assert.ok(
    inbox.items.some((n) => n.kind === 'commitment_at_risk' && n.caseId === id),
    JSON.stringify(inbox.items.map((n) => n.kind)),
  );
  const draft = await call<{ text: string; proposedDueAt: string; language: string }>(
    org.agentA,
    'GET',
    `/commitments/${made.id}/draft`,
  );
  assert.equal(draft.language, 'zh-TW');
  assert.ok(new Date(draft.proposedDueAt) > new Date(made.dueAt), 'a new, later time is proposed');
  const update = await call<CaseDto>(org.agentA, 'POST', `/cases/${id}/messages`, {
    direction: 'outbound',
    channel: 'phone',
    body: draft.text,
  });
  const updateMessage = update.timeline?.findLast((e) => e.type === 'case.message_recorded');
  assert.ok(updateMessage);
  const renegotiated = await call<{ previous: Commitment; next: Commitment } | Commitment>(
    org.agentA,
    'POST',
    `/commitments/${made.id}/renegotiate`,
    {
      dueAt: draft.proposedDueAt,
      reason: '倉庫檢測報告2月26日才會完成',
      messageEventId: updateMessage.id,
      // The new time is checked like any promise; what the guard raises is acknowledged knowingly.
      acknowledgeFlags: (
        await call<{ flags: { code: string }[] }>(org.agentA, 'POST', `/cases/${id}/commitments/check`, {
          ...promise,
          dueAt: draft.proposedDueAt,
        })
      ).flags.map((f) => f.code),
    },
  );
  assert.ok(renegotiated);
  const promises = await call<{ items: Commitment[] }>(org.agentA, 'GET', `/cases/${id}/commitments`);
  assert.deepEqual(promises.items.map((c) => c.status).sort(), ['open', 'renegotiated']);

  // 4. The customer writes in: he wants a manager, or he goes to the consumer protection office.
  t.clock.set('2026-02-24T03:00:00.000Z');
  await call(org.agentA, 'POST', `/cases/${id}/messages`, {
    direction: 'inbound',
    channel: 'email',
    body: '我要找你們經理,不然我就投訴到消保會',
  });
  await drainJobs(t);
  const escalations = await call<{ items: { toRank: number; trigger: string; direction: string }[] }>(
    org.supervisorA,
    'GET',
    `/cases/${id}/escalations`,
  );
  assert.deepEqual(
    escalations.items.map((e) => [e.direction, e.toRank, e.trigger]),
    [['up', 1, 'signal']],
  );
  const supervisorInbox = await call<{ items: Notification[] }>(org.supervisorA, 'GET', '/notifications');
  assert.ok(supervisorInbox.items.some((n) => n.kind === 'case_escalated' && n.caseId === id));

  // 5. The supervisor offers a full refund of NT$8,000 — above a supervisor's NT$5,000.
  t.clock.set('2026-02-24T03:30:00.000Z');
  const refund = await call<{ id: string; status: string; requiredRank: number }>(
    org.supervisorA,
    'POST',
    `/cases/${id}/compensations`,
    { kind: 'refund', amount: 800_000, currency: 'TWD', description: '全額退款' },
    201,
  );
  assert.equal(refund.status, 'proposed');
  assert.equal(refund.requiredRank, 2);
  await call(org.supervisorA, 'POST', `/compensations/${refund.id}/approve`, {}, 422);
  await drainJobs(t);
  const board = await call<{
    approvals: { total: number; byRank: { rank: number; count: number }[] };
    escalations: { total: number };
    commitments: { dueSoon: { total: number } };
  }>(manager, 'GET', '/early-warning?hours=96');
  assert.equal(board.approvals.total, 1);
  // A remedy above the case's level takes the case to the level that can approve it.
  const climbed = await call<{ items: { toRank: number; trigger: string }[] }>(
    manager,
    'GET',
    `/cases/${id}/escalations`,
  );
  assert.deepEqual(
    climbed.items.map((e) => [e.toRank, e.trigger]),
    [
      [1, 'signal'],
      [2, 'remedy_above_authority'],
    ],
  );
  assert.equal(board.escalations.total, 2, 'neither escalation is acknowledged yet');
  assert.equal(board.commitments.dueSoon.total, 1, 'the renegotiated promise (27 February) is due within 96 hours');
  const managerInbox = await call<{ items: Notification[] }>(manager, 'GET', '/notifications');
  assert.ok(managerInbox.items.some((n) => n.kind === 'compensation_proposed' && n.caseId === id));
  t.clock.set('2026-02-24T04:00:00.000Z');
  const approved = await call<{ status: string }>(manager, 'POST', `/compensations/${refund.id}/approve`, {
    note: '同意全額退款',
  });
  assert.equal(approved.status, 'approved');

  // Every step is on the timeline, in order.
  const final = await call<CaseDto>(org.supervisorA, 'GET', `/cases/${id}`);
  const types = (final.timeline ?? []).map((e) => e.type);
  const expected = [
    'case.created',
    'clock.started',
    'case.status_changed',
    'case.task_created',
    'case.message_recorded',
    'commitment.made',
    'clock.warned',
    'commitment.at_risk',
    'case.message_recorded',
    'commitment.renegotiated',
    'case.message_recorded',
    'case.escalated',
    'compensation.proposed',
    'compensation.approved',
  ];
  let at = -1;
  for (const type of expected) {
    const next = types.indexOf(type, at + 1);
    assert.ok(next > at, `${type} after position ${at} in ${types.join(', ')}`);
    at = next;
  }
};

scenarioOnBothBackends(
  'scenario: a promise around the Lunar New Year, kept honestly and escalated by the customer',
  scenario,
);
