import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseDto, EscalationDto, EscalationListDto, LadderDto, TriggersDto } from '@redress/contract';
import { createJobRunner } from '../../jobs/index.ts';
import { createLogger } from '../../shared/logger.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';
import { DEFAULT_LADDER } from './ladder.ts';

interface ErrorJson {
  error: { code: string; details?: { field: string }[] };
}

describe('the escalation ladder over HTTP', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
    assert.equal(await t.deps.escalation.ensureDefaultLadder(systemContext('test')), true);
  });
  after(() => t.close());

  const send = (as: OrgUser, method: 'POST' | 'PUT' | 'GET', url: string, payload?: Record<string, unknown>) =>
    t.app.inject({ method, url: `/api/v1${url}`, headers: as.headers, ...(payload ? { payload } : {}) });
  const code = (body: string) => (JSON.parse(body) as ErrorJson).error.code;
  const field = (body: string) => (JSON.parse(body) as ErrorJson).error.details?.[0]?.field;
  const levels = () => DEFAULT_LADDER.map((level) => ({ ...level }));
  const runQueued = async (): Promise<number> => {
    const runner = createJobRunner({
      db: t.deps.db,
      registry: t.deps.jobs,
      clock: t.clock,
      logger: createLogger('silent'),
      workerId: 'escalation-test',
    });
    let total = 0;
    for (let ran = await runner.runOnce(); ran > 0; ran = await runner.runOnce()) total += ran;
    return total;
  };
  const history = async (caseId: string) => {
    const response = await send(org.admin, 'GET', `/cases/${caseId}/escalations`);
    assert.equal(response.statusCode, 200, response.body);
    return response.json<EscalationListDto>().items;
  };

  test('the default ladder is installed once; staff read it, only an administrator replaces it', async () => {
    assert.equal(await t.deps.escalation.ensureDefaultLadder(systemContext('test')), false);
    const read = await send(org.agentA, 'GET', '/escalation/levels');
    assert.equal(read.statusCode, 200, read.body);
    const ladder = read.json<LadderDto>().levels;
    assert.deepEqual(
      ladder.map((l) => [l.rank, l.roles]),
      [
        [0, ['agent']],
        [1, ['supervisor']],
        [2, ['manager']],
        [3, ['admin']],
      ],
    );
    assert.equal(ladder[1]?.names['zh-TW'], '主管');
    const triggers = await send(org.agentA, 'GET', '/escalation/triggers');
    // Surveys exist (the follow-ups module): a poor answer brings the supervisor by default.
    assert.ok(triggers.json<TriggersDto>().triggers.some((tr) => tr.kind === 'poor_survey' && tr.enabled));

    assert.equal((await send(org.supervisorA, 'PUT', '/escalation/levels', { levels: levels() })).statusCode, 404);
    assert.equal((await send(org.warehouseMember, 'GET', '/escalation/levels')).statusCode, 404);
    const replaced = await send(org.admin, 'PUT', '/escalation/levels', { levels: levels() });
    assert.equal(replaced.statusCode, 200, replaced.body);
    assert.notEqual(replaced.json<LadderDto>().levels[0]?.id, ladder[0]?.id);
  });

  test('a broken ladder is refused with the field that is wrong', async () => {
    const gap = levels().filter((l) => l.rank !== 1);
    const response = await send(org.admin, 'PUT', '/escalation/levels', { levels: gap });
    assert.equal(response.statusCode, 400, response.body);
    assert.equal(field(response.body), '/body/levels');

    const badRole = levels().map((l) => (l.rank === 2 ? { ...l, roles: ['overlord'] } : l));
    const role = await send(org.admin, 'PUT', '/escalation/levels', { levels: badRole });
    assert.equal(role.statusCode, 400);
    assert.equal(field(role.body), '/body/levels/2/roles/0');

    const lowerCase = levels().map((l) => (l.rank === 0 ? { ...l, currency: 'twd' } : l));
    assert.equal((await send(org.admin, 'PUT', '/escalation/levels', { levels: lowerCase })).statusCode, 400);
    const noTime = levels().map((l) => (l.rank === 0 ? { ...l, responseMinutes: 0 } : l));
    assert.equal((await send(org.admin, 'PUT', '/escalation/levels', { levels: noTime })).statusCode, 400);
    const huge = levels().map((l) => (l.rank === 0 ? { ...l, maxCompensation: 1e16 } : l));
    assert.equal((await send(org.admin, 'PUT', '/escalation/levels', { levels: huge })).statusCode, 400);
    const noCurrency = levels().map((l) => (l.rank === 0 ? { ...l, currency: null } : l));
    const currency = await send(org.admin, 'PUT', '/escalation/levels', { levels: noCurrency });
    assert.equal(field(currency.body), '/body/levels/0/currency');
  });

  test('triggers are validated against the ladder', async () => {
    const tooHigh = await send(org.admin, 'PUT', '/escalation/triggers', {
      triggers: [{ kind: 'reopen', enabled: true, settings: {}, toRank: 7 }],
    });
    assert.equal(tooHigh.statusCode, 400, tooHigh.body);
    assert.equal(field(tooHigh.body), '/body/triggers/0/toRank');
    const noSignals = await send(org.admin, 'PUT', '/escalation/triggers', {
      triggers: [{ kind: 'signal', enabled: true, settings: {}, toRank: null }],
    });
    assert.equal(field(noSignals.body), '/body/triggers/0/settings/signals');
    assert.equal((await send(org.agentA, 'PUT', '/escalation/triggers', { triggers: [] })).statusCode, 404);
  });

  test('an agent escalates in one action; the summary carries the case upward; the level acknowledges', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const raised = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'customer very upset' });
    assert.equal(raised.statusCode, 201, raised.body);
    const escalation = raised.json<EscalationDto>();
    assert.equal(escalation.fromRank, 0);
    assert.equal(escalation.toRank, 1);
    assert.equal(escalation.trigger, 'manual');
    assert.equal(escalation.summary.whatHappened.excerpt, '我三天前買的芒果全部爛了，你們是騙子');
    assert.equal(escalation.summary.customerWants.expectedRemedy, 'refund');
    assert.deepEqual(
      escalation.summary.customerWants.signals.map((s) => s.signal),
      ['insult'],
    );
    assert.equal(Object.hasOwn(escalation, 'blame'), false);

    const view = (await send(org.admin, 'GET', `/cases/${c.id}`)).json<CaseDto>();
    const event = view.timeline?.find((e) => e.type === 'case.escalated');
    assert.equal(event?.data.toRank, 1);
    const clocks = await send(org.admin, 'GET', `/cases/${c.id}/clocks`);
    assert.match(clocks.body, new RegExp(`escalation:${escalation.id}`));

    assert.equal((await send(org.agentB, 'POST', `/cases/${c.id}/escalations`, { reason: 'x' })).statusCode, 404);
    assert.equal((await send(org.agentB, 'GET', `/cases/${c.id}/escalations`)).statusCode, 404);
    assert.equal(
      (await send(org.warehouseMember, 'POST', `/cases/${c.id}/escalations`, { reason: 'x' })).statusCode,
      404,
    );

    const byAgent = await send(org.agentA, 'POST', `/escalations/${escalation.id}/acknowledge`);
    assert.equal(byAgent.statusCode, 422, byAgent.body);
    assert.equal((await send(org.agentB, 'POST', `/escalations/${escalation.id}/acknowledge`)).statusCode, 404);
    const taken = await send(org.supervisorA, 'POST', `/escalations/${escalation.id}/acknowledge`);
    assert.equal(taken.statusCode, 200, taken.body);
    assert.equal(taken.json<EscalationDto>().acknowledgedBy, org.supervisorA.id);
    const again = await send(org.supervisorA, 'POST', `/escalations/${escalation.id}/acknowledge`);
    assert.equal(again.statusCode, 422);
    const timeline = (await send(org.admin, 'GET', `/cases/${c.id}`)).json<CaseDto>().timeline ?? [];
    assert.ok(timeline.some((e) => e.type === 'escalation.acknowledged'));
  });

  test('no escalation past the top; de-escalation is decided at the case’s level and recorded', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    const past = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'PR', toRank: 9 });
    assert.equal(past.statusCode, 422, past.body);
    assert.equal(field(past.body), '/body/toRank');
    const top = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'press called', toRank: 3 });
    assert.equal(top.statusCode, 201, top.body);
    const more = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'more' });
    assert.equal(code(more.body), 'rule_violated');
    t.clock.advance(60_000);

    const bySupervisor = await send(org.supervisorA, 'POST', `/cases/${c.id}/de-escalations`, {
      reason: 'settled',
      toRank: 0,
    });
    assert.equal(bySupervisor.statusCode, 422, bySupervisor.body);
    const up = await send(org.admin, 'POST', `/cases/${c.id}/de-escalations`, { reason: 'settled', toRank: 3 });
    assert.equal(up.statusCode, 422);
    const down = await send(org.admin, 'POST', `/cases/${c.id}/de-escalations`, { reason: 'settled', toRank: 0 });
    assert.equal(down.statusCode, 201, down.body);
    assert.equal(down.json<EscalationDto>().direction, 'down');
    const items = await history(c.id);
    assert.deepEqual(
      items.map((e) => [e.direction, e.fromRank, e.toRank]),
      [
        ['up', 0, 3],
        ['down', 3, 0],
      ],
    );
    assert.deepEqual(items[1]?.summary.tried.escalations.length, 1, 'the summary lists what went before');
  });

  test('a blank reason and a hostile body are coded errors', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.window);
    assert.equal((await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: '   ' })).statusCode, 400);
    assert.equal(
      (await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'x', toRank: -1 })).statusCode,
      400,
    );
    assert.equal(
      (await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'x', blame: 'agent' })).statusCode,
      400,
    );
    assert.equal((await send(org.agentA, 'POST', '/escalations/esc_nope/acknowledge')).statusCode, 404);
  });

  test('the customer’s words climb the case to the supervisor once, however often the job runs', async () => {
    const c = await openCaseAs(t, org.agentA, {
      customer: { name: '林志明', phone: '0922-111-222', language: 'zh-TW' },
      channel: 'phone',
      description: '冷氣機壞了，師傅一直沒來',
      expectedRemedy: 'repair',
    });
    await runQueued();
    assert.equal((await history(c.id)).length, 0, 'a plain complaint does not climb');

    const message = await send(org.agentA, 'POST', `/cases/${c.id}/messages`, {
      direction: 'inbound',
      channel: 'phone',
      body: '我要找你們經理,不然我就投訴到消保會',
    });
    assert.equal(message.statusCode, 200, message.body);
    assert.ok((await runQueued()) > 0);
    const [first, ...rest] = await history(c.id);
    assert.equal(rest.length, 0);
    assert.equal(first?.trigger, 'signal');
    assert.equal(first?.toRank, 1);
    assert.equal(first?.actorId, null, 'raised by the system');
    assert.match(first?.reason ?? '', /manager_request/);

    // The same event handed to the trigger again does nothing.
    const view = (await send(org.admin, 'GET', `/cases/${c.id}`)).json<CaseDto>();
    const recorded = view.timeline?.find((e) => e.type === 'case.message_recorded');
    assert.ok(recorded);
    const again = await t.deps.escalation.escalateFromEvent(systemContext('test'), {
      eventId: recorded.id,
      type: 'case.message_recorded',
      subjectType: 'case',
      subjectId: c.id,
      payload: recorded.data,
    });
    assert.equal(again, null);
    assert.equal((await history(c.id)).length, 1);

    // An outbound message with the same words is ours, not the customer's.
    await send(org.agentA, 'POST', `/cases/${c.id}/messages`, {
      direction: 'outbound',
      channel: 'email',
      body: '媒體 記者 律師',
    });
    await runQueued();
    assert.equal((await history(c.id)).length, 1);
  });

  test('fromRank: a stale view is a coded conflict, a fresh one climbs', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    const first = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'upset', fromRank: 0 });
    assert.equal(first.statusCode, 201, first.body);
    const stale = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'upset', fromRank: 0 });
    assert.equal(stale.statusCode, 409, stale.body);
    assert.equal(code(stale.body), 'conflict');
    assert.equal(field(stale.body), '/body/fromRank');
    const fresh = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'still upset', fromRank: 1 });
    assert.equal(fresh.statusCode, 201, fresh.body);
    assert.equal(fresh.json<EscalationDto>().toRank, 2);
    assert.equal((await history(c.id)).length, 2);
  });

  test('case.escalated carries ids, ranks and the trigger — the summary stays on the escalation', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const raised = await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: '王小明 0912-345-678' });
    assert.equal(raised.statusCode, 201, raised.body);
    const view = (await send(org.admin, 'GET', `/cases/${c.id}`)).json<CaseDto>();
    const event = view.timeline?.find((e) => e.type === 'case.escalated');
    assert.ok(event);
    assert.deepEqual(Object.keys(event.data).sort(), ['escalationId', 'fromRank', 'levelId', 'toRank', 'trigger']);
    assert.doesNotMatch(JSON.stringify(event.data), /芒果|0912/);
    assert.match((await history(c.id))[0]?.summary.whatHappened.excerpt ?? '', /芒果/);
  });

  test('coming down and closing supersede the escalations still waiting; they can no longer be taken', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    const one = (await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'a' })).json<EscalationDto>();
    const two = (await send(org.agentA, 'POST', `/cases/${c.id}/escalations`, { reason: 'b' })).json<EscalationDto>();
    assert.equal(one.supersededAt, null);
    const down = await send(org.admin, 'POST', `/cases/${c.id}/de-escalations`, { reason: 'calm', toRank: 1 });
    assert.equal(down.statusCode, 201, down.body);
    const afterDown = await history(c.id);
    assert.equal(afterDown.find((e) => e.id === one.id)?.supersededAt, null, 'rank 1 still waits');
    assert.ok(afterDown.find((e) => e.id === two.id)?.supersededAt, 'rank 2 no longer waits');
    const take = await send(org.admin, 'POST', `/escalations/${two.id}/acknowledge`);
    assert.equal(take.statusCode, 422, take.body);

    // The case closes: the trigger job hears it and the rest stop waiting too.
    await t.deps.escalation.escalateFromEvent(systemContext('test'), {
      eventId: 'evt_close_test',
      type: 'case.status_changed',
      subjectType: 'case',
      subjectId: c.id,
      payload: { action: 'close', from: 'resolved', to: 'closed' },
    });
    assert.ok((await history(c.id)).find((e) => e.id === one.id)?.supersededAt);
    assert.equal((await send(org.supervisorA, 'POST', `/escalations/${one.id}/acknowledge`)).statusCode, 422);
  });

  test('repeated contact climbs the case even when the contacts arrive before the job runs', async () => {
    const c = await openCaseAs(t, org.agentA, {
      customer: { name: '陳美玲', phone: '0933-222-111', language: 'zh-TW' },
      channel: 'phone',
      description: '訂單還沒到',
      expectedRemedy: 'repair',
    });
    await runQueued();
    for (const body of ['請問進度', '請問進度如何', '請再看一下', '請回覆']) {
      const recorded = await send(org.agentA, 'POST', `/cases/${c.id}/messages`, {
        direction: 'inbound',
        channel: 'phone',
        body,
      });
      assert.equal(recorded.statusCode, 200, recorded.body);
    }
    // Four contacts committed, then the jobs run: each counts as of its own event, so the third fires.
    await runQueued();
    const items = await history(c.id);
    assert.deepEqual(
      items.map((e) => [e.trigger, e.toRank]),
      [['repeat_contact', 1]],
    );
  });

  test('a safety flag at intake climbs to the manager level', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.window);
    await runQueued();
    const items = await history(c.id);
    assert.equal(items.length, 1);
    assert.equal(items[0]?.trigger, 'safety');
    assert.equal(items[0]?.toRank, 2);
  });
});
