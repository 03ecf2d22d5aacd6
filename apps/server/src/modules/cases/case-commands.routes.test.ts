import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseDto } from '@redress/contract';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createConfig,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';

interface ErrorJson {
  error: { code: string; message: string; details?: { field: string }[] };
}

describe('case commands over HTTP', () => {
  let t: TestApp;
  let org: TestOrg;
  let config: Awaited<ReturnType<typeof createConfig>>;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
    config = await createConfig(t, org.admin);
  });
  after(() => t.close());

  const post = (as: OrgUser, url: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload });
  const ok = async (as: OrgUser, url: string, payload: Record<string, unknown>): Promise<CaseDto> => {
    const response = await post(as, url, payload);
    assert.equal(response.statusCode, 200, `${url}: ${response.body}`);
    return response.json<CaseDto>();
  };
  const error = (body: string) => (JSON.parse(body) as ErrorJson).error;

  test('transitions move the case and an impossible one is a coded 409 naming from and to', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const acknowledged = await ok(org.agentA, `/cases/${c.id}/transitions`, { action: 'acknowledge' });
    assert.equal(acknowledged.status, 'acknowledged');
    const refused = await post(org.agentA, `/cases/${c.id}/transitions`, { action: 'close' });
    assert.equal(refused.statusCode, 409);
    assert.equal(error(refused.body).code, 'invalid_transition');
    assert.match(error(refused.body).message, /acknowledged.*closed/);
    const unknown = await post(org.agentA, `/cases/${c.id}/transitions`, { action: 'vanish' });
    assert.equal(unknown.statusCode, 400);
    assert.equal(error(unknown.body).details?.[0]?.field, '/body/action');
    const otherSite = await post(org.agentB, `/cases/${c.id}/transitions`, { action: 'start_investigation' });
    assert.equal(otherSite.statusCode, 404);
    const department = await post(org.warehouseMember, `/cases/${c.id}/transitions`, { action: 'start_investigation' });
    assert.equal(department.statusCode, 404, 'department members hold no case:transition');
  });

  test('a hand-off needs a summary and an owner who can work at the site; then only the new owner steers', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    const blank = await post(org.agentA, `/cases/${c.id}/handoff`, { toUserId: org.agentA2.id, summary: '   ' });
    assert.equal(blank.statusCode, 400);
    assert.equal(error(blank.body).details?.[0]?.field, '/body/summary');
    const missing = await post(org.agentA, `/cases/${c.id}/handoff`, { toUserId: org.agentA2.id });
    assert.equal(error(missing.body).details?.[0]?.field, '/body/summary');
    const otherSite = await post(org.agentA, `/cases/${c.id}/handoff`, { toUserId: org.agentB.id, summary: '請接手' });
    assert.equal(otherSite.statusCode, 400);
    assert.equal(error(otherSite.body).details?.[0]?.field, '/body/toUserId');
    const department = await post(org.agentA, `/cases/${c.id}/handoff`, {
      toUserId: org.warehouseMember.id,
      summary: 'x',
    });
    assert.equal(department.statusCode, 400, 'a department member does not own cases');

    const handed = await ok(org.agentA, `/cases/${c.id}/handoff`, {
      toUserId: org.agentA2.id,
      summary: '退款已申请，等财务确认',
    });
    assert.equal(handed.owner.id, org.agentA2.id);
    const entry = handed.timeline?.find((e) => e.type === 'case.handed_off');
    assert.deepEqual(entry?.data, {
      fromUserId: org.agentA.id,
      toUserId: org.agentA2.id,
      summary: '退款已申请，等财务确认',
    });
    assert.equal(entry?.actorId, org.agentA.id);

    const formerOwner = await post(org.agentA, `/cases/${c.id}/handoff`, { toUserId: org.agentA.id, summary: 'back' });
    assert.equal(formerOwner.statusCode, 422);
    const supervisor = await ok(org.supervisorA, `/cases/${c.id}/handoff`, {
      toUserId: org.agentA.id,
      summary: '回到原處理人',
    });
    assert.equal(supervisor.owner.id, org.agentA.id);
  });

  test('field changes record old and new values; bad values name the field', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.parcel);
    const response = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}`,
      headers: org.agentA.headers,
      payload: { severity: 'high', categoryId: config.service, tags: ['late'] },
    });
    assert.equal(response.statusCode, 200, response.body);
    const view = response.json<CaseDto>();
    assert.equal(view.categoryKind, 'service_process');
    const changes = view.timeline?.filter((e) => e.type === 'case.field_changed').map((e) => e.data);
    assert.deepEqual(changes, [
      { field: 'categoryId', from: null, to: config.service },
      { field: 'severity', from: 'medium', to: 'high' },
      { field: 'tags', from: [], to: ['late'] },
    ]);
    for (const [payload, field] of [
      [{ severity: 'apocalyptic' }, '/body/severity'],
      [{ categoryId: 'cat_00000000000000000000000000' }, '/body/categoryId'],
      [{ status: 'closed' }, '/body/status'],
      [{}, '/body'],
    ] as const) {
      const bad = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/cases/${c.id}`,
        headers: org.agentA.headers,
        payload,
      });
      assert.equal(bad.statusCode, 400, JSON.stringify(payload));
      assert.equal(error(bad.body).details?.[0]?.field, field);
    }
    const otherSite = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/cases/${c.id}`,
      headers: org.agentB.headers,
      payload: { severity: 'low' },
    });
    assert.equal(otherSite.statusCode, 404);
  });

  test('notes, messages and call logs append to the timeline in order, never edited', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.window);
    await ok(org.agentA, `/cases/${c.id}/notes`, { body: '<b>Customer is cold</b> — prioritise' });
    await ok(org.agentA, `/cases/${c.id}/messages`, {
      direction: 'outbound',
      channel: 'email',
      body: 'We are on it; next update by 15:00.',
    });
    const view = await ok(org.agentA, `/cases/${c.id}/calls`, {
      direction: 'outbound',
      counterpart: 'Sarah Mitchell',
      startedAt: '2026-03-02T08:30:00.000Z',
      durationSeconds: 240,
      outcome: 'agreed to bring the car in tomorrow',
    });
    assert.deepEqual(
      view.timeline?.map((e) => e.type),
      ['case.created', 'case.note_added', 'case.message_recorded', 'case.call_logged'],
    );
    assert.equal(view.timeline?.[1]?.data.body, '<b>Customer is cold</b> — prioritise');
    assert.deepEqual(view.timeline?.[3]?.data, {
      direction: 'outbound',
      counterpart: 'Sarah Mitchell',
      agentId: org.agentA.id,
      startedAt: '2026-03-02T08:30:00.000Z',
      durationSeconds: 240,
      outcome: 'agreed to bring the car in tomorrow',
      summary: null,
    });
    const seqs = view.timeline?.map((e) => e.seq) ?? [];
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
    const bad = await post(org.agentA, `/cases/${c.id}/calls`, {
      direction: 'sideways',
      counterpart: 'x',
      startedAt: 'now',
      durationSeconds: -1,
      outcome: 'x',
    });
    assert.equal(bad.statusCode, 400);
    const empty = await post(org.agentA, `/cases/${c.id}/notes`, { body: '' });
    assert.equal(error(empty.body).details?.[0]?.field, '/body/body');
    const department = await post(org.warehouseMember, `/cases/${c.id}/notes`, { body: 'x' });
    assert.equal(department.statusCode, 404);
  });

  test('key people: internal people are users; influencers have a relationship; contacts only for customer readers', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.window);
    await ok(org.agentA, `/cases/${c.id}/key-people`, { role: 'authority', userId: org.supervisorA.id });
    const view = await ok(org.agentA, `/cases/${c.id}/key-people`, {
      role: 'influencer',
      name: 'Tom Mitchell',
      relationship: 'relative',
      contact: '+44 20 7946 0000',
      consent: true,
    });
    assert.deepEqual(
      view.keyPeople?.map((p) => [p.role, p.relationship, p.contact]),
      [
        ['first_handler', null, null],
        ['authority', null, null],
        ['influencer', 'relative', '+44 20 7946 0000'],
      ],
    );
    const noRelationship = await post(org.agentA, `/cases/${c.id}/key-people`, { role: 'influencer', name: 'Friend' });
    assert.equal(error(noRelationship.body).details?.[0]?.field, '/body/relationship');
    const noUser = await post(org.agentA, `/cases/${c.id}/key-people`, { role: 'authority' });
    assert.equal(error(noUser.body).details?.[0]?.field, '/body/userId');
    const event = view.timeline?.find((e) => e.type === 'case.key_person_added' && e.data.role === 'influencer');
    assert.equal('contact' in (event?.data ?? {}), false, 'contact details stay out of the event log');
  });

  test('links and merges: the duplicate is closed as merged and both timelines show on the survivor', async () => {
    const first = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const second = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, description: '芒果又爛了' });
    const other = await openCaseAs(t, org.agentB, complaintFixtures.parcel);
    const linked = await ok(org.agentA, `/cases/${first.id}/links`, { toCaseId: second.id, kind: 'same_cause' });
    assert.deepEqual(linked.links, [{ caseId: second.id, ref: second.ref, kind: 'same_cause', merged: false }]);
    const again = await post(org.agentA, `/cases/${second.id}/links`, { toCaseId: first.id, kind: 'related' });
    assert.equal(again.statusCode, 409);
    const hidden = await post(org.agentA, `/cases/${first.id}/links`, { toCaseId: other.id, kind: 'related' });
    assert.equal(hidden.statusCode, 404);
    assert.equal(error(hidden.body).details?.[0]?.field, '/body/toCaseId');

    const agentMerge = await post(org.agentA, `/cases/${first.id}/merge`, { duplicateId: second.id });
    assert.equal(agentMerge.statusCode, 404, 'agents hold no case:merge');
    const otherSite = await post(org.supervisorA, `/cases/${first.id}/merge`, { duplicateId: other.id });
    assert.equal(otherSite.statusCode, 404);
    await ok(org.agentA, `/cases/${second.id}/notes`, { body: '客人第二次來電' });
    const merged = await ok(org.supervisorA, `/cases/${first.id}/merge`, { duplicateId: second.id });
    assert.deepEqual(merged.links, [{ caseId: second.id, ref: second.ref, kind: 'duplicate', merged: true }]);
    const fromDuplicate = merged.timeline?.filter((e) => e.caseId === second.id).map((e) => e.type);
    assert.deepEqual(fromDuplicate, [
      'case.created',
      'case.linked',
      'case.note_added',
      'case.merged',
      'case.status_changed',
    ]);
    assert.ok(merged.timeline?.some((e) => e.caseId === first.id && e.type === 'case.duplicate_merged'));
    const duplicate = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${second.id}`,
      headers: org.agentA.headers,
    });
    assert.equal(duplicate.json<CaseDto>().status, 'closed');
    assert.equal(duplicate.json<CaseDto>().mergedIntoId, first.id);
    const twice = await post(org.supervisorA, `/cases/${first.id}/merge`, { duplicateId: second.id });
    assert.equal(twice.statusCode, 409);
  });

  test('resolution, customer decision and closing', async () => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    await ok(org.agentA, `/cases/${c.id}/transitions`, { action: 'start_investigation' });
    const unknownCause = await post(org.agentA, `/cases/${c.id}/resolution`, {
      text: '已退款',
      kind: 'final',
      rootCauseId: 'rc_00000000000000000000000000',
    });
    assert.equal(unknownCause.statusCode, 400);
    assert.equal(error(unknownCause.body).details?.[0]?.field, '/body/rootCauseId');
    const noKind = await post(org.agentA, `/cases/${c.id}/resolution`, {
      text: '已退款',
      rootCauseId: config.rootCause,
    });
    assert.equal(error(noKind.body).details?.[0]?.field, '/body/kind');
    const tooEarly = await post(org.agentA, `/cases/${c.id}/customer-decision`, { accepted: true });
    assert.equal(tooEarly.statusCode, 409);

    const proposed = await ok(org.agentA, `/cases/${c.id}/resolution`, {
      text: '已重新发起退款，预计 3 个工作日到账',
      kind: 'temporary',
      rootCauseId: config.rootCause,
    });
    assert.equal(proposed.status, 'resolution_proposed');
    assert.equal(proposed.resolution?.kind, 'temporary');
    const early = await post(org.agentA, `/cases/${c.id}/transitions`, { action: 'close' });
    assert.equal(early.statusCode, 409);
    const decided = await ok(org.agentA, `/cases/${c.id}/customer-decision`, { accepted: false, note: '要求今天到账' });
    assert.equal(decided.customerDecision?.accepted, false);
    const resolved = await ok(org.agentA, `/cases/${c.id}/transitions`, { action: 'resolve' });
    assert.equal(resolved.status, 'resolved');
    const closed = await ok(org.agentA, `/cases/${c.id}/transitions`, { action: 'close' });
    assert.equal(closed.status, 'closed');
    assert.ok(closed.closedAt);

    const direct = await openCaseAs(t, org.agentA, complaintFixtures.parcel);
    await ok(org.agentA, `/cases/${direct.id}/transitions`, { action: 'start_investigation' });
    const resolvedDirectly = await ok(org.agentA, `/cases/${direct.id}/transitions`, {
      action: 'resolve',
      resolution: { text: 'ส่งของใหม่ให้แล้ว', kind: 'final', rootCauseId: config.rootCause },
    });
    assert.equal(resolvedDirectly.resolution?.text, 'ส่งของใหม่ให้แล้ว');
    const noDecision = await post(org.agentA, `/cases/${direct.id}/transitions`, { action: 'close' });
    assert.equal(noDecision.statusCode, 422);
    assert.equal(error(noDecision.body).code, 'rule_violated');
    const department = await post(org.warehouseMember, `/cases/${direct.id}/customer-decision`, { accepted: true });
    assert.equal(department.statusCode, 404);
  });
});
