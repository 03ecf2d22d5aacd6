import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  CaseDto,
  CommitmentChangeDto,
  CommitmentCheckDto,
  CommitmentDraftDto,
  CommitmentDto,
  CommitmentList,
  CommitmentStats,
  TaskDto,
} from '@redress/contract';
import { newId } from '../../shared/ids.ts';
import { DEFAULT_LADDER } from '../escalation/index.ts';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';

interface ErrorJson {
  error: { code: string; details?: { field?: string; message: string }[] };
}

// The test clock stands at 2026-03-02T09:00Z (17:00 in Taipei, a Monday).
const DUE = '2026-03-04T09:00:00.000Z';
const LATER = '2026-03-05T09:00:00.000Z';
const PAST = '2026-03-01T09:00:00.000Z';

describe('commitments over HTTP', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

  const post = (as: OrgUser, url: string, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: { ...as.headers, ...headers }, payload });
  const get = (as: OrgUser, url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: as.headers });
  const errorOf = (body: string) => (JSON.parse(body) as ErrorJson).error;
  const timeline = async (caseId: string) => (await get(org.admin, `/cases/${caseId}`)).json<CaseDto>().timeline ?? [];

  /** A case owned by agent A with one recorded inbound message; returns the case and the message event id. */
  const caseWithMessage = async (fixture: keyof typeof complaintFixtures = 'mango') => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures[fixture]);
    const recorded = await post(org.agentA, `/cases/${c.id}/messages`, {
      direction: 'outbound',
      channel: 'phone',
      body: '我們會在 3/4 前把檢驗報告寄給您',
    });
    assert.equal(recorded.statusCode, 200, recorded.body);
    const message = (await timeline(c.id)).find((e) => e.type === 'case.message_recorded');
    assert.ok(message);
    return { c, messageEventId: message.id };
  };

  const askWarehouse = async (caseId: string, dueAt: string): Promise<TaskDto> => {
    const response = await post(org.agentA, `/cases/${caseId}/tasks`, {
      teamId: org.warehouse,
      question: '檢驗報告主管審完了嗎？',
      dueAt,
    });
    assert.equal(response.statusCode, 201, response.body);
    return response.json<TaskDto>();
  };

  test('a promise is checked, made (on the timeline), listed and kept on time', async () => {
    const { c, messageEventId } = await caseWithMessage();
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE, messageEventId };
    const checked = await post(org.agentA, `/cases/${c.id}/commitments/check`, body);
    assert.equal(checked.statusCode, 200, checked.body);
    assert.deepEqual(checked.json<CommitmentCheckDto>().flags, []);
    assert.equal((await get(org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items.length, 0);

    const made = await post(org.agentA, `/cases/${c.id}/commitments`, body);
    assert.equal(made.statusCode, 201, made.body);
    const commitment = made.json<CommitmentDto>();
    assert.match(commitment.id, /^cmt_/);
    assert.equal(commitment.status, 'open');
    assert.equal(commitment.promisedTo, '陳美玲');
    assert.equal(commitment.madeBy, org.agentA.id);
    assert.equal(commitment.messageEventId, messageEventId);
    assert.equal(commitment.dueAt, DUE);

    const event = (await timeline(c.id)).find((e) => e.type === 'commitment.made');
    assert.equal(event?.data.commitmentId, commitment.id);
    assert.equal(event?.actorId, org.agentA.id);

    const listed = (await get(org.supervisorA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items;
    assert.deepEqual(
      listed.map((x) => x.id),
      [commitment.id],
    );

    const kept = await post(org.agentA, `/commitments/${commitment.id}/keep`, {});
    assert.equal(kept.statusCode, 200, kept.body);
    assert.equal(kept.json<CommitmentDto>().status, 'kept');
    assert.equal(kept.json<CommitmentDto>().keptOnTime, true);
    const again = await post(org.agentA, `/commitments/${commitment.id}/keep`, {});
    assert.equal(again.statusCode, 409);
    const keptEvent = (await timeline(c.id)).find((e) => e.type === 'commitment.kept');
    assert.equal(keptEvent?.data.onTime, true);
  });

  test('depends_on_later_task: refused until acknowledged; the acknowledged flag is kept and shown', async () => {
    const { c } = await caseWithMessage();
    const task = await askWarehouse(c.id, LATER);
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE, dependsOn: [task.id] };

    const flags = (await post(org.agentA, `/cases/${c.id}/commitments/check`, body)).json<CommitmentCheckDto>().flags;
    assert.deepEqual(
      flags.map((f) => f.code),
      ['depends_on_later_task'],
    );
    assert.equal(flags[0]?.taskId, task.id);
    assert.equal(flags[0]?.limitAt, LATER);

    const refused = await post(org.agentA, `/cases/${c.id}/commitments`, body);
    assert.equal(refused.statusCode, 422, refused.body);
    const error = errorOf(refused.body);
    assert.equal(error.code, 'rule_violated');
    assert.deepEqual(
      error.details?.map((d) => d.field),
      ['/flags/depends_on_later_task'],
    );
    assert.equal((await get(org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items.length, 0);

    const made = await post(org.agentA, `/cases/${c.id}/commitments`, {
      ...body,
      acknowledgeFlags: ['depends_on_later_task'],
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json<CommitmentDto>().flags, ['depends_on_later_task']);
    assert.deepEqual(made.json<CommitmentDto>().dependsOn, [task.id]);
    const event = (await timeline(c.id)).find((e) => e.type === 'commitment.made');
    assert.deepEqual(event?.data.flags, ['depends_on_later_task']);

    // Once the warehouse has answered, the same promise raises nothing.
    const answered = await post(org.warehouseMember, `/tasks/${task.id}/answer`, { answer: '已審完' });
    assert.equal(answered.statusCode, 200, answered.body);
    const recheck = await post(org.agentA, `/cases/${c.id}/commitments/check`, body);
    assert.deepEqual(recheck.json<CommitmentCheckDto>().flags, []);
  });

  test('in_the_past and after_case_deadline; acknowledging only some flags is still refused', async () => {
    const { c } = await caseWithMessage();
    const past = await post(org.agentA, `/cases/${c.id}/commitments/check`, { text: 'call back', dueAt: PAST });
    assert.deepEqual(
      past.json<CommitmentCheckDto>().flags.map((f) => f.code),
      ['in_the_past'],
    );

    // The case's regulatory clock falls due before the promise would.
    const regulatoryDue = '2026-03-03T09:00:00.000Z';
    await t.deps.db.write(async (tx) => {
      await tx
        .insertInto('service_clocks')
        .values({
          id: newId('clk', t.clock.now()),
          case_id: c.id,
          key: 'regulatory',
          kind: 'regulatory',
          subject_id: null,
          started_at: t.clock.now().toISOString(),
          due_at: regulatoryDue,
          warn_percents: JSON.stringify([80]),
          state: 'running',
          created_at: t.clock.now().toISOString(),
          updated_at: t.clock.now().toISOString(),
        })
        .execute();
    });
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE };
    const flags = (await post(org.agentA, `/cases/${c.id}/commitments/check`, body)).json<CommitmentCheckDto>().flags;
    assert.deepEqual(
      flags.map((f) => f.code),
      ['after_case_deadline'],
    );
    assert.equal(flags[0]?.limitAt, regulatoryDue);

    const both = { text: 'late and past', dueAt: PAST, acknowledgeFlags: ['after_case_deadline'] };
    const partly = await post(org.agentA, `/cases/${c.id}/commitments`, both);
    assert.equal(partly.statusCode, 422);
    assert.deepEqual(
      errorOf(partly.body).details?.map((d) => d.field),
      ['/flags/in_the_past'],
      'only the flag left unacknowledged is listed',
    );
    const dueInTime = await post(org.agentA, `/cases/${c.id}/commitments`, {
      ...body,
      dueAt: '2026-03-03T08:00:00.000Z',
    });
    assert.equal(dueInTime.statusCode, 201, dueInTime.body);
  });

  test("outside_working_hours: judged by the calendar of the case's service policy", async () => {
    const { c } = await caseWithMessage();
    const body = { text: '週六前回電', dueAt: '2026-03-07T03:00:00.000Z' }; // Saturday 11:00 in Taipei
    const check = async (dueAt: string) =>
      (await post(org.agentA, `/cases/${c.id}/commitments/check`, { ...body, dueAt }))
        .json<CommitmentCheckDto>()
        .flags.map((f) => f.code);
    assert.deepEqual(await check(body.dueAt), [], 'no policy calendar: not judged');

    const at = t.clock.now().toISOString();
    const day = [[540, 1080]];
    await t.deps.db.write(async (tx) => {
      await tx
        .insertInto('calendars')
        .values({
          id: 'cal_promises_test',
          name: 'Taipei office',
          time_zone: 'Asia/Taipei',
          week: JSON.stringify([day, day, day, day, day, [], []]),
          preset: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await tx
        .insertInto('service_policies')
        .values({
          id: 'pol_promises_test',
          name: 'Office hours',
          rank: 99,
          conditions: JSON.stringify({ siteIds: ['site_none'] }),
          calendar_id: 'cal_promises_test',
          targets: JSON.stringify({ acknowledge: null, firstResponse: null, keepInLoop: null, resolve: null }),
          regulatory: null,
          pause_statuses: JSON.stringify([]),
          warn_percents: JSON.stringify([80]),
          preset: null,
          enabled: false,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await tx.updateTable('cases').set({ policy_id: 'pol_promises_test' }).where('id', '=', c.id).execute();
    });
    assert.deepEqual(await check(body.dueAt), ['outside_working_hours']);
    assert.deepEqual(await check('2026-03-04T09:00:00.000Z'), [], 'Wednesday 17:00 in Taipei');
    const refused = await post(org.agentA, `/cases/${c.id}/commitments`, body);
    assert.equal(refused.statusCode, 422);
    const made = await post(org.agentA, `/cases/${c.id}/commitments`, {
      ...body,
      acknowledgeFlags: ['outside_working_hours'],
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json<CommitmentDto>().flags, ['outside_working_hours']);
  });

  test("beyond_authority: the remedy is judged against the promiser's ladder level", async () => {
    await t.deps.db.write(async (tx) => {
      const at = t.clock.now().toISOString();
      for (const level of DEFAULT_LADDER) {
        await tx
          .insertInto('escalation_levels')
          .values({
            id: newId('lvl', t.clock.now()),
            rank: level.rank,
            names: JSON.stringify(level.names),
            roles: JSON.stringify(level.roles),
            team_id: null,
            max_compensation: level.maxCompensation,
            currency: level.currency,
            remedies: JSON.stringify(level.remedies),
            response_minutes: level.responseMinutes,
            created_at: at,
            updated_at: at,
          })
          .execute();
      }
    });
    try {
      const { c } = await caseWithMessage();
      const refund = {
        text: '退款 NT$3,000',
        dueAt: DUE,
        remedy: { kind: 'refund', amount: 300_000, currency: 'TWD' },
      };
      const agentFlags = (
        await post(org.agentA, `/cases/${c.id}/commitments/check`, refund)
      ).json<CommitmentCheckDto>();
      assert.deepEqual(
        agentFlags.flags.map((f) => f.code),
        ['beyond_authority'],
      );
      assert.match(agentFlags.flags[0]?.message ?? '', /Front line/);
      const supervisorFlags = await post(org.supervisorA, `/cases/${c.id}/commitments/check`, refund);
      assert.deepEqual(supervisorFlags.json<CommitmentCheckDto>().flags, [], 'a supervisor may approve it');

      const voucher = { text: '禮券 NT$500', dueAt: DUE, remedy: { kind: 'voucher', amount: 50_000, currency: 'TWD' } };
      const made = await post(org.agentA, `/cases/${c.id}/commitments`, voucher);
      assert.equal(made.statusCode, 201, made.body);
      assert.deepEqual(made.json<CommitmentDto>().remedy, { kind: 'voucher', amount: 50_000, currency: 'TWD' });
      const otherCurrency = await post(org.agentA, `/cases/${c.id}/commitments/check`, {
        ...voucher,
        remedy: { kind: 'voucher', amount: 500, currency: 'USD' },
      });
      assert.deepEqual(
        otherCurrency.json<CommitmentCheckDto>().flags.map((f) => f.code),
        ['beyond_authority'],
      );
      const noCurrency = await post(org.agentA, `/cases/${c.id}/commitments/check`, {
        ...voucher,
        remedy: { kind: 'voucher', amount: 500 },
      });
      assert.equal(noCurrency.statusCode, 400);
      assert.equal(errorOf(noCurrency.body).details?.[0]?.field, '/body/remedy/currency');
    } finally {
      await t.deps.db.write((tx) => tx.deleteFrom('escalation_levels').execute());
    }
  });

  test('hostile input: other sites and cases are not found, huge or malformed bodies are 400', async () => {
    const { c } = await caseWithMessage();
    const other = await caseWithMessage('refund');
    const otherTask = await askWarehouse(other.c.id, LATER);
    const siteB = await openCaseAs(t, org.agentB, complaintFixtures.parcel);
    const siteBTask = await post(org.agentB, `/cases/${siteB.id}/tasks`, {
      userId: org.agentB.id,
      question: 'where is the parcel?',
      dueAt: LATER,
    });
    assert.equal(siteBTask.statusCode, 201, siteBTask.body);

    for (const taskId of [otherTask.id, siteBTask.json<TaskDto>().id, 'task_01ARZ3NDEKTSV4RRFFQ69G5FAV']) {
      const response = await post(org.agentA, `/cases/${c.id}/commitments`, {
        text: 'x',
        dueAt: DUE,
        dependsOn: [taskId],
      });
      assert.equal(response.statusCode, 404, `${taskId}: ${response.body}`);
      assert.equal(errorOf(response.body).details?.[0]?.field, '/body/dependsOn/0');
    }
    const foreignMessage = await post(org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      messageEventId: other.messageEventId,
    });
    assert.equal(foreignMessage.statusCode, 404);
    const noSuchPerson = await post(org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      keyPersonId: 'kp_01ARZ3NDEKTSV4RRFFQ69G5FAV',
    });
    assert.equal(noSuchPerson.statusCode, 404);

    const huge = await post(org.agentA, `/cases/${c.id}/commitments`, { text: 'x'.repeat(2001), dueAt: DUE });
    assert.equal(huge.statusCode, 400);
    assert.equal(errorOf(huge.body).details?.[0]?.field, '/body/text');
    const manyTasks = await post(org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      dependsOn: Array.from({ length: 21 }, (_, i) => `task_${i}`),
    });
    assert.equal(manyTasks.statusCode, 400);
    const badTime = await post(org.agentA, `/cases/${c.id}/commitments`, { text: 'x', dueAt: 'tomorrow' });
    assert.equal(badTime.statusCode, 400);
    const hugeAmount = await post(org.agentA, `/cases/${c.id}/commitments`, {
      text: 'x',
      dueAt: DUE,
      remedy: { kind: 'money', amount: 1e16, currency: 'TWD' },
    });
    assert.equal(hugeAmount.statusCode, 400);
    const blank = await post(org.agentA, `/cases/${c.id}/commitments`, { text: '   ', dueAt: DUE });
    assert.equal(blank.statusCode, 400);
    assert.equal(errorOf(blank.body).details?.[0]?.field, '/body/text');
  });

  test('scope: another site is not found; a department member cannot promise; a colleague is not the owner', async () => {
    const { c } = await caseWithMessage();
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE };
    for (const url of [`/cases/${c.id}/commitments`, `/cases/${c.id}/commitments/check`]) {
      const response = await post(org.agentB, url, body);
      assert.equal(response.statusCode, 404, response.body);
    }
    assert.equal((await get(org.agentB, `/cases/${c.id}/commitments`)).statusCode, 404);

    await askWarehouse(c.id, LATER); // the warehouse now sees the case, but may not promise on it
    assert.equal((await get(org.warehouseMember, `/cases/${c.id}/commitments`)).statusCode, 200);
    assert.equal((await post(org.warehouseMember, `/cases/${c.id}/commitments`, body)).statusCode, 404);

    const colleague = await post(org.agentA2, `/cases/${c.id}/commitments`, body);
    assert.equal(colleague.statusCode, 422);
    assert.equal(errorOf(colleague.body).code, 'rule_violated');

    const made = (await post(org.supervisorA, `/cases/${c.id}/commitments`, body)).json<CommitmentDto>();
    assert.equal(made.madeBy, org.supervisorA.id, 'a supervisor may promise on the case');
    for (const action of ['keep', 'break']) {
      const byOtherSite = await post(org.agentB, `/commitments/${made.id}/${action}`, { reason: 'x' });
      assert.equal(byOtherSite.statusCode, 404, byOtherSite.body);
    }
    assert.equal((await get(org.agentB, `/commitments/${made.id}/draft`)).statusCode, 404);
    assert.equal((await post(org.agentA2, `/commitments/${made.id}/keep`, {})).statusCode, 422);
    assert.equal((await post(org.agentA, `/commitments/cmt_01ARZ3NDEKTSV4RRFFQ69G5FAV/keep`, {})).statusCode, 404);
  });

  test('an Idempotency-Key makes a retried promise one promise', async () => {
    const { c } = await caseWithMessage();
    const body = { text: 'call back at 3 pm', dueAt: DUE };
    const key = { 'idempotency-key': 'cmt-retry-0001' };
    const first = await post(org.agentA, `/cases/${c.id}/commitments`, body, key);
    const second = await post(org.agentA, `/cases/${c.id}/commitments`, body, key);
    assert.equal(first.statusCode, 201);
    assert.equal(second.statusCode, 201);
    assert.equal(second.json<CommitmentDto>().id, first.json<CommitmentDto>().id);
    assert.equal((await get(org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items.length, 1);
  });

  test('renegotiated before the due time, then broken honestly; the draft speaks the case language', async () => {
    const { c, messageEventId } = await caseWithMessage();
    const made = (
      await post(org.agentA, `/cases/${c.id}/commitments`, { text: '3/4 前寄出檢驗報告', dueAt: DUE })
    ).json<CommitmentDto>();

    const draft = await get(org.agentA, `/commitments/${made.id}/draft`);
    assert.equal(draft.statusCode, 200, draft.body);
    const zh = draft.json<CommitmentDraftDto>();
    assert.equal(zh.language, 'zh-TW');
    assert.equal(zh.timeZone, 'Asia/Taipei');
    assert.match(zh.text, /^陳美玲您好/);
    assert.match(zh.text, /還沒有完成/);
    const th = (await get(org.agentA, `/commitments/${made.id}/draft?language=th`)).json<CommitmentDraftDto>();
    assert.match(th.text, /ยังไม่เสร็จ/);
    assert.equal((await get(org.agentA, `/commitments/${made.id}/draft?language=fr`)).statusCode, 400);

    const noReason = await post(org.agentA, `/commitments/${made.id}/renegotiate`, { dueAt: LATER });
    assert.equal(noReason.statusCode, 400);
    const changed = await post(org.agentA, `/commitments/${made.id}/renegotiate`, {
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
      (await post(org.agentA, `/commitments/${made.id}/renegotiate`, { dueAt: LATER, reason: 'x' })).statusCode,
      409,
    );

    const broken = await post(org.agentA, `/commitments/${successor?.id ?? ''}/break`, {
      reason: '檢驗機構退件，需要重做',
    });
    assert.equal(broken.statusCode, 200, broken.body);
    assert.equal(broken.json<CommitmentDto>().status, 'broken');
  });

  test('a renegotiated promise passes the guard like a new one; its acknowledged flags are kept', async () => {
    const { c } = await caseWithMessage();
    const task = await askWarehouse(c.id, '2026-03-06T09:00:00.000Z');
    const made = await post(org.agentA, `/cases/${c.id}/commitments`, {
      text: '3/4 前寄出檢驗報告',
      dueAt: DUE,
      dependsOn: [task.id],
      acknowledgeFlags: ['depends_on_later_task'],
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json<CommitmentDto>().id;

    // The new time is still before the warehouse is due: refused, exactly as making it would be.
    const refused = await post(org.agentA, `/commitments/${id}/renegotiate`, { dueAt: LATER, reason: '主管還在審' });
    assert.equal(refused.statusCode, 422, refused.body);
    const error = errorOf(refused.body);
    assert.equal(error.code, 'rule_violated');
    assert.deepEqual(
      error.details?.map((d) => d.field),
      ['/flags/depends_on_later_task'],
    );
    const far = await post(org.agentA, `/commitments/${id}/renegotiate`, {
      dueAt: '9999-12-31T09:00:00.000Z',
      reason: '主管還在審',
      acknowledgeFlags: ['depends_on_later_task'],
    });
    assert.equal(far.statusCode, 422, far.body);
    assert.ok(errorOf(far.body).details?.some((d) => d.field === '/flags/too_far'));
    // Nothing changed while refused.
    const listed = (await get(org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items;
    assert.deepEqual(
      listed.map((x) => x.status),
      ['open'],
    );
    // A past time is still a plain 400, not a flag to acknowledge.
    const past = await post(org.agentA, `/commitments/${id}/renegotiate`, {
      dueAt: PAST,
      reason: 'x',
      acknowledgeFlags: ['in_the_past'],
    });
    assert.equal(past.statusCode, 400, past.body);

    const changed = await post(org.agentA, `/commitments/${id}/renegotiate`, {
      dueAt: LATER,
      reason: '主管還在審',
      acknowledgeFlags: ['depends_on_later_task'],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    const { successor } = changed.json<CommitmentChangeDto>();
    assert.deepEqual(successor?.flags, ['depends_on_later_task']);
    const event = (await timeline(c.id)).filter((e) => e.type === 'commitment.made').at(-1);
    assert.equal(event?.data.commitmentId, successor?.id);
    assert.deepEqual(event?.data.flags, ['depends_on_later_task']);
  });

  test('too_far: a due time over a year ahead is flagged even on a case without a policy', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const check = async (dueAt: string) =>
      (await post(org.agentA, `/cases/${c.id}/commitments/check`, { text: '寄出報告', dueAt }))
        .json<CommitmentCheckDto>()
        .flags.map((f) => f.code);
    assert.deepEqual(await check('9999-12-31T09:00:00.000Z'), ['too_far']);
    assert.deepEqual(await check('2027-03-03T09:00:00.000Z'), ['too_far'], 'a year and a day');
    assert.deepEqual(await check('2027-03-01T09:00:00.000Z'), [], 'just under a year');
    const refused = await post(org.agentA, `/cases/${c.id}/commitments`, {
      text: '寄出報告',
      dueAt: '9999-12-31T09:00:00Z',
    });
    assert.equal(refused.statusCode, 422, refused.body);
    const made = await post(org.agentA, `/cases/${c.id}/commitments`, {
      text: '保固期內免費維修',
      dueAt: '2027-06-01T09:00:00.000Z',
      acknowledgeFlags: ['too_far'],
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json<CommitmentDto>().flags, ['too_far']);
  });

  test('kept-on-time figures per agent, team and site, narrowed to the viewer', async () => {
    const stats = async (as: OrgUser, query: string) => {
      const response = await get(as, `/commitments/stats?${query}`);
      assert.equal(response.statusCode, 200, response.body);
      return response.json<CommitmentStats>();
    };
    const siteB = await openCaseAs(t, org.agentB, complaintFixtures.parcel);
    const bangkok = await post(org.agentB, `/cases/${siteB.id}/commitments`, { text: 'โทรกลับภายในพรุ่งนี้', dueAt: DUE });
    assert.equal(bangkok.statusCode, 201, bangkok.body);
    await post(org.agentB, `/commitments/${bangkok.json<CommitmentDto>().id}/keep`, {});

    const bySite = await stats(org.analyst, 'groupBy=site');
    const b = bySite.rows.find((row) => row.key === org.siteB);
    assert.deepEqual(
      { made: b?.made, keptOnTime: b?.keptOnTime, rate: b?.rate, name: b?.name },
      { made: 1, keptOnTime: 1, rate: 1, name: 'Bangkok Silom' },
    );
    const a = bySite.rows.find((row) => row.key === org.siteA);
    assert.ok(a && a.made >= 1);
    assert.equal(a.made, a.open + a.keptOnTime + a.keptLate + a.broken + a.renegotiated);

    const supervisorView = await stats(org.supervisorA, 'groupBy=site');
    assert.deepEqual(
      supervisorView.rows.map((row) => row.key),
      [org.siteA],
      "a site's supervisor sees only their site",
    );
    const byAgent = await stats(org.supervisorA, 'groupBy=agent');
    assert.ok(byAgent.rows.some((row) => row.key === org.agentA.id));
    assert.ok(!byAgent.rows.some((row) => row.key === org.agentB.id));
    const byTeam = await stats(org.analyst, 'groupBy=team');
    assert.ok(byTeam.rows.some((row) => row.key === org.frontlineA && row.name === 'Frontline TPE'));

    const future = await stats(org.analyst, 'groupBy=site&from=2030-01-01T00:00:00Z');
    assert.deepEqual(future.rows, []);
    assert.equal(
      (await get(org.agentA, '/commitments/stats?groupBy=site')).statusCode,
      404,
      'agents hold no oversight',
    );
    assert.equal((await get(org.analyst, '/commitments/stats?groupBy=planet')).statusCode, 400);
    const backwards = await get(
      org.analyst,
      '/commitments/stats?groupBy=site&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
    );
    assert.equal(backwards.statusCode, 400);
  });
});
