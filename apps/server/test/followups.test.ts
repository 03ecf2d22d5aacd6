import assert from 'node:assert/strict';
import type { CaseDto, FollowUpList, SurveyDto, SurveyList, TaskQueue } from '@redress/contract';
import { systemContext } from '../src/shared/unit-of-work.ts';
import type { TestApp } from './factories.ts';
import { complaintFixtures, createConfig, createTestOrg, openCaseAs, type OrgUser } from './factories/cases.ts';
import { drainJobs, runCronSlot } from './factories/notifications.ts';
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
  followUps(caseId: string): Promise<FollowUpList['items']>;
  surveys(caseId: string): Promise<SurveyDto[]>;
  timeline(caseId: string): Promise<{ type: string; data: Record<string, unknown> }[]>;
  sweep(at: string): Promise<void>;
}

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
  return {
    org,
    rootCause,
    call,
    async resolve(as, caseId) {
      await call(as, 'POST', `/cases/${caseId}/transitions`, { action: 'start_investigation' });
      await call(as, 'POST', `/cases/${caseId}/resolution`, {
        text: '已更換並致電說明',
        kind: 'final',
        rootCauseId: rootCause,
      });
      await call(as, 'POST', `/cases/${caseId}/transitions`, { action: 'resolve' });
    },
    followUps: async (caseId) => (await call<FollowUpList>(org.supervisorA, 'GET', `/cases/${caseId}/followups`)).items,
    surveys: async (caseId) => (await call<SurveyList>(org.supervisorA, 'GET', `/cases/${caseId}/surveys`)).items,
    timeline: async (caseId) =>
      (await call<CaseDto>(org.supervisorA, 'GET', `/cases/${caseId}`)).timeline?.map((e) => ({
        type: e.type,
        data: e.data,
      })) ?? [],
    async sweep(at) {
      t.clock.set(at);
      slot += 1;
      await runCronSlot(t, 'followups.sweep', `${at}#${slot}`);
    },
  };
};

const sentEvents = async (h: Harness, caseId: string) =>
  (await h.timeline(caseId)).filter((e) => e.type === 'followup.sent');

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

  const opened = await openCaseAs(t, h.org.agentA, { ...complaintFixtures.mango, siteId: h.org.siteA });
  await h.resolve(h.org.agentA, opened.id);
  await drainJobs(t);
  const [scheduled] = await h.followUps(opened.id);
  assert.equal(scheduled?.status, 'scheduled');
  assert.equal(scheduled?.plan, 'email', 'a phone case is followed up by e-mail');
  assert.equal(scheduled?.dueAt, later(720));

  await h.sweep(later(719));
  assert.equal((await h.followUps(opened.id))[0]?.status, 'scheduled', 'not before the delay');
  assert.deepEqual(await h.surveys(opened.id), []);

  await h.sweep(later(720));
  const [sent] = await h.followUps(opened.id);
  assert.equal(sent?.status, 'sent');
  const [survey] = await h.surveys(opened.id);
  assert.equal(survey?.status, 'open');
  assert.equal(survey?.language, 'zh-TW', "in the customer's language");
  assert.equal(survey?.expiresAt, new Date(Date.parse(later(720)) + 30 * DAY * 60_000).toISOString());
  const [event] = await sentEvents(h, opened.id);
  assert.deepEqual(event?.data, { followUpId: sent?.id, surveyId: survey?.id, plan: 'email', problem: '芒果爛了' });

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
  const opened = await openCaseAs(t, h.org.agentA, { ...complaintFixtures.refund, siteId: h.org.siteA });
  const refund = await h.call<{ id: string; status: string }>(
    h.org.admin,
    'POST',
    `/cases/${opened.id}/compensations`,
    { kind: 'refund', amount: 12_000, currency: 'CNY', description: '全额退款' },
    201,
  );
  if (refund.status === 'proposed') await h.call(h.org.admin, 'POST', `/compensations/${refund.id}/approve`, {});
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
  assert.equal((await h.call<CaseDto>(h.org.agentA, 'GET', `/cases/${opened.id}`)).status, 'resolved');
});

scenarioOnBothBackends('the customer writes first: the follow-up is cancelled and never sent', async (t) => {
  const h = await harness(t);
  const opened = await openCaseAs(t, h.org.agentA, { ...complaintFixtures.mango, siteId: h.org.siteA });
  await h.resolve(h.org.agentA, opened.id);
  await drainJobs(t);
  t.clock.set(later(60));
  await h.call(h.org.agentA, 'POST', `/cases/${opened.id}/messages`, {
    direction: 'inbound',
    channel: 'email',
    body: '謝謝，芒果已經收到了，品質很好',
  });
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
  const opened = await openCaseAs(t, h.org.agentA, { ...calm, siteId: h.org.siteA });
  await h.resolve(h.org.agentA, opened.id);
  await drainJobs(t);
  await h.sweep(later(DAY));
  const [survey] = await h.surveys(opened.id);
  assert.ok(survey);

  // The portal (having checked the survey link) answers as the system.
  const portal = { actor: { kind: 'system', name: 'portal' }, requestId: null } as const;
  await t.deps.followups.answerSurvey(
    portal,
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
  const other = await openCaseAs(t, h.org.agentA, { ...complaintFixtures.parcel, siteId: h.org.siteA });
  await h.call(h.org.agentA, 'POST', `/cases/${other.id}/surveys/${survey.id}/answer`, { score: 5, solved: true }, 404);
  await h.call(h.org.agentB, 'GET', `/cases/${opened.id}/surveys`, undefined, 404);
});

scenarioOnBothBackends('an answer taken on the phone is recorded by the agent', async (t) => {
  const h = await harness(t);
  const opened = await openCaseAs(t, h.org.agentA, { ...complaintFixtures.window, siteId: h.org.siteA });
  await h.resolve(h.org.agentA, opened.id);
  await drainJobs(t);
  await h.sweep(later(DAY));
  const [survey] = await h.surveys(opened.id);
  assert.ok(survey);
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
