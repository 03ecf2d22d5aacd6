import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseDto, CompensationDto, CompensationListDto } from '@redress/contract';
import { systemContext } from '../../shared/unit-of-work.ts';
import { bearerFor, buildTestApp, createUser, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';

describe('compensation over HTTP', () => {
  let t: TestApp;
  let org: TestOrg;
  let manager: OrgUser;
  let caseId: string;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
    await t.deps.escalation.ensureDefaultLadder(systemContext('test'));
    const user = await createUser(t.deps, 'manager', 'manager.a@example.test');
    await t.deps.org.setUserSite(systemContext('test'), user.id, org.siteA);
    manager = { id: user.id, headers: await bearerFor(t.deps, user.id) };
    caseId = (await openCaseAs(t, org.agentA, complaintFixtures.window)).id;
  });
  after(() => t.close());

  const post = (as: OrgUser, url: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload });
  const propose = async (as: OrgUser, payload: Record<string, unknown>) => {
    const response = await post(as, `/cases/${caseId}/compensations`, payload);
    assert.equal(response.statusCode, 201, response.body);
    return response.json<CompensationDto>();
  };

  test('a small goodwill gesture within the agent’s authority is approved as it is proposed', async () => {
    const c = await propose(org.agentA, {
      kind: 'goodwill',
      amount: 50_000,
      currency: 'TWD',
      description: 'Coffee voucher',
    });
    assert.equal(c.status, 'approved');
    assert.equal(c.requiredRank, 0);
    assert.equal(c.decidedBy, org.agentA.id);
  });

  test('a refund above the supervisor’s authority waits for a manager; then the customer accepts and it is delivered', async () => {
    const c = await propose(org.agentA, {
      kind: 'refund',
      amount: 800_000,
      currency: 'TWD',
      description: 'Refund the repair',
    });
    assert.equal(c.status, 'proposed');
    assert.equal(c.requiredRank, 2);

    assert.equal((await post(org.agentA, `/compensations/${c.id}/approve`)).statusCode, 404, 'agents do not approve');
    const bySupervisor = await post(org.supervisorA, `/compensations/${c.id}/approve`);
    assert.equal(bySupervisor.statusCode, 422, bySupervisor.body);
    assert.match(bySupervisor.body, /rank 2/);
    const byManager = await post(manager, `/compensations/${c.id}/approve`, { note: 'agreed' });
    assert.equal(byManager.statusCode, 200, byManager.body);
    assert.equal(byManager.json<CompensationDto>().decidedBy, manager.id);
    assert.equal((await post(manager, `/compensations/${c.id}/approve`)).statusCode, 422, 'decided once');

    const tooEarly = await post(org.agentA, `/compensations/${c.id}/delivered`, {
      deliveredAt: '2026-03-02T08:00:00Z',
    });
    assert.equal(tooEarly.statusCode, 422, 'not accepted yet');
    const accepted = await post(org.agentA, `/compensations/${c.id}/customer-response`, { accepted: true });
    assert.equal(accepted.json<CompensationDto>().status, 'accepted');
    const future = await post(org.agentA, `/compensations/${c.id}/delivered`, { deliveredAt: '2026-04-01T00:00:00Z' });
    assert.equal(future.statusCode, 400, future.body);
    const delivered = await post(org.agentA, `/compensations/${c.id}/delivered`, {
      deliveredAt: '2026-03-02T09:00:00Z',
    });
    assert.equal(delivered.statusCode, 200, delivered.body);
    assert.equal(delivered.json<CompensationDto>().deliveredAt, '2026-03-02T09:00:00.000Z');

    const timeline =
      (
        await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: org.admin.headers })
      ).json<CaseDto>().timeline ?? [];
    for (const type of [
      'compensation.proposed',
      'compensation.approved',
      'compensation.customer_responded',
      'compensation.delivered',
    ]) {
      assert.ok(
        timeline.some((e) => e.type === type),
        type,
      );
    }
  });

  test('a supervisor approves within their own authority and rejects with a note', async () => {
    const c = await propose(org.agentA, {
      kind: 'refund',
      amount: 300_000,
      currency: 'TWD',
      description: 'Partial refund',
    });
    assert.equal(c.requiredRank, 1);
    const rejected = await post(org.supervisorA, `/compensations/${c.id}/reject`, { note: 'offer a repair instead' });
    assert.equal(rejected.statusCode, 200, rejected.body);
    assert.equal(rejected.json<CompensationDto>().status, 'rejected');
    const other = await propose(org.agentA, {
      kind: 'repair',
      amount: 150_000,
      currency: 'TWD',
      description: 'Replace the regulator motor (estimated value)',
    });
    assert.equal(other.requiredRank, 1);
    assert.equal(other.status, 'proposed');
    assert.equal((await post(org.supervisorA, `/compensations/${other.id}/approve`)).statusCode, 200);
  });

  test('an agent may not approve beyond the front line’s authority, whatever the description says', async () => {
    const big = await propose(org.agentA, {
      kind: 'goodwill',
      amount: 100_000_000,
      currency: 'TWD',
      description: 'NT$1,000,000 cash',
    });
    assert.equal(big.status, 'proposed');
    assert.equal(big.requiredRank, 3);
    assert.equal(big.decidedBy, null);
  });

  test('a team on a level confers no authority over money, at proposal or on approval', async () => {
    const team = await t.deps.org.createTeam(systemContext('test'), {
      name: 'Legal',
      kind: 'department',
      siteId: org.siteA,
    });
    const levels = (await t.deps.escalation.listLevels(systemContext('test'))).map(({ id: _id, ...level }) =>
      level.rank === 2 ? { ...level, teamId: team.id } : level,
    );
    const put = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/escalation/levels',
      headers: org.admin.headers,
      payload: { levels },
    });
    assert.equal(put.statusCode, 200, put.body);
    const member = await createUser(t.deps, 'supervisor', 'legal.supervisor@example.test');
    await t.deps.org.setUserSite(systemContext('test'), member.id, org.siteA);
    await t.deps.org.addMember(systemContext('test'), team.id, member.id);
    const legal = { id: member.id, headers: await bearerFor(t.deps, member.id) };
    const refund = { kind: 'refund', amount: 800_000, currency: 'TWD', description: 'Refund above a supervisor' };
    const own = await propose(legal, refund);
    assert.equal(own.status, 'proposed', 'not approved at proposal through the team');
    const other = await propose(org.agentA, refund);
    const approve = await post(legal, `/compensations/${other.id}/approve`);
    assert.equal(approve.statusCode, 422, 'nor on approval');
  });

  test('another site’s case and its remedies do not exist for an outsider', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/compensations`,
      headers: org.agentB.headers,
    });
    assert.equal(list.statusCode, 404);
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/compensations`,
      headers: org.agentA.headers,
    });
    const items = mine.json<CompensationListDto>().items;
    assert.ok(items.length >= 3);
    const outsider = await post(org.agentB, `/cases/${caseId}/compensations`, {
      kind: 'goodwill',
      amount: 1,
      currency: 'TWD',
      description: 'x',
    });
    assert.equal(outsider.statusCode, 404);
    assert.equal(
      (await post(org.agentB, `/compensations/${items[0]?.id}/customer-response`, { accepted: true })).statusCode,
      404,
    );
  });

  test('hostile amounts and shapes are coded 400s', async () => {
    const url = `/cases/${caseId}/compensations`;
    for (const body of [
      { kind: 'refund', amount: -5, currency: 'TWD', description: 'x' },
      { kind: 'refund', amount: 1e16, currency: 'TWD', description: 'x' },
      { kind: 'refund', amount: 1.5, currency: 'TWD', description: 'x' },
      { kind: 'refund', amount: 100, currency: 'twd', description: 'x' },
      { kind: 'refund', amount: 100, description: 'x' },
      { kind: 'refund', description: 'x' },
      { kind: 'bitcoin', amount: 1, currency: 'TWD', description: 'x' },
      { kind: 'goodwill', amount: 1, currency: 'TWD', description: '   ' },
      // No amount is no limit: every kind carries one (a repair or replacement its estimated value).
      { kind: 'goodwill', description: 'NT$1,000,000 cash' },
      { kind: 'voucher', description: 'a big voucher' },
      { kind: 'repair', description: 'fix it' },
      { kind: 'replacement', currency: 'TWD', description: 'a new one' },
    ]) {
      const response = await post(org.agentA, url, body);
      assert.equal(response.statusCode, 400, `${JSON.stringify(body)} → ${response.body}`);
    }
  });
});
