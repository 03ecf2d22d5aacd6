import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ServicePolicy } from '../policies/index.ts';
import {
  complaintDescription,
  droppedFormRef,
  firstNameOf,
  maskEmail,
  nextUpdateBy,
  policyPromises,
} from './portal.ts';
import { createRateLimiter } from './rate-limit.ts';

const at = (iso: string) => new Date(iso);

test('agents are shown by first name; a Chinese name without spaces by its given name', () => {
  assert.equal(firstNameOf('Sarah Mitchell'), 'Sarah');
  assert.equal(firstNameOf('สมชาย ใจดี'), 'สมชาย');
  assert.equal(firstNameOf('陳美玲'), '美玲');
  assert.equal(firstNameOf('王磊'), '王磊');
  assert.equal(firstNameOf('  '), null);
  assert.equal(firstNameOf(null), null);
});

test("a robot's form is answered with a reference no case has", () => {
  assert.equal(droppedFormRef(at('2026-12-31T23:59:59Z')), 'C-2026-000000');
});

test('e-mail addresses are masked to their first character and domain', () => {
  assert.equal(maskEmail('somying@example.co.th'), 's***@example.co.th');
  assert.equal(maskEmail('陳@example.tw'), '陳***@example.tw');
  assert.equal(maskEmail('broken'), '***');
});

test('the expectation is its own paragraph, labelled in the customer language', () => {
  assert.equal(complaintDescription(' Late. ', ' A refund ', 'en'), 'Late.\n\nWhat I expect: A refund');
  assert.equal(complaintDescription('遲到', undefined, 'zh-TW'), '遲到');
});

test('the next update skips met clocks', () => {
  const clocks = [
    { kind: 'acknowledge', state: 'running', dueAt: at('2026-03-02T10:00:00Z') },
    { kind: 'first_response', state: 'met', dueAt: at('2026-03-02T13:00:00Z') },
    { kind: 'keep_in_loop', state: 'running', dueAt: at('2026-03-04T09:00:00Z') },
  ];
  assert.equal(nextUpdateBy(clocks, [])?.toISOString(), '2026-03-04T09:00:00.000Z');
  assert.equal(nextUpdateBy(clocks, [at('2026-03-03T12:00:00Z')])?.toISOString(), '2026-03-03T12:00:00.000Z');
  assert.equal(nextUpdateBy(clocks.slice(0, 1), [])?.toISOString(), '2026-03-02T10:00:00.000Z');
  assert.equal(nextUpdateBy([], []), null);
});

test('a policy in words, in each language', () => {
  const policy: ServicePolicy = {
    id: 'pol_1',
    name: 'FCA',
    rank: 1,
    conditions: {},
    calendarId: null,
    targets: {
      acknowledge: { unit: 'working_minutes', amount: 60 },
      firstResponse: { unit: 'working_days', amount: 3 },
      keepInLoop: null,
      resolve: { unit: 'calendar_days', amount: 1 },
    },
    regulatory: { days: 56, label: 'FCA DISP' },
    pauseStatuses: [],
    warnPercents: [80],
    preset: null,
    enabled: true,
  };
  assert.deepEqual(policyPromises(policy, 'en'), [
    'We confirm we have your complaint within 1 working hour.',
    'We reply to you within 3 working days.',
    'We aim to resolve it within 1 day.',
    'FCA DISP: a final response within 56 days.',
  ]);
  assert.equal(policyPromises(policy, 'zh-TW')[1], '我們會在 3 個工作天內回覆您。');
  assert.equal(policyPromises(policy, 'zh-CN')[1], '我们会在 3 个工作日内回复您。');
  assert.equal(policyPromises(policy, 'th')[1], 'เราจะตอบกลับคุณภายใน 3 วันทำการ');
});

test('the rate limiter allows `limit` calls per window per key and says when to retry', () => {
  const limiter = createRateLimiter({ limit: 2, windowMs: 60_000 });
  assert.equal(limiter.hit('a', 0).allowed, true);
  assert.equal(limiter.hit('a', 10_000).allowed, true);
  assert.deepEqual(limiter.hit('a', 20_000), { allowed: false, retryAfterSeconds: 40 });
  assert.equal(limiter.hit('b', 20_000).allowed, true);
  assert.equal(limiter.hit('a', 60_001).allowed, true);
});
