import assert from 'node:assert/strict';
import type { CaseDto, FollowUpList, SurveyDto, SurveyList, TaskQueue } from '@redress/contract';
import { createFollowUpService, type FollowUpEvent } from '../src/modules/followups/index.ts';
import { systemContext } from '../src/shared/unit-of-work.ts';
import { readJson, toDbJson, toDbTime } from '../src/storage/codec.ts';
import { followUpStore } from '../src/storage/repositories/followups.repository.ts';
import { unitOfWork } from '../src/storage/unit-of-work.ts';
import type { TestApp } from './factories.ts';
import { complaintFixtures, createConfig, createTestOrg, openCaseAs, type OrgUser } from './factories/cases.ts';
import { drainJobs, insertCompensation, runCronSlot } from './factories/notifications.ts';
import { scenarioOnBothBackends } from './scenario-util.ts';

/**
 * Follow-ups and surveys after resolution (articles 001 and 003), end to end over HTTP with a
 * fixed clock moved by hand: jobs run with `drainJobs`, the minute sweep with `runCronSlot`.
 */

const T0 = '2026-03-02T09:00:00.000Z';
const later = (minutes: number): string => new Date(Date.parse(T0) + minutes * 60_000).toISOString();
const DAY = 24 * 60;

interface Harness {
  readonly org: Awaited<ReturnType<typeof createTestOrg>>;
  readonly rootCause: string;
  call<T>(as: OrgUser, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, status?: number): Promise<T>;
  resolve(as: OrgUser, caseId: string): Promise<void>;
  /** Records a new resolution on a reopened case and resolves it. */
  resolveAgain(as: OrgUser, caseId: string): Promise<void>;
  reopen(as: OrgUser, caseId: string): Promise<void>;
  customerWrites(caseId: string, body?: string): Promise<void>;
  followUps(caseId: string): Promise<FollowUpList['items']>;
  surveys(caseId: string): Promise<SurveyDto[]>;
  timeline(caseId: string): Promise<{ type: string; data: Record<string, unknown> }[]>;
  sweep(at: string): Promise<void>;
  /** Agent A opens `complaint` at site A. */
  open(complaint: Complaint): Promise<Opened>;
  /** … resolves it, and its jobs run. */
  openResolved(complaint: Complaint): Promise<Opened>;
  /** … and a day later the follow-up goes out: the case and its survey. */
  surveyed(complaint: Complaint): Promise<{ opened: Opened; survey: SurveyDto }>;
  /** A full refund of the case, approved by the administrator when it needs approval. */
  approvedRefund(caseId: string): Promise<{ id: string; status: string }>;
}

type Complaint = Omit<Parameters<typeof openCaseAs>[2], 'siteId'>;
type Opened = Awaited<ReturnType<typeof openCaseAs>>;

const harness = async (t: TestApp): Promise<Harness> => {
  const org = await createTestOrg(t);
  const { rootCause } = await createConfig(t, org.admin);
  await t.deps.escalation.ensureDefaultLadder(systemContext('test'));
  const call = async <T>(as: OrgUser, method: string, url: string, payload?: object, status = 200): Promise<T> => {
    const response = await t.app.inject({
      method: method as 'GET',
      url: `/api/v1${url}`,
      headers: as.headers,
      ...(payload ? { payload } : {}),
    });
    assert.equal(response.statusCode, status, `${method} ${url}: ${response.body}`);
    return response.json<T>();
  };
  let slot = 0;
  const resolve = async (as: OrgUser, caseId: string): Promise<void> => {
    await call(as, 'POST', `/cases/${caseId}/transitions`, { action: 'start_investigation' });
    await call(as, 'POST', `/cases/${caseId}/resolution`, {
      text: '已更換並致電說明',
      kind: 'final',
      rootCauseId: rootCause,
    });
    await call(as, 'POST', `/cases/${caseId}/transitions`, { action: 'resolve' });
  };
  const sweep = async (at: string): Promise<void> => {
    t.clock.set(at);
    slot += 1;
    await runCronSlot(t, 'followups.sweep', `${at}#${slot}`);
  };
  const surveys = async (caseId: string): Promise<SurveyDto[]> =>
    (await call<SurveyList>(org.supervisorA, 'GET', `/cases/${caseId}/surveys`)).items;
  const open = (complaint: Complaint): Promise<Opened> =>
    openCaseAs(t, org.agentA, { ...complaint, siteId: org.siteA });
  const openResolved = async (complaint: Complaint): Promise<Opened> => {
    const opened = await open(complaint);
    await resolve(org.agentA, opened.id);
    await drainJobs(t);
    return opened;
  };
  return {
    org,
    rootCause,
    call,
    resolve,
    open,
    openResolved,
    async surveyed(complaint) {
      const opened = await openResolved(complaint);
      await sweep(later(DAY));
      const [survey] = await surveys(opened.id);
      assert.ok(survey, 'a survey went out a day after the resolution');
      return { opened, survey };
    },
    async approvedRefund(caseId) {
      const refund = await call<{ id: string; status: string }>(
        org.admin,
        'POST',
        `/cases/${caseId}/compensations`,
        { kind: 'refund', amount: 12_000, currency: 'CNY', description: '全额退款' },
        201,
      );
      if (refund.status === 'proposed') await call(org.admin, 'POST', `/compensations/${refund.id}/approve`, {});
      return refund;
    },
    async resolveAgain(as, caseId) {
      await call(as, 'POST', `/cases/${caseId}/resolution`, {
        text: '再次處理',
        kind: 'final',
        rootCauseId: rootCause,
      });
      await call(as, 'POST', `/cases/${caseId}/transitions`, { action: 'resolve' });
    },
    async reopen(as, caseId) {
      await call(as, 'POST', `/cases/${caseId}/transitions`, { action: 'reopen', reason: 'the customer called back' });
    },
    async customerWrites(caseId, body = '芒果還是壞的') {
      await call(org.agentA, 'POST', `/cases/${caseId}/messages`, { direction: 'inbound', channel: 'email', body });
    },
    followUps: async (caseId) => (await call<FollowUpList>(org.supervisorA, 'GET', `/cases/${caseId}/followups`)).items,
    surveys,
    timeline: async (caseId) =>
      (await call<CaseDto>(org.supervisorA, 'GET', `/cases/${caseId}`)).timeline?.map((e) => ({
        type: e.type,
        data: e.data,
      })) ?? [],
    sweep,
  };
};

const sentEvents = async (h: Harness, caseId: string) =>
  (await h.timeline(caseId)).filter((e) => e.type === 'followup.sent');

/**
 * Takes the queued follow-up jobs out of the queue, as if their worker were slow, in event order:
 * the test then runs them in the order it wants.
 */
const takeFollowUpJobs = (t: TestApp): Promise<FollowUpEvent[]> =>
  t.deps.db.write(async (tx) => {
    const rows = await tx
      .selectFrom('jobs')
      .select(['id', 'payload'])
      .where('name', '=', 'followups.react')
      .where('status', '=', 'queued')
      .execute();
    if (rows.length > 0) {
      await tx
        .deleteFrom('jobs')
        .where(
          'id',
          'in',
          rows.map((r) => r.id),
        )
        .execute();
    }
    return rows.map((r) => readJson<FollowUpEvent>(r.payload)).sort((a, b) => a.seq - b.seq);
  });

/** The one job of `type` (and of a status change to `to`) among `jobs`. */
const jobOf = (jobs: readonly FollowUpEvent[], type: string, to?: string): FollowUpEvent => {
  const found = jobs.filter((j) => j.type === type && (to === undefined || j.payload.to === to));
  assert.equal(found.length, 1, `one ${type} ${to ?? ''} job`);
  return found[0] as FollowUpEvent;
};

const portalActor = { actor: { kind: 'system', name: 'portal' }, requestId: null } as const;

scenarioOnBothBackends('an instant fix is followed up after the configured delay, once', async (t) => {
  const h = await harness(t);
  // The administrator shortens the delay to 12 hours.
  const saved = await h.call<{ delayMinutes: number }>(h.org.admin, 'PUT', '/settings/followups', {
    enabled: true,
    delayMinutes: 12 * 60,
    afterRemedyMinutes: DAY,
    surveyValidDays: 30,
  });
  assert.equal(saved.delayMinutes, 720);
  await h.call(h.org.agentA, 'PUT', '/settings/followups', { ...saved }, 404);
  assert.equal((await h.call<{ enabled: boolean }>(h.org.agentA, 'GET', '/settings/followups')).enabled, true);

  const opened = await h.openResolved(complaintFixtures.mango);
  const [scheduled] = await h.followUps(opened.id);
  assert.equal(scheduled?.status, 'scheduled');
  assert.equal(scheduled?.plan, 'email', 'a phone case is followed up by e-mail');
  assert.equal(scheduled?.dueAt, later(720));

  await h.sweep(later(719));
  assert.equal((await h.followUps(opened.id))[0]?.status, 'scheduled', 'not before the delay');
  assert.deepEqual(await h.surveys(opened.id), []);

  // Two sweepers reach the due follow-up at once: one sends it.
  t.clock.set(later(720));
  const raced = await Promise.all([t.deps.followups.sweep(), t.deps.followups.sweep()]);
  assert.equal(raced[0].sent + raced[1].sent, 1, 'sent by exactly one sweeper');
  await drainJobs(t);
  const [sent] = await h.followUps(opened.id);
  assert.equal(sent?.status, 'sent');
  const [survey] = await h.surveys(opened.id);
  assert.equal(survey?.status, 'open');
  assert.equal(survey?.language, 'zh-TW', "in the customer's language");
  assert.equal(survey?.expiresAt, new Date(Date.parse(later(720)) + 30 * DAY * 60_000).toISOString());
  const [event] = await sentEvents(h, opened.id);
  assert.deepEqual(event?.data, { followUpId: sent?.id, surveyId: survey?.id, plan: 'email', language: 'zh-TW' });

  // Another minute, another sweeper: nothing goes out twice.
  await h.sweep(later(721));
  await Promise.all([t.deps.followups.sweep(), t.deps.followups.sweep()]);
  assert.equal((await sentEvents(h, opened.id)).length, 1);
  assert.equal((await h.surveys(opened.id)).length, 1);

  // The portal reads the survey through the module.
  const view = await t.deps.followups.getSurvey(survey?.id ?? '');
  assert.deepEqual(view && { ref: view.ref, language: view.language, problem: view.problem, status: view.status }, {
    ref: opened.ref,
    language: 'zh-TW',
    problem: '芒果爛了',
    status: 'open',
  });
});

scenarioOnBothBackends('a refund case is followed up only after the refund is delivered', async (t) => {
  const h = await harness(t);
  const opened = await h.open(complaintFixtures.refund);
  const refund = await h.approvedRefund(opened.id);
  await h.call(h.org.admin, 'POST', `/compensations/${refund.id}/customer-response`, { accepted: true });
  await h.resolve(h.org.agentA, opened.id);
  await drainJobs(t);
  const [waiting] = await h.followUps(opened.id);
  assert.equal(waiting?.status, 'waiting_remedy');
  assert.equal(waiting?.compensationId, refund.id);
  assert.equal(waiting?.dueAt, null);
  assert.equal(waiting?.plan, 'email_and_call', 'an e-mail case gets an e-mail and a call');

  await h.sweep(later(3 * DAY));
  assert.deepEqual(await sentEvents(h, opened.id), [], 'no follow-up while the refund is on its way');

  // The refund reached the customer two days after the resolution (recorded on day 3).
  await h.call(h.org.admin, 'POST', `/compensations/${refund.id}/delivered`, { deliveredAt: later(2 * DAY) });
  await drainJobs(t);
  const [scheduled] = await h.followUps(opened.id);
  assert.equal(scheduled?.status, 'scheduled');
  assert.equal(scheduled?.dueAt, later(3 * DAY));
  await h.sweep(later(3 * DAY));
  const [sent] = await h.followUps(opened.id);
  assert.equal(sent?.status, 'sent');
  // The call: a task for the case owner, in the case's language; the case stays resolved.
  const queue = await h.call<TaskQueue>(h.org.agentA, 'GET', '/tasks?mine=true');
  const callTask = queue.items.find((item) => item.case.id === opened.id);
  assert.ok(callTask?.task.question.startsWith('回访电话'), callTask?.task.question);
  assert.equal(callTask?.task.assigneeUserId, h.org.agentA.id);
  assert.ok(callTask?.task.question.includes(opened.ref), 'named by reference, not by the customer’s words');
  // One working day of the case's calendar; this case's policy has none, so every minute counts.
  assert.equal(callTask?.task.dueAt, later(3 * DAY + 8 * 60));
  assert.equal((await h.call<CaseDto>(h.org.agentA, 'GET', `/cases/${opened.id}`)).status, 'resolved');
});

scenarioOnBothBackends('the customer writes first: the follow-up is cancelled and never sent', async (t) => {
  const h = await harness(t);
  const opened = await h.openResolved(complaintFixtures.mango);
  t.clock.set(later(60));
  await h.customerWrites(opened.id, '謝謝，芒果已經收到了，品質很好');
  await drainJobs(t);
  const [cancelled] = await h.followUps(opened.id);
  assert.equal(cancelled?.status, 'cancelled');
  assert.equal(cancelled?.reason, 'customer_wrote');
  await h.sweep(later(2 * DAY));
  assert.deepEqual(await sentEvents(h, opened.id), []);
  assert.deepEqual(await h.surveys(opened.id), []);
  assert.ok((await h.timeline(opened.id)).some((e) => e.type === 'followup.cancelled'));
});

scenarioOnBothBackends('a 1/5 answer reopens the case and escalates it; a leaver says why; once only', async (t) => {
  const h = await harness(t);
  // Calm words: nothing but the survey escalates this case.
  const calm = { ...complaintFixtures.mango, description: '我三天前買的芒果全部爛了' };
  const { opened, survey } = await h.surveyed(calm);

  // The portal (having checked the survey link) answers as the system.
  await t.deps.followups.answerSurvey(
    portalActor,
    survey.id,
    { score: 1, solved: false, comment: '還是爛的', leaving: true, leavingReason: 'product_quality' },
    'portal',
  );
  const reopened = await h.call<CaseDto>(h.org.agentA, 'GET', `/cases/${opened.id}`);
  assert.equal(reopened.status, 'investigating', 'a poor answer reopens the resolved case');
  await drainJobs(t);
  const escalations = await h.call<{ items: { toRank: number; trigger: string }[] }>(
    h.org.supervisorA,
    'GET',
    `/cases/${opened.id}/escalations`,
  );
  assert.deepEqual(
    escalations.items.map((e) => [e.toRank, e.trigger]),
    [[1, 'poor_survey']],
  );
  const [answered] = await h.surveys(opened.id);
  assert.equal(answered?.status, 'answered');
  assert.equal(answered?.leaving, true);
  assert.equal(answered?.leavingReason, 'product_quality');
  assert.equal(answered?.answeredVia, 'portal');
  const event = (await h.timeline(opened.id)).find((e) => e.type === 'survey.answered');
  assert.equal(event?.data.poor, true);
  assert.equal(event?.data.leavingReason, 'product_quality');

  // A second answer, on the phone, is refused.
  const twice = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${opened.id}/surveys/${survey.id}/answer`,
    headers: h.org.agentA.headers,
    payload: { score: 5, solved: true },
  });
  assert.equal(twice.statusCode, 409, twice.body);
  assert.equal(twice.json<{ error: { code: string } }>().error.code, 'conflict');
  // Another case's id with this survey is not found; a stranger cannot see it at all.
  const other = await h.open(complaintFixtures.parcel);
  await h.call(h.org.agentA, 'POST', `/cases/${other.id}/surveys/${survey.id}/answer`, { score: 5, solved: true }, 404);
  await h.call(h.org.agentB, 'GET', `/cases/${opened.id}/surveys`, undefined, 404);
});

scenarioOnBothBackends('an answer taken on the phone is recorded by the agent', async (t) => {
  const h = await harness(t);
  const { opened, survey } = await h.surveyed(complaintFixtures.window);
  const answered = await h.call<SurveyDto>(h.org.agentA, 'POST', `/cases/${opened.id}/surveys/${survey.id}/answer`, {
    score: 4,
    solved: true,
    effort: 5,
    comment: '<b>fine</b>',
  });
  assert.equal(answered.answeredVia, 'phone');
  assert.equal(answered.comment, '<b>fine</b>', 'kept as given; shown as text');
  assert.equal((await h.call<CaseDto>(h.org.agentA, 'GET', `/cases/${opened.id}`)).status, 'resolved');
  await h.call(
    h.org.agentA,
    'POST',
    `/cases/${opened.id}/surveys/${survey.id}/answer`,
    { score: 9, solved: true },
    400,
  );
});

scenarioOnBothBackends('a survey past its time takes no answer (422) and reopens nothing', async (t) => {
  const h = await harness(t);
  const { opened, survey } = await h.surveyed(complaintFixtures.window);
  t.clock.set(survey.expiresAt);
  const late = await t.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${opened.id}/surveys/${survey.id}/answer`,
    headers: h.org.agentA.headers,
    payload: { score: 1, solved: false },
  });
  assert.equal(late.statusCode, 422, late.body);
  assert.equal(late.json<{ error: { code: string } }>().error.code, 'rule_violated');
  assert.equal((await h.surveys(opened.id))[0]?.status, 'expired');
  assert.equal((await h.call<CaseDto>(h.org.agentA, 'GET', `/cases/${opened.id}`)).status, 'resolved');
});

scenarioOnBothBackends(
  'the customer wrote before the resolution; its job runs after it: the follow-up stands',
  async (t) => {
    const h = await harness(t);
    const opened = await h.open(complaintFixtures.mango);
    await drainJobs(t);
    await h.call(h.org.agentA, 'POST', `/cases/${opened.id}/transitions`, { action: 'start_investigation' });
    await h.customerWrites(opened.id, '請問處理得怎麼樣了？');
    await h.call(h.org.agentA, 'POST', `/cases/${opened.id}/resolution`, {
      text: '已更換',
      kind: 'final',
      rootCauseId: h.rootCause,
    });
    await h.call(h.org.agentA, 'POST', `/cases/${opened.id}/transitions`, { action: 'resolve' });
    const jobs = await takeFollowUpJobs(t);
    // The resolution's job first, the (older) message's after it.
    await t.deps.followups.onCaseEvent(jobOf(jobs, 'case.status_changed', 'resolved'));
    await t.deps.followups.onCaseEvent(jobOf(jobs, 'case.message_recorded'));
    const [followUp] = await h.followUps(opened.id);
    assert.equal(followUp?.status, 'scheduled', 'a message older than the resolution cancels nothing');
    // Every job again, in order (a rerun): still one follow-up, still scheduled; it goes out.
    for (const job of jobs) await t.deps.followups.onCaseEvent(job);
    await drainJobs(t);
    assert.deepEqual(
      (await h.followUps(opened.id)).map((f) => f.status),
      ['scheduled'],
    );
    await h.sweep(later(DAY));
    assert.equal((await sentEvents(h, opened.id)).length, 1);
  },
);

scenarioOnBothBackends(
  'resolve, reopen, resolve with the jobs out of order: one follow-up, for the last resolution',
  async (t) => {
    const h = await harness(t);
    // Case 1: the first resolution's follow-up exists; the second resolution's job runs before the reopen's.
    const first = await h.openResolved(complaintFixtures.mango);
    const [original] = await h.followUps(first.id);
    assert.equal(original?.status, 'scheduled');
    t.clock.set(later(60));
    await h.reopen(h.org.agentA, first.id);
    await h.resolveAgain(h.org.agentA, first.id);
    let jobs = await takeFollowUpJobs(t);
    await t.deps.followups.onCaseEvent(jobOf(jobs, 'case.status_changed', 'resolved'));
    await t.deps.followups.onCaseEvent(jobOf(jobs, 'case.status_changed', 'investigating'));
    const replaced = await h.followUps(first.id);
    assert.deepEqual(
      replaced.map((f) => [f.status, f.reason, f.dueAt]),
      [
        ['cancelled', 'superseded', later(DAY)],
        ['scheduled', null, later(60 + DAY)],
      ],
    );
    await drainJobs(t);

    // Case 2: no job has run; they run newest first.
    const second = await h.open(complaintFixtures.parcel);
    await drainJobs(t);
    await h.resolve(h.org.agentA, second.id);
    await h.reopen(h.org.agentA, second.id);
    await h.resolveAgain(h.org.agentA, second.id);
    jobs = await takeFollowUpJobs(t);
    for (const job of [...jobs].reverse()) await t.deps.followups.onCaseEvent(job);
    const single = await h.followUps(second.id);
    assert.deepEqual(
      single.map((f) => f.status),
      ['scheduled'],
    );
    await drainJobs(t);
    await h.sweep(later(2 * DAY));
    assert.equal((await sentEvents(h, first.id)).length, 1);
    assert.equal((await sentEvents(h, second.id)).length, 1);
  },
);

scenarioOnBothBackends(
  'the send checks again: a message not yet heard, or follow-ups turned off, cancels it',
  async (t) => {
    const h = await harness(t);
    const wrote = await h.open(complaintFixtures.mango);
    const off = await h.open(complaintFixtures.window);
    await h.resolve(h.org.agentA, wrote.id);
    await h.resolve(h.org.agentA, off.id);
    await drainJobs(t);
    t.clock.set(later(60));
    await h.customerWrites(wrote.id);
    // The message's follow-up job is lost (or not run yet) when the follow-up falls due.
    await takeFollowUpJobs(t);
    await h.sweep(later(DAY));
    const [cancelled] = await h.followUps(wrote.id);
    assert.deepEqual([cancelled?.status, cancelled?.reason], ['cancelled', 'customer_wrote']);
    assert.deepEqual(await h.surveys(wrote.id), []);

    const another = await h.openResolved(complaintFixtures.refund);
    const settings = await h.call<Record<string, unknown>>(h.org.admin, 'GET', '/settings/followups');
    await h.call(h.org.admin, 'PUT', '/settings/followups', { ...settings, enabled: false });
    await h.sweep(later(3 * DAY));
    const [disabled] = await h.followUps(another.id);
    assert.deepEqual([disabled?.status, disabled?.reason], ['cancelled', 'followups_disabled']);
    assert.deepEqual(await sentEvents(h, another.id), []);
    // The first case went out before (its follow-up was due earlier than the switch).
    assert.equal((await h.followUps(off.id))[0]?.status, 'sent');
  },
);

scenarioOnBothBackends('a resolved case merged into another gets no follow-up', async (t) => {
  const h = await harness(t);
  const survivor = await h.open(complaintFixtures.mango);
  const heard = await h.open(complaintFixtures.mango);
  const unheard = await h.open(complaintFixtures.mango);
  await h.resolve(h.org.agentA, heard.id);
  await h.resolve(h.org.agentA, unheard.id);
  await drainJobs(t);
  await h.call(h.org.supervisorA, 'POST', `/cases/${survivor.id}/merge`, { duplicateId: heard.id });
  await drainJobs(t);
  const [merged] = await h.followUps(heard.id);
  assert.deepEqual([merged?.status, merged?.reason], ['cancelled', 'case_merged']);
  // The merge's follow-up job has not run when the follow-up falls due: the send sees the merge.
  await h.call(h.org.supervisorA, 'POST', `/cases/${survivor.id}/merge`, { duplicateId: unheard.id });
  await takeFollowUpJobs(t);
  await h.sweep(later(DAY));
  const [atSend] = await h.followUps(unheard.id);
  assert.deepEqual([atSend?.status, atSend?.reason], ['cancelled', 'case_merged']);
  assert.deepEqual(await sentEvents(h, heard.id), []);
  assert.deepEqual(await sentEvents(h, unheard.id), []);
});

scenarioOnBothBackends('poor_survey turned off: a poor answer still escalates through the reopen', async (t) => {
  const h = await harness(t);
  const { triggers } = await h.call<{ triggers: Record<string, unknown>[] }>(
    h.org.admin,
    'GET',
    '/escalation/triggers',
  );
  await h.call(h.org.admin, 'PUT', '/escalation/triggers', {
    triggers: triggers.map(({ id: _id, ...rest }) =>
      rest.kind === 'poor_survey' ? { ...rest, enabled: false } : rest,
    ),
  });
  const calm = { ...complaintFixtures.mango, description: '我三天前買的芒果全部爛了' };
  const { opened, survey } = await h.surveyed(calm);
  await t.deps.followups.answerSurvey(portalActor, survey.id, { score: 1, solved: false }, 'portal');
  await drainJobs(t);
  const escalations = await h.call<{ items: { toRank: number; trigger: string }[] }>(
    h.org.supervisorA,
    'GET',
    `/cases/${opened.id}/escalations`,
  );
  assert.deepEqual(
    escalations.items.map((e) => [e.toRank, e.trigger]),
    [[1, 'reopen']],
  );
});

scenarioOnBothBackends('reopened and resolved again: the old survey expires, one new follow-up goes out', async (t) => {
  const h = await harness(t);
  const opened = await h.openResolved(complaintFixtures.mango);
  await h.sweep(later(DAY));
  const [old] = await h.surveys(opened.id);
  assert.equal(old?.status, 'open');
  await h.reopen(h.org.agentA, opened.id);
  await h.resolveAgain(h.org.agentA, opened.id);
  await drainJobs(t);
  assert.equal((await h.surveys(opened.id))[0]?.status, 'expired', 'a new resolution retires the old survey');
  // The old link answered badly cannot reopen the case resolved anew.
  await assert.rejects(
    t.deps.followups.answerSurvey(portalActor, old?.id ?? '', { score: 1, solved: false }, 'portal'),
    /expired/,
  );
  assert.equal((await h.call<CaseDto>(h.org.agentA, 'GET', `/cases/${opened.id}`)).status, 'resolved');
  await h.sweep(later(2 * DAY + 1));
  const followUps = await h.followUps(opened.id);
  assert.deepEqual(
    followUps.map((f) => f.status),
    ['sent', 'sent'],
  );
  const surveys = await h.surveys(opened.id);
  assert.deepEqual(
    surveys.map((s) => [s.id === old?.id, s.status]),
    [
      [true, 'expired'],
      [false, 'open'],
    ],
  );
  assert.equal((await sentEvents(h, opened.id)).length, 2);
});

scenarioOnBothBackends(
  'a remedy declined: the follow-up is due a delay after the decline, not after its job',
  async (t) => {
    const h = await harness(t);
    const opened = await h.open(complaintFixtures.refund);
    const refund = await h.approvedRefund(opened.id);
    await h.resolve(h.org.agentA, opened.id);
    await drainJobs(t);
    assert.equal((await h.followUps(opened.id))[0]?.status, 'waiting_remedy');
    t.clock.set(later(DAY));
    await h.call(h.org.admin, 'POST', `/compensations/${refund.id}/customer-response`, { accepted: false });
    // The job runs a day late.
    t.clock.set(later(2 * DAY));
    await drainJobs(t);
    const [scheduled] = await h.followUps(opened.id);
    assert.equal(scheduled?.status, 'scheduled');
    assert.equal(scheduled?.dueAt, later(2 * DAY));
    await h.sweep(later(2 * DAY));
    assert.equal((await sentEvents(h, opened.id)).length, 1);
  },
);

scenarioOnBothBackends(
  'a proposal still waiting holds the follow-up; its refusal releases it at the refusal’s time',
  async (t) => {
    const h = await harness(t);
    const opened = await h.open(complaintFixtures.mango);
    const proposal = await insertCompensation(t, { caseId: opened.id, requiredRank: 0, proposedAt: t.clock.now() });
    await h.resolve(h.org.agentA, opened.id);
    await drainJobs(t);
    const [waiting] = await h.followUps(opened.id);
    assert.deepEqual([waiting?.status, waiting?.compensationId], ['waiting_remedy', proposal]);
    assert.equal(waiting?.waitUntil, later(30 * DAY));
    await h.sweep(later(2 * DAY));
    assert.deepEqual(await sentEvents(h, opened.id), [], 'held while the proposal waits');
    t.clock.set(later(2 * DAY));
    await h.call(h.org.admin, 'POST', `/compensations/${proposal}/reject`, { note: 'no' });
    t.clock.set(later(4 * DAY));
    await drainJobs(t);
    const [released] = await h.followUps(opened.id);
    assert.deepEqual([released?.status, released?.dueAt], ['scheduled', later(3 * DAY)]);
  },
);

scenarioOnBothBackends('a remedy never delivered: after the longest wait the follow-up goes out anyway', async (t) => {
  const h = await harness(t);
  const settings = await h.call<Record<string, unknown>>(h.org.admin, 'GET', '/settings/followups');
  assert.equal(settings.maxRemedyWaitDays, 30);
  await h.call(h.org.admin, 'PUT', '/settings/followups', { ...settings, maxRemedyWaitDays: 3 });
  const opened = await h.open(complaintFixtures.mango);
  await insertCompensation(t, { caseId: opened.id, requiredRank: 0, proposedAt: t.clock.now(), status: 'accepted' });
  await h.resolve(h.org.agentA, opened.id);
  await drainJobs(t);
  await h.sweep(later(3 * DAY - 1));
  assert.equal((await h.followUps(opened.id))[0]?.status, 'waiting_remedy');
  await h.sweep(later(3 * DAY));
  const [sent] = await h.followUps(opened.id);
  assert.deepEqual([sent?.status, sent?.reason], ['sent', 'remedy_wait_exceeded']);
  const scheduled = (await h.timeline(opened.id)).filter((e) => e.type === 'followup.scheduled');
  assert.equal(scheduled.at(-1)?.data.reason, 'remedy_wait_exceeded');
});

scenarioOnBothBackends('plan and language are settled at sending, from the customer as merged', async (t) => {
  const h = await harness(t);
  // A phone complaint from a customer with no e-mail address: planned as a call.
  const opened = await h.openResolved(complaintFixtures.parcel);
  assert.equal((await h.followUps(opened.id))[0]?.plan, 'call');
  // Before it goes out, that customer turns out to be one we know, with an address and English.
  const known = await h.open(complaintFixtures.window);
  await h.call(h.org.supervisorA, 'POST', `/customers/${known.customer.id}/merge`, {
    duplicateId: opened.customer.id,
    reason: 'the same person',
  });
  await drainJobs(t);
  await h.sweep(later(DAY));
  const [sent] = await h.followUps(opened.id);
  assert.deepEqual([sent?.status, sent?.plan], ['sent', 'email']);
  assert.equal((await h.surveys(opened.id))[0]?.language, 'en');
  const [event] = await sentEvents(h, opened.id);
  assert.deepEqual([event?.data.plan, event?.data.language], ['email', 'en']);
});

scenarioOnBothBackends('one follow-up that fails does not stop the sweep', async (t) => {
  const h = await harness(t);
  const broken = await h.open(complaintFixtures.mango);
  const fine = await h.open(complaintFixtures.window);
  await h.resolve(h.org.agentA, broken.id);
  await h.resolve(h.org.agentA, fine.id);
  await drainJobs(t);
  const [bad] = await h.followUps(broken.id);
  assert.ok(bad);
  // A store whose read of one follow-up fails (as a corrupt row or a dropped connection would).
  const failing = createFollowUpService({
    clock: t.clock,
    store: unitOfWork(t.deps.db, (tx) => {
      const port = followUpStore(t.deps.clockConfig)(tx);
      const findFollowUp = (id: string) =>
        id === bad.id
          ? Promise.reject(new Error(`${complaintFixtures.mango.customer.email}`))
          : port.followups.findFollowUp(id);
      return { ...port, followups: { ...port.followups, findFollowUp } };
    }),
  });
  t.clock.set(later(DAY));
  const result = await failing.sweep();
  assert.equal(result.sent, 1);
  assert.deepEqual(result.failed, [{ followUpId: bad.id, error: 'Error' }], 'the id and the kind of error, no message');
  assert.equal((await h.followUps(fine.id))[0]?.status, 'sent');
  assert.equal((await h.followUps(broken.id))[0]?.status, 'scheduled', 'left for the next sweep');
  await h.sweep(later(DAY + 1));
  assert.equal((await h.followUps(broken.id))[0]?.status, 'sent');
});

scenarioOnBothBackends('the follow-up call is due one working day later, in the case calendar’s time', async (t) => {
  const h = await harness(t);
  // Taipei office hours, Monday to Friday 09:00–17:30, chosen for every case by one policy.
  const stamp = toDbTime(t.clock.now());
  await t.deps.db.write(async (tx) => {
    await tx
      .insertInto('calendars')
      .values({
        id: 'cal_tpe',
        name: 'Taipei office',
        time_zone: 'Asia/Taipei',
        week: toDbJson([...Array.from({ length: 5 }, () => [[540, 1050]]), [], []]),
        preset: null,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
    await tx
      .insertInto('service_policies')
      .values({
        id: 'pol_tpe',
        name: 'Taipei',
        rank: 1,
        conditions: toDbJson({}),
        calendar_id: 'cal_tpe',
        targets: toDbJson({ acknowledge: null, firstResponse: null, keepInLoop: null, resolve: null }),
        regulatory: null,
        pause_statuses: toDbJson(['waiting_on_customer']),
        warn_percents: toDbJson([50, 80]),
        preset: null,
        enabled: true,
        created_at: stamp,
        updated_at: stamp,
      })
      .execute();
  });
  // An e-mail case: an e-mail and a call. Resolved Monday 17:00 in Taipei, sent Tuesday 17:00.
  const opened = await h.openResolved(complaintFixtures.refund);
  await h.sweep(later(DAY));
  const queue = await h.call<TaskQueue>(h.org.agentA, 'GET', '/tasks?mine=true');
  const callTask = queue.items.find((item) => item.case.id === opened.id);
  // Half an hour on Tuesday, seven and a half on Wednesday: Wednesday 16:30 in Taipei.
  assert.equal(callTask?.task.dueAt, '2026-03-04T08:30:00.000Z');
});
