import assert from 'node:assert/strict';
import type { CaseDto, TaskDto, TaskQueue } from '@redress/contract';
import type { TestApp } from './factories.ts';
import { complaintFixtures, createConfig, createTestOrg, openCaseAs, type OrgUser } from './factories/cases.ts';
import { scenarioOnBothBackends } from './scenario-util.ts';

/**
 * The complaint core end to end, over real HTTP with users of different roles: a phone complaint
 * from a known customer is matched to them, the warehouse answers an internal task, ownership is
 * handed over with a summary, the case is resolved with a root cause, the customer accepts, it is
 * closed — and the timeline tells the whole story in order, with who did what.
 */
const scenario = async (t: TestApp): Promise<void> => {
  const org = await createTestOrg(t);
  const config = await createConfig(t, org.admin);
  const call = async <T>(
    as: OrgUser,
    method: 'GET' | 'POST',
    url: string,
    payload?: Record<string, unknown>,
    status = 200,
  ) => {
    const response = await t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: as.headers,
      ...(payload ? { payload } : {}),
    });
    assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
    return response.json<T>();
  };

  // A customer we already know, captured earlier through the customers API.
  const known = await call<{ id: string }>(
    org.agentA,
    'POST',
    '/customers',
    { name: '陳美玲', phone: '0912-345-678', email: 'chen.meiling@example.tw', language: 'zh-TW' },
    201,
  );

  // 1. She phones in. Intake matches her by phone; she is not asked for her details again.
  const opened = await openCaseAs(t, org.agentA, {
    customer: { name: '陳小姐', phone: '+886 912 345 678' },
    channel: 'phone',
    description: complaintFixtures.mango.description,
    expectedRemedy: 'refund',
    categoryId: config.spoiled,
  });
  assert.equal(opened.customer.id, known.id);
  assert.equal(opened.customer.matchedBy, 'phone');
  assert.equal(opened.customer.name, '陳美玲');
  const id = opened.id;

  await call(org.agentA, 'POST', `/cases/${id}/calls`, {
    direction: 'inbound',
    counterpart: '陳美玲',
    startedAt: '2026-03-02T08:55:00.000Z',
    durationSeconds: 420,
    outcome: '已致歉，承諾今天 15:00 前回電',
  });
  await call(org.agentA, 'POST', `/cases/${id}/transitions`, { action: 'acknowledge' });

  // 2. Not "we'll pass it on": a task to the warehouse with a question and a due time.
  const task = await call<TaskDto>(
    org.agentA,
    'POST',
    `/cases/${id}/tasks`,
    { teamId: org.warehouse, question: '3/1 出貨的芒果冷鏈溫度紀錄？', dueAt: '2026-03-02T12:00:00.000Z' },
    201,
  );
  const queue = await call<TaskQueue>(org.warehouseMember, 'GET', '/tasks?mine=true');
  assert.equal(
    queue.items[0]?.case.description,
    '我三天前買的芒果全部爛了，你們是騙子',
    "the customer's own words, first-hand",
  );
  await call(org.warehouseMember, 'POST', `/tasks/${task.id}/answer`, { answer: '冷藏車 3/1 故障 4 小時，整批受影響' });

  // 3. The shift ends: ownership moves with a summary, so nobody asks her to retell it.
  await call(org.agentA, 'POST', `/cases/${id}/handoff`, {
    toUserId: org.agentA2.id,
    summary: '客戶芒果全爛，倉庫確認冷藏車故障。客戶要退款，15:00 前需回電。',
  });

  // 4. The new owner resolves it with a root cause; she accepts; the case is closed.
  await call(org.agentA2, 'POST', `/cases/${id}/resolution`, {
    text: '全額退款並補寄一箱，已致電說明原因',
    kind: 'final',
    rootCauseId: config.rootCause,
  });
  await call(org.agentA2, 'POST', `/cases/${id}/customer-decision`, { accepted: true, note: '客戶接受，謝謝主動說明' });
  await call(org.agentA2, 'POST', `/cases/${id}/transitions`, { action: 'resolve' });
  const closed = await call<CaseDto>(org.agentA2, 'POST', `/cases/${id}/transitions`, { action: 'close' });
  assert.equal(closed.status, 'closed');
  assert.equal(closed.owner.id, org.agentA2.id);
  assert.equal(closed.resolution?.rootCauseId, config.rootCause);
  assert.equal(closed.customerDecision?.accepted, true);

  // 5. The timeline tells every step, in order, with who did it.
  const view = await call<CaseDto>(org.supervisorA, 'GET', `/cases/${id}`);
  const steps = (view.timeline ?? []).map((e) => {
    const detail = e.type === 'case.status_changed' ? `:${String(e.data.to)}` : '';
    return `${e.type}${detail} by ${e.actorId ?? 'system'}`;
  });
  assert.deepEqual(steps, [
    `case.created by ${org.agentA.id}`,
    `case.call_logged by ${org.agentA.id}`,
    `case.status_changed:acknowledged by ${org.agentA.id}`,
    `case.task_created by ${org.agentA.id}`,
    `case.status_changed:waiting_on_internal by ${org.agentA.id}`,
    `case.task_answered by ${org.warehouseMember.id}`,
    `case.status_changed:investigating by ${org.warehouseMember.id}`,
    `case.handed_off by ${org.agentA.id}`,
    `case.resolution_recorded by ${org.agentA2.id}`,
    `case.status_changed:resolution_proposed by ${org.agentA2.id}`,
    `case.customer_decision_recorded by ${org.agentA2.id}`,
    `case.status_changed:resolved by ${org.agentA2.id}`,
    `case.status_changed:closed by ${org.agentA2.id}`,
  ]);
  assert.ok(
    view.timeline?.every((e) => e.actorName),
    'every step names its actor',
  );
  const seqs = view.timeline?.map((e) => e.seq) ?? [];
  assert.deepEqual(
    seqs,
    [...seqs].sort((a, b) => a - b),
  );
  assert.equal(
    view.timeline?.find((e) => e.type === 'case.handed_off')?.data.summary,
    '客戶芒果全爛，倉庫確認冷藏車故障。客戶要退款，15:00 前需回電。',
  );
  const names = view.keyPeople?.map((p) => [p.role, p.userId]);
  assert.deepEqual(names, [['first_handler', org.agentA.id]]);

  // 6. Fifty complaints at once still get fifty distinct references.
  const burst = await Promise.all(
    Array.from({ length: 50 }, (_, i) =>
      openCaseAs(t, org.agentA, {
        customer: { name: `王磊 ${i % 5}`, email: `wang${i % 5}@example.cn`, language: 'zh-CN' },
        channel: 'api',
        description: complaintFixtures.refund.description,
      }),
    ),
  );
  assert.equal(new Set(burst.map((c) => c.ref)).size, 50);
  assert.equal(new Set(burst.map((c) => c.customer.id)).size, 5, 'repeating customers are matched, not duplicated');
};

scenarioOnBothBackends('scenario: a phone complaint from a known customer, end to end', scenario);
