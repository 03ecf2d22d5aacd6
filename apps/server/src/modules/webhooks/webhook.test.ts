import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import {
  generateSecret,
  MAX_DELIVERY_ATTEMPTS,
  nextAttemptAfter,
  normaliseEventTypes,
  subscriptionProblems,
  wantsEvent,
  webhookBody,
} from './webhook.ts';

const at = new Date('2026-03-02T09:00:00.000Z');

test('retries back off 30 s × 2^(n-1) and stop after the last attempt', () => {
  assert.equal(nextAttemptAfter(1, at)?.getTime(), at.getTime() + 30_000);
  assert.equal(nextAttemptAfter(2, at)?.getTime(), at.getTime() + 60_000);
  assert.equal(nextAttemptAfter(7, at)?.getTime(), at.getTime() + 30_000 * 64);
  assert.equal(nextAttemptAfter(MAX_DELIVERY_ATTEMPTS, at), null);
});

test('subscriptions: http(s) URLs and catalogued event types only; `*` wants everything', () => {
  assert.deepEqual(subscriptionProblems({ url: 'https://example.test/h', eventTypes: ['case.created', '*'] }), []);
  assert.equal(subscriptionProblems({ url: 'file:///etc/passwd', eventTypes: ['case.created'] }).length, 1);
  assert.deepEqual(
    subscriptionProblems({ url: 'https://example.test/h', eventTypes: ['case.created', 'nope'] }).map((p) => p.field),
    ['/body/eventTypes/1'],
  );
  assert.deepEqual(normaliseEventTypes(['case.created', '*']), ['*']);
  assert.deepEqual(normaliseEventTypes(['clock.met', 'case.created', 'clock.met']), ['case.created', 'clock.met']);
  assert.equal(wantsEvent(['*'], 'clock.met'), true);
  assert.equal(wantsEvent(['case.created'], 'clock.met'), false);
});

test('a generated secret signs a body the Standard Webhooks verifier accepts', () => {
  const secret = generateSecret();
  assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
  assert.notEqual(secret, generateSecret());
  const body = webhookBody(
    { id: 'evt_1', type: 'case.created', subjectType: 'case', subjectId: 'case_1', occurredAt: at, payload: { a: 1 } },
    at,
  );
  const now = new Date();
  const headers = {
    'webhook-id': 'whd_1',
    'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign('whd_1', now, body),
  };
  assert.deepEqual(new Webhook(secret).verify(body, headers), {
    type: 'case.created',
    timestamp: at.toISOString(),
    data: {
      eventId: 'evt_1',
      subjectType: 'case',
      subjectId: 'case_1',
      occurredAt: at.toISOString(),
      payload: { a: 1 },
    },
  });
});
