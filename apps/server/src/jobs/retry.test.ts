import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelayMs } from './retry.ts';

describe('retryDelayMs', () => {
  test('doubles with each attempt from base · 2^attempts', () => {
    const policy = { baseMs: 1_000, maxMs: 1_000_000 };
    assert.deepEqual(
      [1, 2, 3, 4, 5].map((attempts) => retryDelayMs(attempts, policy)),
      [2_000, 4_000, 8_000, 16_000, 32_000],
    );
  });

  test('is capped at maxMs, even for absurd attempt counts', () => {
    const policy = { baseMs: 1_000, maxMs: 60_000 };
    assert.equal(retryDelayMs(6, policy), 60_000);
    assert.equal(retryDelayMs(10_000, policy), 60_000);
  });

  test('the default policy starts at 10 s and stops at one hour', () => {
    assert.equal(retryDelayMs(1), 10_000);
    assert.equal(retryDelayMs(20), DEFAULT_RETRY_POLICY.maxMs);
  });
});

describe('nextAttemptAt', () => {
  const now = new Date('2025-06-06T12:00:00Z');
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  test('schedules the retry relative to now (UTC instants)', () => {
    assert.equal(nextAttemptAt(1, 5, now, policy)?.toISOString(), '2025-06-06T12:00:02.000Z');
    assert.equal(nextAttemptAt(4, 5, now, policy)?.toISOString(), '2025-06-06T12:00:16.000Z');
  });

  test('gives up once the attempts are used up', () => {
    assert.equal(nextAttemptAt(5, 5, now, policy), null);
    assert.equal(nextAttemptAt(1, 1, now, policy), null);
  });
});
