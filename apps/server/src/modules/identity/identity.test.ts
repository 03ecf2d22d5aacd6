import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  LOGIN_WINDOW_MS,
  normalizeEmail,
  rateLimitKeys,
  retryAfterSeconds,
  SESSION_TOUCH_MS,
  sessionExpired,
  sessionNeedsTouch,
} from './identity.ts';

const now = new Date('2026-02-10T08:00:00.000Z');
const session = (expiresAt: string, lastSeenAt: string) => ({
  id: 'ses_1',
  userId: 'usr_1',
  expiresAt: new Date(expiresAt),
  lastSeenAt: new Date(lastSeenAt),
});

test('e-mail addresses compare without case or surrounding space', () => {
  assert.equal(normalizeEmail('  Chen.MeiLing@Example.TEST '), 'chen.meiling@example.test');
  assert.deepEqual(rateLimitKeys('A@B.test', '127.0.0.1'), { email: 'email:a@b.test', ip: 'ip:127.0.0.1' });
});

test('a session expires at its expiry instant, not a millisecond later', () => {
  assert.equal(sessionExpired(session('2026-02-10T08:00:00.000Z', '2026-02-01T00:00:00.000Z'), now), true);
  assert.equal(sessionExpired(session('2026-02-10T08:00:00.001Z', '2026-02-01T00:00:00.000Z'), now), false);
});

test('last-seen is refreshed only after the touch interval', () => {
  const justSeen = new Date(now.getTime() - SESSION_TOUCH_MS + 1).toISOString();
  const seenLongAgo = new Date(now.getTime() - SESSION_TOUCH_MS).toISOString();
  assert.equal(sessionNeedsTouch(session('2026-03-01T00:00:00.000Z', justSeen), now), false);
  assert.equal(sessionNeedsTouch(session('2026-03-01T00:00:00.000Z', seenLongAgo), now), true);
});

test('Retry-After counts down to when the oldest failure leaves the window, never below 1 s', () => {
  assert.equal(retryAfterSeconds(now, now), LOGIN_WINDOW_MS / 1000);
  assert.equal(retryAfterSeconds(new Date(now.getTime() - LOGIN_WINDOW_MS + 1500), now), 2);
  assert.equal(retryAfterSeconds(new Date(now.getTime() - LOGIN_WINDOW_MS * 2), now), 1);
});
