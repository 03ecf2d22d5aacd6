import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CommitmentChangeDto, CommitmentCheckDto, CommitmentDto, CommitmentList } from '@redress/contract';
import { newId } from '../../shared/ids.ts';
import { DEFAULT_LADDER } from '../escalation/index.ts';
import { complaintFixtures, openCaseAs } from '../../../test/factories/cases.ts';
import { commitmentsHarness, DUE, LATER, PAST } from './commitments.routes.harness.ts';

describe('the over-promise guard over HTTP', () => {
  const { h, post, get, errorOf, timeline, caseWithMessage, askWarehouse } = commitmentsHarness();
  test('depends_on_later_task: refused until acknowledged; the acknowledged flag is kept and shown', async () => {
    const { c } = await caseWithMessage();
    const task = await askWarehouse(c.id, LATER);
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE, dependsOn: [task.id] };

    const flags = (await post(h.org.agentA, `/cases/${c.id}/commitments/check`, body)).json<CommitmentCheckDto>().flags;
    assert.deepEqual(
      flags.map((f) => f.code),
      ['depends_on_later_task'],
    );
    assert.equal(flags[0]?.taskId, task.id);
    assert.equal(flags[0]?.limitAt, LATER);

    const refused = await post(h.org.agentA, `/cases/${c.id}/commitments`, body);
    assert.equal(refused.statusCode, 422, refused.body);
    const error = errorOf(refused.body);
    assert.equal(error.code, 'rule_violated');
    assert.deepEqual(
      error.details?.map((d) => d.field),
      ['/flags/depends_on_later_task'],
    );
    assert.equal((await get(h.org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items.length, 0);

    const made = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      ...body,
      acknowledgeFlags: ['depends_on_later_task'],
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json<CommitmentDto>().flags, ['depends_on_later_task']);
    assert.deepEqual(made.json<CommitmentDto>().dependsOn, [task.id]);
    const event = (await timeline(c.id)).find((e) => e.type === 'commitment.made');
    assert.deepEqual(event?.data.flags, ['depends_on_later_task']);

    // Once the warehouse has answered, the same promise raises nothing.
    const answered = await post(h.org.warehouseMember, `/tasks/${task.id}/answer`, { answer: '已審完' });
    assert.equal(answered.statusCode, 200, answered.body);
    const recheck = await post(h.org.agentA, `/cases/${c.id}/commitments/check`, body);
    assert.deepEqual(recheck.json<CommitmentCheckDto>().flags, []);
  });

  test('in_the_past and after_case_deadline; acknowledging only some flags is still refused', async () => {
    const { c } = await caseWithMessage();
    const past = await post(h.org.agentA, `/cases/${c.id}/commitments/check`, { text: 'call back', dueAt: PAST });
    assert.deepEqual(
      past.json<CommitmentCheckDto>().flags.map((f) => f.code),
      ['in_the_past'],
    );

    // The case's regulatory clock falls due before the promise would.
    const regulatoryDue = '2026-03-03T09:00:00.000Z';
    await h.t.deps.db.write(async (tx) => {
      await tx
        .insertInto('service_clocks')
        .values({
          id: newId('clk', h.t.clock.now()),
          case_id: c.id,
          key: 'regulatory',
          kind: 'regulatory',
          subject_id: null,
          started_at: h.t.clock.now().toISOString(),
          due_at: regulatoryDue,
          warn_percents: JSON.stringify([80]),
          state: 'running',
          created_at: h.t.clock.now().toISOString(),
          updated_at: h.t.clock.now().toISOString(),
        })
        .execute();
    });
    const body = { text: '3/4 前寄出檢驗報告', dueAt: DUE };
    const flags = (await post(h.org.agentA, `/cases/${c.id}/commitments/check`, body)).json<CommitmentCheckDto>().flags;
    assert.deepEqual(
      flags.map((f) => f.code),
      ['after_case_deadline'],
    );
    assert.equal(flags[0]?.limitAt, regulatoryDue);

    const both = { text: 'late and past', dueAt: PAST, acknowledgeFlags: ['after_case_deadline'] };
    const partly = await post(h.org.agentA, `/cases/${c.id}/commitments`, both);
    assert.equal(partly.statusCode, 422);
    assert.deepEqual(
      errorOf(partly.body).details?.map((d) => d.field),
      ['/flags/in_the_past'],
      'only the flag left unacknowledged is listed',
    );
    const dueInTime = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      ...body,
      dueAt: '2026-03-03T08:00:00.000Z',
    });
    assert.equal(dueInTime.statusCode, 201, dueInTime.body);
  });

  test("outside_working_hours: judged by the calendar of the case's service policy", async () => {
    const { c } = await caseWithMessage();
    const body = { text: '週六前回電', dueAt: '2026-03-07T03:00:00.000Z' }; // Saturday 11:00 in Taipei
    const check = async (dueAt: string) =>
      (await post(h.org.agentA, `/cases/${c.id}/commitments/check`, { ...body, dueAt }))
        .json<CommitmentCheckDto>()
        .flags.map((f) => f.code);
    assert.deepEqual(await check(body.dueAt), [], 'no policy calendar: not judged');

    const at = h.t.clock.now().toISOString();
    const day = [[540, 1080]];
    await h.t.deps.db.write(async (tx) => {
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
    const refused = await post(h.org.agentA, `/cases/${c.id}/commitments`, body);
    assert.equal(refused.statusCode, 422);
    const made = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      ...body,
      acknowledgeFlags: ['outside_working_hours'],
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json<CommitmentDto>().flags, ['outside_working_hours']);
  });

  test("beyond_authority: the remedy is judged against the promiser's ladder level", async () => {
    await h.t.deps.db.write(async (tx) => {
      const at = h.t.clock.now().toISOString();
      for (const level of DEFAULT_LADDER) {
        await tx
          .insertInto('escalation_levels')
          .values({
            id: newId('lvl', h.t.clock.now()),
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
        await post(h.org.agentA, `/cases/${c.id}/commitments/check`, refund)
      ).json<CommitmentCheckDto>();
      assert.deepEqual(
        agentFlags.flags.map((f) => f.code),
        ['beyond_authority'],
      );
      assert.match(agentFlags.flags[0]?.message ?? '', /Front line/);
      const supervisorFlags = await post(h.org.supervisorA, `/cases/${c.id}/commitments/check`, refund);
      assert.deepEqual(supervisorFlags.json<CommitmentCheckDto>().flags, [], 'a supervisor may approve it');

      const voucher = { text: '禮券 NT$500', dueAt: DUE, remedy: { kind: 'voucher', amount: 50_000, currency: 'TWD' } };
      const made = await post(h.org.agentA, `/cases/${c.id}/commitments`, voucher);
      assert.equal(made.statusCode, 201, made.body);
      assert.deepEqual(made.json<CommitmentDto>().remedy, { kind: 'voucher', amount: 50_000, currency: 'TWD' });
      const otherCurrency = await post(h.org.agentA, `/cases/${c.id}/commitments/check`, {
        ...voucher,
        remedy: { kind: 'voucher', amount: 500, currency: 'USD' },
      });
      assert.deepEqual(
        otherCurrency.json<CommitmentCheckDto>().flags.map((f) => f.code),
        ['beyond_authority'],
      );
      const noCurrency = await post(h.org.agentA, `/cases/${c.id}/commitments/check`, {
        ...voucher,
        remedy: { kind: 'voucher', amount: 500 },
      });
      assert.equal(noCurrency.statusCode, 400);
      assert.equal(errorOf(noCurrency.body).details?.[0]?.field, '/body/remedy/currency');
    } finally {
      await h.t.deps.db.write((tx) => tx.deleteFrom('escalation_levels').execute());
    }
  });

  test('a renegotiated promise passes the guard like a new one; its acknowledged flags are kept', async () => {
    const { c } = await caseWithMessage();
    const task = await askWarehouse(c.id, '2026-03-06T09:00:00.000Z');
    const made = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      text: '3/4 前寄出檢驗報告',
      dueAt: DUE,
      dependsOn: [task.id],
      acknowledgeFlags: ['depends_on_later_task'],
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json<CommitmentDto>().id;

    // The new time is still before the warehouse is due: refused, exactly as making it would be.
    const refused = await post(h.org.agentA, `/commitments/${id}/renegotiate`, { dueAt: LATER, reason: '主管還在審' });
    assert.equal(refused.statusCode, 422, refused.body);
    const error = errorOf(refused.body);
    assert.equal(error.code, 'rule_violated');
    assert.deepEqual(
      error.details?.map((d) => d.field),
      ['/flags/depends_on_later_task'],
    );
    const far = await post(h.org.agentA, `/commitments/${id}/renegotiate`, {
      dueAt: '9999-12-31T09:00:00.000Z',
      reason: '主管還在審',
      acknowledgeFlags: ['depends_on_later_task'],
    });
    assert.equal(far.statusCode, 422, far.body);
    assert.ok(errorOf(far.body).details?.some((d) => d.field === '/flags/too_far'));
    // Nothing changed while refused.
    const listed = (await get(h.org.agentA, `/cases/${c.id}/commitments`)).json<CommitmentList>().items;
    assert.deepEqual(
      listed.map((x) => x.status),
      ['open'],
    );
    // A past time is still a plain 400, not a flag to acknowledge.
    const past = await post(h.org.agentA, `/commitments/${id}/renegotiate`, {
      dueAt: PAST,
      reason: 'x',
      acknowledgeFlags: ['in_the_past'],
    });
    assert.equal(past.statusCode, 400, past.body);

    const changed = await post(h.org.agentA, `/commitments/${id}/renegotiate`, {
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
    const c = await openCaseAs(h.t, h.org.agentA, complaintFixtures.mango);
    const check = async (dueAt: string) =>
      (await post(h.org.agentA, `/cases/${c.id}/commitments/check`, { text: '寄出報告', dueAt }))
        .json<CommitmentCheckDto>()
        .flags.map((f) => f.code);
    assert.deepEqual(await check('9999-12-31T09:00:00.000Z'), ['too_far']);
    assert.deepEqual(await check('2027-03-03T09:00:00.000Z'), ['too_far'], 'a year and a day');
    assert.deepEqual(await check('2027-03-01T09:00:00.000Z'), [], 'just under a year');
    const refused = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      text: '寄出報告',
      dueAt: '9999-12-31T09:00:00Z',
    });
    assert.equal(refused.statusCode, 422, refused.body);
    const made = await post(h.org.agentA, `/cases/${c.id}/commitments`, {
      text: '保固期內免費維修',
      dueAt: '2027-06-01T09:00:00.000Z',
      acknowledgeFlags: ['too_far'],
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.deepEqual(made.json<CommitmentDto>().flags, ['too_far']);
  });
});
