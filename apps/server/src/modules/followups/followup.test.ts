import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  answerOf,
  cancelFollowUp,
  DEFAULT_FOLLOWUP_SETTINGS,
  newSurvey,
  planFor,
  problemLine,
  readFollowUpSettings,
  remedySettled,
  scheduleOnResolution,
  type RemedyFacts,
} from './followup.ts';

const at = new Date('2026-03-02T09:00:00.000Z');
const hours = (n: number) => new Date(at.getTime() + n * 3_600_000);
const settings = DEFAULT_FOLLOWUP_SETTINGS;
const resolution = (remedies: RemedyFacts[] = [], channel: 'phone' | 'email' = 'phone') =>
  scheduleOnResolution(
    { id: 'fup_1', caseId: 'case_1', channel, hasEmail: true, resolvedAt: at, remedies, sourceEventId: 'evt_1' },
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
    const delivered = remedySettled(waiting, 'cmp_1', { deliveredAt: hours(48) }, [], settings, hours(50));
    assert.equal(delivered?.followUp.status, 'scheduled');
    assert.deepEqual(delivered?.followUp.dueAt, hours(72));
    assert.equal(remedySettled(waiting, 'cmp_9', { deliveredAt: hours(48) }, [], settings, hours(50)), undefined);
    // Two remedies: the second is waited for in turn.
    const next = remedySettled(
      waiting,
      'cmp_1',
      { deliveredAt: hours(48) },
      [refund('approved', 'cmp_2')],
      settings,
      at,
    );
    assert.equal(next?.followUp.status, 'waiting_remedy');
    assert.equal(next?.followUp.compensationId, 'cmp_2');
    const declined = remedySettled(waiting, 'cmp_1', 'declined', [], settings, hours(5));
    assert.deepEqual(declined?.followUp.dueAt, hours(29));
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
