import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { CaseDto, ErrorBody, LoggedCallDto } from '@redress/contract';
import { buildTestApp, type TestApp } from './factories.ts';
import { complaintFixtures, createConfig, createTestOrg, openCaseAs, type TestOrg } from './factories/cases.ts';
import { describeBothBackends } from './pg-util.ts';

const call = {
  startedAt: '2026-03-02T08:55:00.000Z',
  durationSeconds: 240,
  outcome: 'Explained the refund timeline',
};

describeBothBackends('log a call', (backend) => {
  const setup = async (t: TestContext): Promise<{ app: TestApp; org: TestOrg }> => {
    const app = await buildTestApp({ db: await backend.open(t) });
    t.after(() => app.app.close());
    return { app, org: await createTestOrg(app) };
  };
  const logCall = (app: TestApp, headers: Record<string, string>, payload: Record<string, unknown>) =>
    app.app.inject({ method: 'POST', url: '/api/v1/calls', headers, payload });

  test('a known caller is matched by number and the call lands on their open case', async (t) => {
    const { app, org } = await setup(t);
    const mango = await openCaseAs(app, org.agentA, complaintFixtures.mango);
    // The same number written another way: the phone system shows it in international form.
    const response = await logCall(app, org.agentA.headers, { ...call, phone: '+886 912 345 678' });
    assert.equal(response.statusCode, 200, response.body);
    const logged = response.json<LoggedCallDto>();
    assert.equal(logged.created, false);
    assert.equal(logged.case.id, mango.id);
    assert.deepEqual(logged.customer, { id: mango.customer.id, known: true });
    const view = await app.app.inject({ method: 'GET', url: `/api/v1/cases/${mango.id}`, headers: org.agentA.headers });
    const entry = view.json<CaseDto>().timeline?.find((e) => e.type === 'case.call_logged');
    assert.equal(entry?.data.durationSeconds, 240);
    assert.equal(entry?.data.outcome, call.outcome);
  });

  test('a caller with no open case gets a new phone case opened from what they said', async (t) => {
    const { app, org } = await setup(t);
    const missing = await logCall(app, org.agentA.headers, { ...call, phone: '+66 81 234 5678', name: 'สมชาย ใจดี' });
    assert.equal(missing.statusCode, 400);
    assert.equal(missing.json<ErrorBody>().error.details?.[0]?.field, '/body/description');

    const response = await logCall(app, org.agentA.headers, {
      ...call,
      phone: '+66 81 234 5678',
      name: 'สมชาย ใจดี',
      language: 'th',
      description: 'พัสดุยังไม่มาส่ง',
    });
    assert.equal(response.statusCode, 201, response.body);
    const logged = response.json<LoggedCallDto>();
    assert.equal(logged.created, true);
    assert.equal(logged.customer.known, false);
    assert.equal(logged.case.channel, 'phone');
    assert.equal(logged.case.siteId, org.siteA);

    // The second call from that number goes on the case the first one opened.
    const again = await logCall(app, org.agentA.headers, { ...call, phone: '+66812345678' });
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json<LoggedCallDto>().case.id, logged.case.id);
  });

  test("a case named is used, but never another customer's, and never one out of sight", async (t) => {
    const { app, org } = await setup(t);
    const mango = await openCaseAs(app, org.agentA, complaintFixtures.mango);
    const parcel = await openCaseAs(app, org.agentA, complaintFixtures.parcel);
    const wrong = await logCall(app, org.agentA.headers, { ...call, phone: '+886912345678', caseId: parcel.id });
    assert.equal(wrong.statusCode, 422, wrong.body);
    const hidden = await logCall(app, org.agentB.headers, { ...call, phone: '+886912345678', caseId: mango.id });
    assert.equal(hidden.statusCode, 404, hidden.body);
    // Agent B cannot see site A's case, so the caller looks like someone with no open case there.
    const elsewhere = await logCall(app, org.agentB.headers, { ...call, phone: '+886912345678' });
    assert.equal(elsewhere.statusCode, 400, elsewhere.body);
  });

  test('newCase opens a second case even when one is open; bad numbers are a coded error', async (t) => {
    const { app, org } = await setup(t);
    const mango = await openCaseAs(app, org.agentA, complaintFixtures.mango);
    const second = await logCall(app, org.agentA.headers, {
      ...call,
      phone: '+886912345678',
      newCase: true,
      description: '另外，外送員態度很差',
    });
    assert.equal(second.statusCode, 201, second.body);
    const logged = second.json<LoggedCallDto>();
    assert.notEqual(logged.case.id, mango.id);
    assert.equal(logged.customer.id, mango.customer.id);
    assert.deepEqual(logged.otherOpenCaseIds, [mango.id]);

    const bad = await logCall(app, org.agentA.headers, { ...call, phone: '<script>', description: 'x', name: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json<ErrorBody>().error.details?.[0]?.field, '/body/phone');
  });
});

describeBothBackends('log a call: merged customers and resolved cases', (backend) => {
  const setup = async (t: TestContext): Promise<{ app: TestApp; org: TestOrg }> => {
    const app = await buildTestApp({ db: await backend.open(t) });
    t.after(() => app.app.close());
    return { app, org: await createTestOrg(app) };
  };
  const post = (app: TestApp, headers: Record<string, string>, url: string, payload: Record<string, unknown>) =>
    app.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });

  test("a merged customer's number still finds the case they opened before the merge", async (t) => {
    const { app, org } = await setup(t);
    const mango = await openCaseAs(app, org.agentA, complaintFixtures.mango);
    const other = await openCaseAs(app, org.agentA, {
      customer: { name: '陳美玲', email: 'meiling.chen@example.tw', language: 'zh-TW' },
      channel: 'web',
      description: '芒果的事情',
    });
    const merged = await post(app, org.supervisorA.headers, `/customers/${other.customer.id}/merge`, {
      duplicateId: mango.customer.id,
      reason: 'same person, two addresses',
    });
    assert.equal(merged.statusCode, 200, merged.body);
    // Agent A closes nothing: the mango case still belongs to the merged-away customer record.
    const response = await post(app, org.agentA.headers, '/calls', { ...call, phone: '+886912345678' });
    assert.equal(response.statusCode, 200, response.body);
    const logged = response.json<LoggedCallDto>();
    assert.equal(logged.customer.id, other.customer.id, 'the survivor');
    assert.ok([mango.id, other.id].includes(logged.case.id));
    const named = await post(app, org.agentA.headers, '/calls', { ...call, phone: '+886912345678', caseId: mango.id });
    assert.equal(named.statusCode, 200, named.body);
    assert.equal(named.json<LoggedCallDto>().case.id, mango.id);
  });

  test('a call about a case just resolved goes on that case, not a new one', async (t) => {
    const { app, org } = await setup(t);
    const { rootCause } = await createConfig(app, org.admin);
    const mango = await openCaseAs(app, org.agentA, complaintFixtures.mango);
    for (const [url, body] of [
      [`/cases/${mango.id}/transitions`, { action: 'start_investigation' }],
      [`/cases/${mango.id}/resolution`, { text: '已退款', kind: 'final', rootCauseId: rootCause }],
      [`/cases/${mango.id}/transitions`, { action: 'resolve' }],
    ] as const) {
      const done = await post(app, org.agentA.headers, url, body);
      assert.ok(done.statusCode < 300, done.body);
    }
    const response = await post(app, org.agentA.headers, '/calls', { ...call, phone: '+886912345678' });
    assert.equal(response.statusCode, 200, response.body);
    const logged = response.json<LoggedCallDto>();
    assert.equal(logged.case.id, mango.id);
    assert.equal(logged.case.status, 'resolved');
  });

  test('a department member may not log calls', async (t) => {
    const { app, org } = await setup(t);
    const response = await post(app, org.warehouseMember.headers, '/calls', {
      ...call,
      phone: '+886912345678',
      name: 'x',
      description: 'x',
    });
    assert.equal(response.statusCode, 404, response.body);
  });
});

test('logging a call needs case:update', async (t) => {
  const app = await buildTestApp();
  t.after(() => app.close());
  const response = await app.app.inject({ method: 'POST', url: '/api/v1/calls', payload: { ...call, phone: '+1' } });
  assert.equal(response.statusCode, 401);
});
