import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { buildTestApp, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs } from '../../../test/factories/cases.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import { WEBHOOK_FANOUT_JOB } from './webhook.ts';

/** Asks until the subscriptions have been read (the first answer is always "yes, maybe"). */
const settledAnswer = async (t: TestApp, eventType: string): Promise<boolean> => {
  t.deps.webhooks.wantsEvent(eventType);
  for (let i = 0; i < 100; i += 1) {
    await sleep(5);
    const answer = t.deps.webhooks.wantsEvent(eventType);
    if (!answer) return false;
    // Still true: either known to be wanted or not read yet; give the read a moment, then trust it.
    if (i > 20) return answer;
  }
  return true;
};

const fanOutJobs = async (t: TestApp): Promise<number> => {
  const row = await t.deps.db.read
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('name', '=', WEBHOOK_FANOUT_JOB)
    .executeTakeFirstOrThrow();
  return Number(row.n);
};

test('events no subscription wants leave no fan-out job; a new subscription is heard of at once', async (ctx) => {
  const t = await buildTestApp();
  ctx.after(() => t.close());
  // Unknown at first: the fan-out is queued rather than an event lost.
  assert.equal(t.deps.webhooks.wantsEvent('case.created'), true);
  const org = await createTestOrg(t);
  assert.equal(await settledAnswer(t, 'case.created'), false);

  const before = await fanOutJobs(t);
  await openCaseAs(t, org.agentA, complaintFixtures.mango);
  assert.equal(await fanOutJobs(t), before, 'no subscriber: no fan-out rows');

  await t.deps.webhooks.createSubscription(systemContext('test'), {
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['case.created'],
  });
  // This instance forgets what it knew the moment a subscription changes.
  assert.equal(t.deps.webhooks.wantsEvent('case.created'), true);
  assert.equal(await settledAnswer(t, 'case.note_added'), false);
  assert.equal(await settledAnswer(t, 'case.created'), true);

  const opened = await fanOutJobs(t);
  await openCaseAs(t, org.agentA, complaintFixtures.parcel);
  assert.equal(await fanOutJobs(t), opened + 1, 'the subscribed event type is fanned out');
});

test('a read of the subscriptions begun before one is created does not hide it', async (ctx) => {
  const t = await buildTestApp();
  ctx.after(() => t.close());
  // The first question starts a read of the subscriptions; the subscription is created while it runs.
  assert.equal(t.deps.webhooks.wantsEvent('case.note_added'), true);
  await t.deps.webhooks.createSubscription(systemContext('test'), {
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['case.note_added'],
  });
  assert.equal(await settledAnswer(t, 'case.note_added'), true);
  assert.equal(await settledAnswer(t, 'case.created'), false);
});
