import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type {
  CommitmentChangeDto,
  CommitmentCheckDto,
  CommitmentDraftDto,
  CommitmentDto,
  CommitmentList,
  CommitmentStats,
  TaskDto,
} from '@redress/contract';
import { complaintFixtures, openCaseAs, type OrgUser } from '../../../test/factories/cases.ts';
import { commitmentsHarness, DUE, LATER } from './commitments.routes.harness.ts';

describe('commitments over HTTP', () => {
  const { h, post, get, errorOf, timeline, caseWithMessage, askWarehouse } = commitmentsHarness();
  test('a promise is checked, made (on the timeline), listed and kept on time', async () => {
    const { c, messageEventId } = await caseWithMessage();
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE, messageEventId };
    const checked = await post(h.org.agentA, `/cases/${c.id}/commitments/check`, body);
    assert.equal(checked.statusCode, 200, checked.body);
    assert.deepEqual(checked.json<CommitmentCheckDto>().flags, []);
    assert.equal((await get(h.org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items.length, 0);

    const made = await post(h.org.agentA, `/cases/${c.id}/commitments`, body);
    assert.equal(made.statusCode, 201, made.body);
    const commitment = made.json<CommitmentDto>();
    assert.match(commitment.id, /^cmt_/);
    assert.equal(commitment.status, 'open');
    assert.equal(commitment.promisedTo, '陳美玲');
    assert.equal(commitment.madeBy, h.org.agentA.id);
    assert.equal(commitment.messageEventId, messageEventId);
    assert.equal(commitment.dueAt, DUE);

    const event = (await timeline(c.id)).find((e) => e.type === 'commitment.made');
    assert.equal(event?.data.commitmentId, commitment.id);
    assert.equal(event?.actorId, h.org.agentA.id);

    const listed = (await get(h.org.supervisorA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items;
    assert.deepEqual(
      listed.map((x) => x.id),
      [commitment.id],
    );

    const kept = await post(h.org.agentA, `/commitments/${commitment.id}/keep`, {});
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal(kept.json<CommitmentDto>().status, 'kept');
    assert.equal(kept.json<CommitmentDto>().keptOnTime, true);
    const again = await post(h.org.agentA, `/commitments/${commitment.id}/keep`, {});
    assert.equal(again.statusCode, 409);
    const keptEvent = (await timeline(c.id)).find((e) => e.type === 'commitment.kept');
    assert.equal(keptEvent?.data.onTime, true);
  });

  test('hostile input: other sites and cases are not found, huge or malformed bodies are 400', async () => {
    const { c } = await caseWithMessage();
    const other = await caseWithMessage('refund');
    const otherTask = await askWarehouse(other.c.id, LATER);
    const siteB = await openCaseAs(h.t, h.org.agentB, complaintFixtures.parcel);
    const siteBTask = await post(h.org.agentB, `/cases/${siteB.id}/tasks`, {
      userId: h.org.agentB.id,
      question: 'where is the parcel?',
      dueAt: LATER,
    });
    assert.equal(siteBTask.statusCode, 201, siteBTask.body);

    for (const taskId of [otherTask.id, siteBTask.json<TaskDto>().id, 'task_01ARZ3NDEKTSV4RRFFQ69G5FAV']) {
      const response = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
        text: 'x',
        dueAt: DUE,
        dependsOn: [taskId],
      });
      assert.equal(response.statusCode, 404, `${taskId}: ${response.body}`);
      assert.equal(errorOf(response.body).details?.[0]?.field, '/body/dependsOn/0');
    }
    const foreignMessage = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      messageEventId: other.messageEventId,
    });
    assert.equal(foreignMessage.statusCode, 404);
    const noSuchPerson = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      keyPersonId: 'kp_01ARZ3NDEKTSV4RRFFQ69G5FAV',
    });
    assert.equal(noSuchPerson.statusCode, 404);

    const huge = await post(h.org.agentA, `/cases/${c.id}/commitments`, { text: 'x'.repeat(2001), dueAt: DUE });
    assert.equal(huge.statusCode, 400);
    assert.equal(errorOf(huge.body).details?.[0]?.field, '/body/text');
    const manyTasks = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      dependsOn: Array.from({ length: 21 }, (_, i) => `task_${i}`),
    });
    assert.equal(manyTasks.statusCode, 400);
    const badTime = await post(h.org.agentA, `/cases/${c.id}/commitments`, { text: 'x', dueAt: 'tomorrow' });
    assert.equal(badTime.statusCode, 400);
    const hugeAmount = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      remedy: { kind: 'money', amount: 1e16, currency: 'TWD' },
    });
    assert.equal(hugeAmount.statusCode, 400);
    const blank = await post(h.org.agentA, `/cases/${c.id}/commitments`, { text: '   ', dueAt: DUE });
    assert.equal(blank.statusCode, 400);
    assert.equal(errorOf(blank.body).details?.[0]?.field, '/body/text');
  });

  test('scope: another site is not found; a department member cannot promise; a colleague is not the owner', async () => {
    const { c } = await caseWithMessage();
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE };
    for (const url of [`/cases/${c.id}/commitments`, `/cases/${c.id}/commitments/check`]) {
      const response = await post(h.org.agentB, url, body);
      assert.equal(response.statusCode, 404, response.body);
    }
    assert.equal((await get(h.org.agentB, `/cases/${c.id}/commitments`)).statusCode, 404);

    await askWarehouse(c.id, LATER); // the warehouse now sees the case, but may not promise on it
    assert.equal((await get(h.org.warehouseMember, `/cases/${c.id}/commitments`)).statusCode, 200);
    assert.equal((await post(h.org.warehouseMember, `/cases/${c.id}/commitments`, body)).statusCode, 404);

    const colleague = await post(h.org.agentA2, `/cases/${c.id}/commitments`, body);
    assert.equal(colleague.statusCode, 422);
    assert.equal(errorOf(colleague.body).code, 'rule_violated');

    const made = (await post(h.org.supervisorA, `/cases/${c.id}/commitments`, body)).json<CommitmentDto>();
    assert.equal(made.madeBy, h.org.supervisorA.id, 'a supervisor may promise on the case');
    for (const action of ['keep', 'break']) {
      const byOtherSite = await post(h.org.agentB, `/commitments/${made.id}/${action}`, { reason: 'x' });
      assert.equal(byOtherSite.statusCode, 404, byOtherSite.body);
    }
    assert.equal((await get(h.org.agentB, `/commitments/${made.id}/draft`)).statusCode, 404);
    assert.equal((await post(h.org.agentA2, `/commitments/${made.id}/keep`, {})).statusCode, 422);
    assert.equal((await post(h.org.agentA, `/commitments/cmt_01ARZ3NDEKTSV4RRFFQ69G5FAV/keep`, {})).statusCode, 404);
  });

  test('an Idempotency-Key makes a retried promise one promise', async () => {
    const { c } = await caseWithMessage();
    const body = { text: 'call back at 3 pm', dueAt: DUE };
    const key = { 'idempotency-key': 'cmt-retry-0001' };
    const first = await post(h.org.agentA, `/cases/${c.id}/commitments`, body, key);
    const second = await post(h.org.agentA, `/cases/${c.id}/commitments`, body, key);
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.json<CommitmentDto>().id, first.json<CommitmentDto>().id);
    assert.equal((await get(h.org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items.length, 1);
  });

  test('renegotiated before the due time, then broken honestly; the draft speaks the case language', async () => {
    const { c, messageEventId } = await caseWithMessage();
    const made = (
      await post(h.org.agentA, `/cases/${c.id}/commitments`, { text: '3/4 前寄出檢驗報告', dueAt: DUE })
    ).json<CommitmentDto>();

    const draft = await get(h.org.agentA, `/commitments/${made.id}/draft`);
    assert.equal(draft.statusCode, 200, draft.body);
    const zh = draft.json<CommitmentDraftDto>();
    assert.equal(zh.language, 'zh-TW');
    assert.equal(zh.timeZone, 'Asia/Taipei');
    assert.match(zh.text, /^陳美玲您好/);
    assert.match(zh.text, /還沒有完成/);
    const th = (await get(h.org.agentA, `/commitments/${made.id}/draft?language=th`)).json<CommitmentDraftDto>();
    assert.match(th.text, /ยังไม่เสร็จ/);
    assert.equal((await get(h.org.agentA, `/commitments/${made.id}/draft?language=fr`)).statusCode, 400);

    const noReason = await post(h.org.agentA, `/commitments/${made.id}/renegotiate`, { dueAt: LATER });
    assert.equal(noReason.statusCode, 400);
    const changed = await post(h.org.agentA, `/commitments/${made.id}/renegotiate`, {
      dueAt: LATER,
      reason: '主管還在審核報告',
      messageEventId,
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const { commitment, successor } = changed.json<CommitmentChangeDto>();
    assert.equal(commitment.status, 'renegotiated');
    assert.equal(commitment.renegotiatedToId, successor?.id);
    assert.equal(successor?.renegotiatedFromId, made.id);
    assert.equal(successor?.dueAt, LATER);
    const event = (await timeline(c.id)).find((e) => e.type === 'commitment.renegotiated');
    assert.equal(event?.data.newCommitmentId, successor?.id);
    assert.equal(event?.data.reason, '主管還在審核報告');
    assert.equal(
      (await post(h.org.agentA, `/commitments/${made.id}/renegotiate`, { dueAt: LATER, reason: 'x' })).statusCode,
      409,
    );

    const broken = await post(h.org.agentA, `/commitments/${successor?.id ?? ''}/break`, {
      reason: '檢驗機構退件，需要重做',
    });
    assert.equal(broken.statusCode, 200, broken.body);
    assert.equal(broken.json<CommitmentDto>().status, 'broken');
  });

  test('kept-on-time figures per agent, team and site, narrowed to the viewer', async () => {
    const stats = async (as: OrgUser, query: string) => {
      const response = await get(as, `/commitments/stats?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<CommitmentStats>();
    };
    const siteB = await openCaseAs(h.t, h.org.agentB, complaintFixtures.parcel);
    const bangkok = await post(h.org.agentB, `/cases/${siteB.id}/commitments`, { text: 'โทรกลับภายในพรุ่งนี้', dueAt: DUE });
    assert.equal(bangkok.statusCode, 201, bangkok.body);
    await post(h.org.agentB, `/commitments/${bangkok.json<CommitmentDto>().id}/keep`, {});

    const bySite = await stats(h.org.analyst, 'groupBy=site');
    const b = bySite.rows.find((row) => row.key === h.org.siteB);
    assert.deepEqual(
      { made: b?.made, keptOnTime: b?.keptOnTime, rate: b?.rate, name: b?.name },
      { made: 1, keptOnTime: 1, rate: 1, name: 'Bangkok Silom' },
    );
    const a = bySite.rows.find((row) => row.key === h.org.siteA);
    assert.ok(a && a.made >= 1);
    assert.equal(a.made, a.open + a.keptOnTime + a.keptLate + a.broken + a.renegotiated);

    const supervisorView = await stats(h.org.supervisorA, 'groupBy=site');
    assert.deepEqual(
      supervisorView.rows.map((row) => row.key),
      [h.org.siteA],
      "a site's supervisor sees only their site",
    );
    const byAgent = await stats(h.org.supervisorA, 'groupBy=agent');
    assert.ok(byAgent.rows.some((row) => row.key === h.org.agentA.id));
    assert.ok(!byAgent.rows.some((row) => row.key === h.org.agentB.id));
    const byTeam = await stats(h.org.analyst, 'groupBy=team');
    assert.ok(byTeam.rows.some((row) => row.key === h.org.frontlineA && row.name === 'Frontline TPE'));

    const future = await stats(h.org.analyst, 'groupBy=site&from=2030-01-01T00:00:00Z');
    assert.deepEqual(future.rows, []);
    assert.equal(
      (await get(h.org.agentA, '/commitments/stats?groupBy=site')).statusCode,
      404,
      'agents hold no oversight',
    );
    assert.equal((await get(h.org.analyst, '/commitments/stats?groupBy=planet')).statusCode, 400);
    const backwards = await get(
      h.org.analyst,
      '/commitments/stats?groupBy=site&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    assert.equal(backwards.statusCode, 400);
  });
});
