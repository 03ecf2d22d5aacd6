import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { CaseDto, CommitmentDto, TaskDto } from '@redress/contract';
import { createJobRunner, type EventJobPayload } from '../../jobs/index.ts';
import { createLogger } from '../../shared/logger.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from '../../../test/factories/cases.ts';
import { commitmentClockJob } from './commitments.jobs.ts';

const HOUR = 60 * 60_000;

describe('a commitment clock warns: the owner is prompted once, before the due time', () => {
  let t: TestApp;
  let org: TestOrg;
  before(async () => {
    t = await buildTestApp();
    org = await createTestOrg(t);
  });
  after(() => t.close());

  const runQueued = async (): Promise<number> => {
    const runner = createJobRunner({
      db: t.deps.db,
      registry: t.deps.jobs,
      clock: t.clock,
      logger: createLogger('silent'),
      workerId: 'commitments-test',
    });
    let total = 0;
    for (let ran = await runner.runOnce(); ran > 0; ran = await runner.runOnce()) total += ran;
    return total;
  };
  const sweep = () => t.deps.clocks.sweep(systemContext('test'));
  const timeline = async (caseId: string) => {
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/cases/${caseId}`, headers: org.admin.headers });
    return response.json<CaseDto>().timeline ?? [];
  };
  const eventsOf = async (caseId: string, type: string) => (await timeline(caseId)).filter((e) => e.type === type);
  const commitmentOf = async (caseId: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/commitments`,
      headers: org.agentA.headers,
    });
    return response.json<{ items: CommitmentDto[] }>().items;
  };

  test('warning → one at_risk event with a drafted honest update; breach → broken once', async () => {
    const start = t.clock.now();
    const c = await openCaseAs(t, org.agentA, complaintFixtures.mango);
    const task = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/tasks`,
      headers: org.agentA.headers,
      payload: {
        teamId: org.warehouse,
        question: '報告審完了嗎？',
        dueAt: new Date(start.getTime() + 60 * HOUR).toISOString(),
      },
    });
    assert.equal(task.statusCode, 201, task.body);
    const dueAt = new Date(start.getTime() + 48 * HOUR).toISOString();
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/commitments`,
      headers: org.agentA.headers,
      payload: {
        text: '寄出檢驗報告',
        dueAt,
        dependsOn: [task.json<TaskDto>().id],
        acknowledgeFlags: ['depends_on_later_task'],
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    const commitment = made.json<CommitmentDto>();
    await runQueued();

    // The promise has its own service clock.
    const clocks = await t.deps.db.read
      .selectFrom('service_clocks')
      .select(['key', 'kind', 'due_at', 'state'])
      .where('case_id', '=', c.id)
      .where('kind', '=', 'commitment')
      .execute();
    assert.equal(clocks.length, 1);
    assert.equal(clocks[0]?.key, `commitment:${commitment.id}`);
    assert.equal(new Date(String(clocks[0]?.due_at)).toISOString(), dueAt);

    // Nothing to warn yet.
    await sweep();
    await runQueued();
    assert.equal((await eventsOf(c.id, 'commitment.at_risk')).length, 0);

    // 42 of 48 hours gone: past the warning threshold, still before the due time.
    t.clock.set(new Date(start.getTime() + 42 * HOUR));
    await sweep();
    assert.ok((await runQueued()) > 0);
    const atRisk = await eventsOf(c.id, 'commitment.at_risk');
    assert.equal(atRisk.length, 1);
    const data = atRisk[0]?.data ?? {};
    assert.equal(data.commitmentId, commitment.id);
    assert.equal(data.language, 'zh-TW');
    assert.equal(data.timeZone, 'Asia/Taipei');
    assert.equal(typeof data.draft, 'string');
    assert.match(String(data.draft), /^陳美玲您好/);
    assert.match(String(data.draft), /還沒有完成/);
    assert.match(String(data.draft), /內部單位確認/, 'the open warehouse task is what is still being checked');
    // Proposed: the open task's due time (start + 60 h) plus room to pass the answer on — half the
    // 48 h lead time, at most a day (start + 84 h).
    assert.equal(data.proposedDueAt, new Date(start.getTime() + 84 * HOUR).toISOString());
    assert.ok(new Date(String(data.proposedDueAt)).getTime() > new Date(dueAt).getTime());
    assert.equal((await commitmentOf(c.id))[0]?.atRiskAt, t.clock.now().toISOString());

    // The same warning handled again — a retried job — records nothing more.
    const job = commitmentClockJob(t.deps.commitments);
    const warned = (await timeline(c.id)).find((e) => e.type === 'clock.warned' && e.data.kind === 'commitment');
    assert.ok(warned);
    const payload: EventJobPayload = {
      eventId: warned.id,
      seq: warned.seq,
      type: warned.type,
      subjectType: 'case',
      subjectId: c.id,
      actorId: null,
      requestId: null,
      occurredAt: warned.occurredAt,
      payload: warned.data,
    };
    const context = {
      jobId: 'j',
      name: job.name,
      attempt: 2,
      maxAttempts: 5,
      workerId: 'w',
      logger: createLogger('silent'),
    };
    await job.handler(payload, context);
    await sweep();
    await runQueued();
    assert.equal((await eventsOf(c.id, 'commitment.at_risk')).length, 1, 'exactly one at_risk event');

    // The due time passes with the promise open: broken, once.
    t.clock.set(new Date(start.getTime() + 49 * HOUR));
    await sweep();
    await runQueued();
    await job.handler({ ...payload, type: 'clock.breached' }, context);
    const broken = await eventsOf(c.id, 'commitment.broken');
    assert.equal(broken.length, 1);
    assert.equal(broken[0]?.data.byClock, true);
    assert.equal((await commitmentOf(c.id))[0]?.status, 'broken');

    // Broken by the clock, then renegotiated honestly: a successor with its own clock.
    const reneg = await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${commitment.id}/renegotiate`,
      headers: org.agentA.headers,
      payload: { dueAt: new Date(start.getTime() + 90 * HOUR).toISOString(), reason: '主管審核延誤，已向客戶說明' },
    });
    assert.equal(reneg.statusCode, 200, reneg.body);
    assert.equal((await eventsOf(c.id, 'commitment.broken')).length, 1, 'not broken a second time');
    const open = (await commitmentOf(c.id)).filter((x) => x.status === 'open');
    assert.equal(open.length, 1);
    assert.equal(open[0]?.renegotiatedFromId, commitment.id);
  });

  test('a warning for another kind of clock, or a kept promise, changes nothing', async () => {
    const job = commitmentClockJob(t.deps.commitments);
    const c = await openCaseAs(t, org.agentA, complaintFixtures.refund);
    const dueAt = new Date(t.clock.now().getTime() + 24 * HOUR).toISOString();
    const made = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${c.id}/commitments`,
      headers: org.agentA.headers,
      payload: { text: '明天前确认退款进度', dueAt },
    });
    assert.equal(made.statusCode, 201, made.body);
    const id = made.json<CommitmentDto>().id;
    const base: EventJobPayload = {
      eventId: 'evt_x',
      seq: 1,
      type: 'clock.warned',
      subjectType: 'case',
      subjectId: c.id,
      actorId: null,
      requestId: null,
      occurredAt: t.clock.now().toISOString(),
      payload: { kind: 'task', subjectId: id, percent: 80 },
    };
    const context = {
      jobId: 'j',
      name: job.name,
      attempt: 1,
      maxAttempts: 5,
      workerId: 'w',
      logger: createLogger('silent'),
    };
    await job.handler(base, context);
    assert.equal((await eventsOf(c.id, 'commitment.at_risk')).length, 0);

    const kept = await t.app.inject({
      method: 'POST',
      url: `/api/v1/commitments/${id}/keep`,
      headers: org.agentA.headers,
      payload: {},
    });
    assert.equal(kept.statusCode, 200, kept.body);
    await job.handler({ ...base, payload: { kind: 'commitment', subjectId: id, percent: 80 } }, context);
    await job.handler({ ...base, type: 'clock.breached', payload: { kind: 'commitment', subjectId: id } }, context);
    assert.equal((await eventsOf(c.id, 'commitment.at_risk')).length, 0);
    assert.equal((await eventsOf(c.id, 'commitment.broken')).length, 0);
    const clock = await t.deps.db.read
      .selectFrom('service_clocks')
      .select('state')
      .where('key', '=', `commitment:${id}`)
      .executeTakeFirst();
    assert.equal(clock?.state, 'met', 'keeping the promise meets its clock');
  });
});
