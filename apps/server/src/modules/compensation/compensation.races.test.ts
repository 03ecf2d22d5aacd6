import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CompensationDto } from '@redress/contract';
import { systemContext } from '../../shared/unit-of-work.ts';
import { bearerFor, buildTestApp, createUser, type TestApp } from '../../../test/factories.ts';
import {
  complaintFixtures,
  createTestOrg,
  openCaseAs,
  type OrgUser,
  type TestOrg,
} from '../../../test/factories/cases.ts';
import { openTempPostgres, pgSkip } from '../../../test/pg-util.ts';

// Two people acting on one remedy at the same moment: on PostgreSQL each request has its own
// connection, so only locking and conditional writes keep both from succeeding.
describe('compensation under concurrent requests [postgres]', { skip: pgSkip }, () => {
  const disposals: (() => Promise<void>)[] = [];
  let t: TestApp;
  let org: TestOrg;
  let managers: [OrgUser, OrgUser];
  before(async () => {
    const { db } = await openTempPostgres({ after: (dispose) => disposals.push(dispose) });
    t = await buildTestApp({ db });
    org = await createTestOrg(t);
    await t.deps.escalation.ensureDefaultLadder(systemContext('test'));
    const manager = async (email: string): Promise<OrgUser> => {
      const user = await createUser(t.deps, 'manager', email);
      await t.deps.org.setUserSite(systemContext('test'), user.id, org.siteA);
      return { id: user.id, headers: await bearerFor(t.deps, user.id) };
    };
    managers = [await manager('m1@example.test'), await manager('m2@example.test')];
  });
  // The app first, then the database (closed and dropped by its disposal).
  after(async () => {
    await t?.app.close();
    for (const dispose of disposals) await dispose();
  });

  const post = (as: OrgUser, url: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload });
  const waitingRefund = async (): Promise<CompensationDto> => {
    const c = await openCaseAs(t, org.agentA, complaintFixtures.window);
    const proposed = await post(org.agentA, `/cases/${c.id}/compensations`, {
      kind: 'refund',
      amount: 800_000,
      currency: 'TWD',
      description: 'Refund the repair',
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    return proposed.json<CompensationDto>();
  };
  const eventsOf = async (type: string, compensationId: string) =>
    (await t.deps.db.read.selectFrom('events').select(['payload']).where('type', '=', type).execute()).filter((e) =>
      JSON.stringify(e.payload).includes(compensationId),
    ).length;

  test('an approval and a rejection at once: one wins, the other is a coded error', async () => {
    for (let round = 0; round < 5; round += 1) {
      const refund = await waitingRefund();
      const [approve, reject] = await Promise.all([
        post(managers[0], `/compensations/${refund.id}/approve`),
        post(managers[1], `/compensations/${refund.id}/reject`),
      ]);
      const codes = [approve.statusCode, reject.statusCode].sort();
      assert.equal(codes[0], 200, `${approve.body} / ${reject.body}`);
      assert.ok([409, 422].includes(codes[1] ?? 0), `${approve.body} / ${reject.body}`);
      const decided =
        (await eventsOf('compensation.approved', refund.id)) + (await eventsOf('compensation.rejected', refund.id));
      assert.equal(decided, 1);
    }
  });

  test('the customer’s answer and its delivery are each recorded once', async () => {
    const refund = await waitingRefund();
    assert.equal((await post(managers[0], `/compensations/${refund.id}/approve`)).statusCode, 200);
    const answers = await Promise.all([
      post(org.agentA, `/compensations/${refund.id}/customer-response`, { accepted: true }),
      post(org.agentA, `/compensations/${refund.id}/customer-response`, { accepted: true }),
    ]);
    assert.deepEqual(answers.map((r) => r.statusCode).filter((s) => s === 200).length, 1);
    assert.equal(await eventsOf('compensation.customer_responded', refund.id), 1);

    const deliveries = await Promise.all([
      post(org.agentA, `/compensations/${refund.id}/delivered`, { deliveredAt: '2026-03-02T09:00:00Z' }),
      post(org.agentA, `/compensations/${refund.id}/delivered`, { deliveredAt: '2026-03-02T09:00:00Z' }),
    ]);
    assert.equal(deliveries.filter((r) => r.statusCode === 200).length, 1);
    assert.equal(await eventsOf('compensation.delivered', refund.id), 1);
  });
});
