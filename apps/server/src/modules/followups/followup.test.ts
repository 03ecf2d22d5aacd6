import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  answerOf,
  cancelFollowUp,
  DEFAULT_FOLLOWUP_SETTINGS,
  newSurvey,
  callQuestion,
  markSent,
  planFor,
  problemLine,
  readFollowUpSettings,
  remedySettled,
  remedyWaitOver,
  scheduleOnResolution,
  surveyLanguage,
  type RemedyFacts,
} from './followup.ts';

const at = new Date('2026-03-02T09:00:00.000Z');
const hours = (n: number) => new Date(at.getTime() + n * 3_600_000);
const settings = DEFAULT_FOLLOWUP_SETTINGS;
const resolution = (remedies: RemedyFacts[] = [], channel: 'phone' | 'email' = 'phone') =>
  scheduleOnResolution(
    {
      id: 'fup_1',
      caseId: 'case_1',
      channel,
      hasEmail: true,
      resolvedAt: at,
      remedies,
      sourceEventId: 'evt_1',
      sourceSeq: 10,
    },
    settings,
    at,
  );
const refund = (status: RemedyFacts['status'], id = 'cmp_1'): RemedyFacts => ({
  id,
  kind: 'refund',
  status,
  deliveredAt: null,
});

describe('follow-up rules (article 001)', () => {
  it('an instant fix is followed up a day after the resolution', () => {
    const { followUp, events } = resolution();
    assert.equal(followUp.status, 'scheduled');
    assert.deepEqual(followUp.dueAt, hours(24));
    assert.equal(events[0]?.type, 'followup.scheduled');
  });
  it('a remedy on its way is waited for, then the follow-up is due after its delivery', () => {
    const waiting = resolution([refund('declined', 'cmp_0'), refund('accepted')]).followUp;
    assert.equal(waiting.status, 'waiting_remedy');
    assert.equal(waiting.compensationId, 'cmp_1');
    assert.equal(waiting.dueAt, null);
    const delivered = remedySettled(
      waiting,
      'cmp_1',
      { delivered: true, deliveredAt: hours(48) },
      [],
      settings,
      hours(50),
    );
    assert.equal(delivered?.followUp.status, 'scheduled');
    assert.deepEqual(delivered?.followUp.dueAt, hours(72));
    assert.equal(
      remedySettled(waiting, 'cmp_9', { delivered: true, deliveredAt: hours(48) }, [], settings, hours(50)),
      undefined,
    );
    // Two remedies: the second is waited for in turn.
    const next = remedySettled(
      waiting,
      'cmp_1',
      { delivered: true, deliveredAt: hours(48) },
      [refund('approved', 'cmp_2')],
      settings,
      at,
    );
    assert.equal(next?.followUp.status, 'waiting_remedy');
    assert.equal(next?.followUp.compensationId, 'cmp_2');
    // Declined at hour 5 (the event's time), its job run at hour 40: due a day after the decline.
    const declined = remedySettled(waiting, 'cmp_1', { delivered: false, at: hours(5) }, [], settings, hours(40));
    assert.deepEqual(declined?.followUp.dueAt, hours(29));
    assert.equal(declined?.followUp.waitUntil, null);
  });
  it('a proposal not yet approved is waited for too, at most maxRemedyWaitDays', () => {
    const waiting = resolution([refund('proposed')]).followUp;
    assert.equal(waiting.status, 'waiting_remedy');
    assert.deepEqual(waiting.waitUntil, hours(30 * 24));
    assert.equal(remedyWaitOver(waiting, hours(30 * 24 - 1)), undefined);
    const anyway = remedyWaitOver(waiting, hours(30 * 24 + 5));
    assert.equal(anyway?.followUp.status, 'scheduled');
    assert.deepEqual(anyway?.followUp.dueAt, hours(30 * 24));
    assert.equal(anyway?.followUp.reason, 'remedy_wait_exceeded');
    assert.equal(anyway?.events[0]?.payload.reason, 'remedy_wait_exceeded');
  });
  it('a remedy already delivered when the case is resolved still gets its time', () => {
    const delivered: RemedyFacts = { ...refund('delivered'), deliveredAt: hours(10) };
    assert.deepEqual(resolution([delivered]).followUp.dueAt, hours(34));
    assert.deepEqual(resolution([{ ...delivered, deliveredAt: hours(-48) }]).followUp.dueAt, hours(24));
  });
  it('e-mail cases get an e-mail and a call; phone cases an e-mail; no address, a call', () => {
    assert.equal(planFor('phone', true), 'email');
    assert.equal(planFor('web', true), 'email');
    assert.equal(planFor('email', true), 'email_and_call');
    assert.equal(planFor('phone', false), 'call');
    assert.equal(resolution([], 'email').followUp.plan, 'email_and_call');
  });
  it('only a pending follow-up is cancelled', () => {
    const cancelled = cancelFollowUp(resolution().followUp, 'customer_wrote', at);
    assert.equal(cancelled?.followUp.status, 'cancelled');
    assert.deepEqual(cancelled?.events[0]?.payload, { followUpId: 'fup_1', reason: 'customer_wrote' });
    assert.equal(cancelFollowUp(cancelled.followUp, 'customer_wrote', at), undefined);
  });
  it('only an event newer than the resolution cancels its follow-up', () => {
    const followUp = resolution().followUp; // scheduled by event 10
    assert.equal(cancelFollowUp(followUp, 'customer_wrote', at, 9), undefined, 'written before the resolution');
    assert.equal(cancelFollowUp(followUp, 'case_reopened', at, 10), undefined);
    assert.equal(cancelFollowUp(followUp, 'customer_wrote', at, 11)?.followUp.status, 'cancelled');
  });
  it('is sent with the plan and language of the moment, and no words of the customer', () => {
    const sent = markSent(resolution().followUp, { surveyId: 'srv_1', plan: 'call', language: 'th' }, at);
    assert.equal(sent.followUp.plan, 'call');
    assert.deepEqual(sent.events[0]?.payload, { followUpId: 'fup_1', surveyId: 'srv_1', plan: 'call', language: 'th' });
    assert.equal(callQuestion('en', 'C-2026-000001').includes('C-2026-000001'), true);
    assert.equal(surveyLanguage('th', 'en'), 'th');
    assert.equal(surveyLanguage('fr', 'zh-CN'), 'zh-CN');
    assert.equal(surveyLanguage(null, null), 'en');
  });
  it('settings fall back to the defaults for anything missing or out of range', () => {
    assert.deepEqual(readFollowUpSettings(undefined), settings);
    assert.deepEqual(readFollowUpSettings({ delayMinutes: 60, surveyValidDays: 0, enabled: 'no' }), {
      ...settings,
      delayMinutes: 60,
    });
  });
});

describe('the problem in one line', () => {
  it('is the subject, or the first sentence of the description, in the customer’s words', () => {
    assert.equal(problemLine('芒果爛了', '我三天前買的芒果全部爛了'), '芒果爛了');
    assert.equal(problemLine(null, '我三天前買的芒果全部爛了。你們是騙子'), '我三天前買的芒果全部爛了。');
    assert.equal(problemLine('  ', 'The window will not go up. It is freezing.'), 'The window will not go up.');
    assert.equal(problemLine(null, 'first line\nsecond line'), 'first line');
  });
  it('is clipped to 120 characters at a word', () => {
    const long = problemLine(null, `${'word '.repeat(60)}end`);
    assert.ok([...long].length <= 120);
    assert.ok(long.endsWith('word…'));
    const thai = problemLine(null, 'ก'.repeat(300));
    assert.equal([...thai].length, 120);
  });
});

describe('survey answers (articles 001, 003)', () => {
  const survey = newSurvey(
    { id: 'srv_1', caseId: 'case_1', customerId: 'cus_1', followUpId: 'fup_1', language: 'th' },
    settings,
    at,
  );
  it('a poor score or an unsolved problem is a poor answer', () => {
    assert.equal(answerOf(survey, { score: 1, solved: true }, 'portal', null, at).poor, true);
    assert.equal(answerOf(survey, { score: 4, solved: false }, 'portal', null, at).poor, true);
    assert.equal(answerOf(survey, { score: 3, solved: true }, 'portal', null, at).poor, false);
  });
  it('records why a leaving customer leaves', () => {
    const { survey: answered, events } = answerOf(
      survey,
      { score: 2, solved: true, leavingReason: 'service', comment: '  slow  ' },
      'phone',
      'usr_1',
      at,
    );
    assert.equal(answered.leaving, true);
    assert.equal(answered.leavingReason, 'service');
    assert.equal(answered.comment, 'slow');
    assert.equal(events[0]?.payload.leavingReason, 'service');
    assert.throws(
      () => answerOf(survey, { score: 2, solved: true, leaving: false, leavingReason: 'service' }, 'portal', null, at),
      /leaving reason/,
    );
  });
  it('is answered once, and not after it expires', () => {
    const answered = answerOf(survey, { score: 5, solved: true }, 'portal', null, at).survey;
    assert.throws(() => answerOf(answered, { score: 5, solved: true }, 'portal', null, at), /already been answered/);
    assert.throws(() => answerOf(survey, { score: 5, solved: true }, 'portal', null, hours(24 * 31)), /expired/);
  });
});
