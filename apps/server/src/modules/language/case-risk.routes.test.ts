import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseRiskDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { createTestOrg, openCaseAs, type OrgUser, type TestOrg } from '../../../test/factories/cases.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';

const risk = async (t: TestApp, as: OrgUser, caseId: string, status = 200) => {
  const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}/risk`, headers: as.headers });
  assert.equal(response.statusCode, status, response.body);
  return response.json<CaseRiskDto>();
};

const post = async (t: TestApp, as: OrgUser, url: string, payload: object) => {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload });
  assert.equal(response.statusCode, 200, response.body);
};

describeBothBackends('GET /cases/:id/risk', (backend) => {
  const setUp = async (cleanup: Parameters<typeof backend.open>[0]) => {
    const app = await buildTestApp({ db: await backend.open(cleanup) });
    app.clock.set('2026-03-02T02:00:00.000Z');
    return { app, org: await createTestOrg(app) };
  };

  const openThai = (app: TestApp, org: TestOrg) =>
    openCaseAs(app, org.agentA, {
      customer: { name: 'สมชาย ใจดี', phone: '+66 81 234 5678', language: 'th' },
      channel: 'phone',
      subject: 'พัสดุหาย',
      description: 'สั่งของไปสองอาทิตย์แล้วยังไม่ได้รับ',
      siteId: org.siteA,
    });

  test('a calm complaint is low risk with no signals', async (t) => {
    const { app, org } = await setUp(t);
    const opened = await openThai(app, org);
    const read = await risk(app, org.agentA, opened.id);
    assert.deepEqual(read.signals, []);
    assert.equal(read.language, 'th');
    assert.equal(read.risk.level, 'low');
    assert.deepEqual(read.facts, { inboundContacts: 0, reopened: false, safety: false });
  });

  test("the customer's later words raise it, each signal pointing at its message and span", async (t) => {
    const { app, org } = await setUp(t);
    const opened = await openThai(app, org);
    const before = await risk(app, org.agentA, opened.id);
    const angry = 'โทรไปหลายรอบแล้วไม่มีใครแก้ไข ถ้าไม่คืนเงินจะแจ้ง สคบ. และฟ้องศาล';
    await post(app, org.agentA, `/cases/${opened.id}/messages`, {
      direction: 'inbound',
      channel: 'phone',
      body: angry,
    });
    await post(app, org.agentA, `/cases/${opened.id}/messages`, {
      direction: 'outbound',
      channel: 'phone',
      body: 'เราจะฟ้องศาลให้คุณ',
    });
    const after = await risk(app, org.agentA, opened.id);
    const kinds = after.signals.map((s) => s.kind);
    for (const kind of ['refund_demand', 'regulator_threat', 'legal_threat'] as const) {
      assert.ok(kinds.includes(kind), `${kind} in ${kinds.join(', ')}`);
    }
    for (const signal of after.signals) {
      assert.equal(signal.source, 'message');
      assert.ok(signal.eventId?.startsWith('evt_'));
      assert.equal(angry.slice(signal.start, signal.end), signal.evidence, 'the span quotes the message');
    }
    assert.equal(after.facts.inboundContacts, 1, 'our own reply is not the customer speaking');
    assert.ok(after.risk.score > before.risk.score);
    assert.equal(after.risk.level, 'critical', 'two outside threats');
  });

  test("the customer's words are read in the language they wrote, whatever the case's language, with the case's facts", async (t) => {
    const { app, org } = await setUp(t);
    const opened = await openCaseAs(app, org.agentA, {
      customer: { name: 'Somchai Jaidee', phone: '+66 81 234 5679', language: 'en' },
      channel: 'phone',
      subject: 'Parcel',
      description: 'โทรไปหลายรอบแล้วไม่มีใครแก้ไข ถ้าไม่คืนเงินจะแจ้ง สคบ.',
      safety: true,
      siteId: org.siteA,
    });
    await post(app, org.agentA, `/cases/${opened.id}/calls`, {
      direction: 'inbound',
      counterpart: 'customer',
      startedAt: '2026-03-02T02:00:00.000Z',
      durationSeconds: 60,
      outcome: 'answered',
    });
    const read = await risk(app, org.agentA, opened.id);
    const kinds = read.signals.map((s) => s.kind);
    assert.ok(kinds.includes('regulator_threat') && kinds.includes('refund_demand'), kinds.join(', '));
    assert.ok(read.signals.every((s) => s.source === 'description' && s.eventId === null));
    assert.deepEqual(read.facts, { inboundContacts: 1, reopened: false, safety: true });
    assert.ok(['high', 'critical'].includes(read.risk.level), read.risk.level);
  });

  test('other sites and unknown cases are not found', async (t) => {
    const { app, org } = await setUp(t);
    const opened = await openThai(app, org);
    await risk(app, org.agentB, opened.id, 404);
    await risk(app, org.agentA, 'case_01JUNKJUNKJUNKJUNKJUNKJUNK', 404);
  });
});
