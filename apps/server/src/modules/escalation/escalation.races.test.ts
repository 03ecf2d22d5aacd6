import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { EscalationDto } from '@redress/contract';
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

// Concurrent requests and trigger jobs on one case: on PostgreSQL each has its own connection, so
// only the case-row lock and conditional writes keep a case from climbing twice.
describe('the escalation ladder under concurrency [postgres]', { skip: pgSkip }, () => {
  const disposals: (() => Promise<void>)[] = [];
  let t: TestApp;
  let org: TestOrg;
  let secondSupervisor: OrgUser;
  before(async () => {
    const { db } = await openTempPostgres({ after: (dispose) => disposals.push(dispose) });
    t = await buildTestApp({ db });
    org = await createTestOrg(t);
    await t.deps.escalation.ensureDefaultLadder(systemContext('test'));
    const user = await createUser(t.deps, 'supervisor', 'second.supervisor@example.test');
    await t.deps.org.setUserSite(systemContext('test'), user.id, org.siteA);
    secondSupervisor = { id: user.id, headers: await bearerFor(t.deps, user.id) };
  });
  // The app first, then the database (closed and dropped by its disposal).
  after(async () => {
    await t?.app.close();
    for (const dispose of disposals) await dispose();
  });

  const post = (as: OrgUser, url: string, payload: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers: as.headers, payload });
  // A case that no trigger climbs on its own (the window fixture carries a safety flag).
  const quietCase = () => openCaseAs(t, org.agentA, { ...complaintFixtures.mango, description: '芒果的包裝有點破' });
  const rows = (caseId: string) =>
    t.deps.db.read
      .selectFrom('case_escalations')
      .select(['from_rank', 'to_rank', 'direction'])
      .where('case_id', '=', caseId)
      .execute();
  const event = (caseId: string, id: string, type: string, payload: Record<string, unknown>) => ({
    eventId: id,
    type,
    subjectType: 'case',
    subjectId: caseId,
    payload,
  });

  test('two people acknowledge one escalation: one takes it, the other gets a coded error', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await quietCase();
      const raised = await post(org.agentA, `/cases/${c.id}/escalations`, { reason: 'help' });
      assert.equal(raised.statusCode, 201, raised.body);
      const id = raised.json<EscalationDto>().id;
      const answers = await Promise.all([
        post(org.supervisorA, `/escalations/${id}/acknowledge`),
        post(secondSupervisor, `/escalations/${id}/acknowledge`),
      ]);
      const codes = answers.map((r) => r.statusCode).sort();
      assert.equal(codes[0], 200, answers.map((r) => r.body).join(' / '));
      assert.ok([409, 422].includes(codes[1] ?? 0), answers.map((r) => r.body).join(' / '));
      const acknowledged = await t.deps.db.read
        .selectFrom('events')
        .select('id')
        .where('type', '=', 'escalation.acknowledged')
        .where('subject_id', '=', c.id)
        .execute();
      assert.equal(acknowledged.length, 1);
    }
  });

  test('two trigger jobs at once, both asking for the supervisor, climb the case once', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await quietCase();
      const results = await Promise.all([
        t.deps.escalation.escalateFromEvent(
          systemContext('job-1'),
          event(c.id, `evt_reopen${round}`, 'case.status_changed', { action: 'reopen' }),
        ),
        t.deps.escalation.escalateFromEvent(
          systemContext('job-2'),
          event(c.id, `evt_words${round}`, 'case.message_recorded', { direction: 'inbound', body: '我要找你們經理' }),
        ),
      ]);
      const stored = await rows(c.id);
      assert.equal(stored.length, 1, JSON.stringify(stored));
      assert.equal(results.filter((r) => r !== null).length, 1);
    }
  });

  test('a person and a trigger at once: the case climbs once, the person with fromRank is refused', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await quietCase();
      const [person] = await Promise.all([
        post(org.agentA, `/cases/${c.id}/escalations`, { reason: 'angry', fromRank: 0 }),
        t.deps.escalation.escalateFromEvent(
          systemContext('job'),
          event(c.id, `evt_reopen_m${round}`, 'case.status_changed', { action: 'reopen' }),
        ),
      ]);
      const stored = await rows(c.id);
      if (person.statusCode === 201) {
        // The person went first; the trigger then saw rank 1 and wanted no more.
        assert.deepEqual(
          stored.map((r) => [Number(r.from_rank), Number(r.to_rank)]),
          [[0, 1]],
        );
      } else {
        assert.equal(person.statusCode, 409, person.body);
        assert.equal(stored.length, 1);
      }
    }
  });

  test('a double-clicked escalation with fromRank climbs one level', async () => {
    for (let round = 0; round < 5; round += 1) {
      const c = await quietCase();
      const clicks = await Promise.all([
        post(org.agentA, `/cases/${c.id}/escalations`, { reason: 'help', fromRank: 0 }),
        post(org.agentA, `/cases/${c.id}/escalations`, { reason: 'help', fromRank: 0 }),
      ]);
      assert.deepEqual(clicks.map((r) => r.statusCode).sort(), [201, 409]);
      assert.deepEqual(
        (await rows(c.id)).map((r) => Number(r.to_rank)),
        [1],
      );
    }
  });
});
