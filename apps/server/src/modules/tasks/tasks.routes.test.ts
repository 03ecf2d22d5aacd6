import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseDto, TaskDto, TaskQueue } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';

interface ErrorJson {
  error: { code: string; details?: { field: string }[] };
}

const DUE = '2026-03-03T09:00:00.000Z';

describe('internal tasks over HTTP', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

  const post = (as: OrgUser, url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload });
  const field = (body: string) => (JSON.parse(body) as ErrorJson).error.details?.[0]?.field;
  const getCase = async (as: OrgUser, id: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: as.headers });
  const queue = async (as: OrgUser, query = '') => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/tasks${query}`, headers: as.headers });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<TaskQueue>();
  };

  test('the owner asks the warehouse; the case waits on internal help; the department sees the words, not contacts', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    assert.equal((await getCase(org.warehouseMember, c.id)).statusCode, 404, 'no task yet: not visible');

    const created = await post(org.agentA, `/cases/${c.id}/tasks`, {
      teamId: org.warehouse,
      question: '這批芒果的冷鏈溫度紀錄是否正常？',
      dueAt: DUE,
    });
    assert.equal(created.statusCode, 201, created.body);
    const task = created.json<TaskDto>();
    assert.match(task.id, /^task_/);
    assert.equal(task.status, 'open');

    const seen = await getCase(org.warehouseMember, c.id);
    assert.equal(seen.statusCode, 200);
    const view = seen.json<CaseDto>();
    assert.equal(view.status, 'waiting_on_internal');
    assert.equal(view.description, '我三天前買的芒果全部爛了，你們是騙子');
    assert.equal(view.customer.emails, undefined, 'no contact details without customer:read');
    assert.equal(view.customer.phones, undefined);

    const items = (await queue(org.warehouseMember, '?mine=true')).items;
    assert.equal(items.length, 1);
    assert.equal(items[0]?.case.description, '我三天前買的芒果全部爛了，你們是騙子');
    assert.equal(items[0]?.case.customerName, '陳美玲');
    assert.equal('phones' in (items[0]?.case ?? {}), false);
    assert.equal((await queue(org.billingMember)).items.length, 0);
    assert.equal((await queue(org.billingMember, `?team=${org.warehouse}`)).items.length, 0, 'not their team');

    const answered = await post(org.warehouseMember, `/tasks/${task.id}/answer`, {
      answer: '冷藏車 3/1 故障 4 小時，已確認',
    });
    assert.equal(answered.statusCode, 200, answered.body);
    assert.equal(answered.json<TaskDto>().status, 'answered');
    const after = (await getCase(org.agentA, c.id)).json<CaseDto>();
    assert.equal(after.status, 'investigating', 'the last answer brings the case back to its owner');
    assert.equal(after.owner.id, org.agentA.id, 'the owner stays the single point of contact');
    const answerEvent = after.timeline?.find((e) => e.type === 'case.task_answered');
    assert.equal(answerEvent?.actorId, org.warehouseMember.id);
    assert.equal(answerEvent?.data.answer, '冷藏車 3/1 故障 4 小時，已確認');
    const again = await post(org.warehouseMember, `/tasks/${task.id}/answer`, { answer: 'again' });
    assert.equal(again.statusCode, 409);
  });

  test('a task can be passed on with a reason, never refused', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    const task = (
      await post(org.agentA, `/cases/${c.id}/tasks`, {
        teamId: org.warehouse,
        question: '退款卡在哪一步？',
        dueAt: DUE,
      })
    ).json<TaskDto>();
    const noReason = await post(org.warehouseMember, `/tasks/${task.id}/reassign`, { teamId: org.billing });
    assert.equal(noReason.statusCode, 400);
    assert.equal(field(noReason.body), '/body/reason');
    const blank = await post(org.warehouseMember, `/tasks/${task.id}/reassign`, { teamId: org.billing, reason: '  ' });
    assert.equal(field(blank.body), '/body/reason');
    const nowhere = await post(org.warehouseMember, `/tasks/${task.id}/reassign`, { reason: 'not us' });
    assert.equal(field(nowhere.body), '/body/teamId');
    const refuse = await post(org.warehouseMember, `/tasks/${task.id}/refuse`, { reason: 'not us' });
    assert.equal(refuse.statusCode, 404, 'there is no refuse action');

    const moved = await post(org.warehouseMember, `/tasks/${task.id}/reassign`, {
      teamId: org.billing,
      reason: '退款由财务处理',
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json<TaskDto>().assigneeTeamId, org.billing);
    assert.equal((await getCase(org.warehouseMember, c.id)).statusCode, 404, 'the warehouse no longer sees it');
    assert.equal((await getCase(org.billingMember, c.id)).statusCode, 200);
    const timeline = (await getCase(org.agentA, c.id)).json<CaseDto>().timeline ?? [];
    const event = timeline.find((e) => e.type === 'case.task_reassigned');
    assert.equal(event?.data.reason, '退款由财务处理');
    assert.deepEqual(event?.data.to, { teamId: org.billing, userId: null });

    const notMine = await post(org.warehouseMember, `/tasks/${task.id}/answer`, { answer: 'x' });
    assert.equal(notMine.statusCode, 404);
  });

  test('only the owner or a supervisor creates tasks; bad input names the field; other sites are not found', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.parcel);
    const colleague = await post(org.agentA2, `/cases/${c.id}/tasks`, {
      teamId: org.warehouse,
      question: 'x',
      dueAt: DUE,
    });
    assert.equal(colleague.statusCode, 422);
    const department = await post(org.warehouseMember, `/cases/${c.id}/tasks`, {
      teamId: org.warehouse,
      question: 'x',
      dueAt: DUE,
    });
    assert.equal(department.statusCode, 404);
    const otherSite = await post(org.agentB, `/cases/${c.id}/tasks`, {
      teamId: org.warehouse,
      question: 'x',
      dueAt: DUE,
    });
    assert.equal(otherSite.statusCode, 404);
    for (const [payload, where] of [
      [{ question: 'x', dueAt: DUE }, '/body/teamId'],
      [{ teamId: org.warehouse, dueAt: DUE }, '/body/question'],
      [{ teamId: org.warehouse, question: 'x', dueAt: 'tomorrow' }, '/body/dueAt'],
      [{ teamId: org.warehouse, question: 'x', dueAt: '2026-03-01T00:00:00.000Z' }, '/body/dueAt'],
      [{ teamId: 'team_00000000000000000000000000', question: 'x', dueAt: DUE }, '/body/teamId'],
      [{ userId: org.agentB.id, question: 'x', dueAt: DUE, extra: 1 }, '/body/extra'],
    ] as const) {
      const response = await post(org.agentA, `/cases/${c.id}/tasks`, payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(field(response.body), where);
    }
    const supervisor = await post(org.supervisorA, `/cases/${c.id}/tasks`, {
      userId: org.billingMember.id,
      question: '查一下',
      dueAt: DUE,
    });
    assert.equal(supervisor.statusCode, 201, supervisor.body);
    assert.equal(
      (await getCase(org.billingMember, c.id)).statusCode,
      200,
      'a task for a person makes the case visible to them',
    );
    const mine = await queue(org.billingMember, '?mine=true&status=open');
    assert.ok(mine.items.some((i) => i.case.id === c.id));
    const closed = await openCaseAs(t, org.agentA, complaintFixtures.window);
    await post(org.agentA, `/cases/${closed.id}/transitions`, { action: 'start_investigation' });
    const rc = await t.app.inject({
      method: 'POST',
      url: '/api/v1/root-causes',
      headers: org.admin.headers,
      payload: { code: 'parts', names: { en: 'Faulty part' } },
    });
    await post(org.agentA, `/cases/${closed.id}/transitions`, {
      action: 'resolve',
      resolution: { text: 'Replaced the regulator', kind: 'final', rootCauseId: rc.json<{ id: string }>().id },
    });
    const late = await post(org.agentA, `/cases/${closed.id}/tasks`, {
      teamId: org.warehouse,
      question: 'x',
      dueAt: DUE,
    });
    assert.equal(late.statusCode, 409, 'a resolved case does not wait on internal help');
  });

  test('the queue pages by cursor and agents without tasks see an empty queue', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    for (const question of ['一', '二', '三']) {
      await post(org.agentA, `/cases/${c.id}/tasks`, { teamId: org.warehouse, question, dueAt: DUE });
    }
    const first = await queue(org.warehouseMember, '?status=open&limit=2');
    assert.equal(first.items.length, 2);
    assert.ok(first.nextCursor);
    const second = await queue(org.warehouseMember, `?status=open&limit=2&cursor=${first.nextCursor}`);
    assert.ok(second.items.length >= 1);
    assert.ok(second.items.every((i) => !first.items.some((f) => f.task.id === i.task.id)));
    assert.equal((await queue(org.agentB)).items.length, 0);
    const analyst = await t.app.inject({ method: 'GET', url: '/api/v1/tasks', headers: org.analyst.headers });
    assert.equal(analyst.statusCode, 404, 'quality analysts hold no task:answer');
  });
});
