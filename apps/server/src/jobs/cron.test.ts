import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { cronJobId, cronProblem, isValidTimeZone, nextRunAfter, planCronFire } from './cron.ts';

const at = (iso: string): Date => new Date(iso);
const iso = (d: Date | undefined): string | undefined => d?.toISOString();

/** The next `count` slots after `from`, walking slot to slot as the scheduler does. */
const walk = (expression: string, timeZone: string, from: string, count: number): string[] => {
  const out: string[] = [];
  let cursor = at(from);
  for (let i = 0; i < count; i += 1) {
    cursor = nextRunAfter(expression, timeZone, cursor);
    out.push(cursor.toISOString());
  }
  return out;
};

describe('nextRunAfter', () => {
  test('is strictly after the given instant', () => {
    assert.equal(iso(nextRunAfter('0 9 * * *', 'UTC', at('2025-06-06T08:59:59.999Z'))), '2025-06-06T09:00:00.000Z');
    assert.equal(iso(nextRunAfter('0 9 * * *', 'UTC', at('2025-06-06T09:00:00.000Z'))), '2025-06-07T09:00:00.000Z');
  });

  test('Europe/London 09:00 stays at 09:00 local across both DST changes', () => {
    // Clocks go forward 2025-03-30 01:00 UTC and back 2025-10-26 01:00 UTC.
    assert.deepEqual(walk('0 9 * * *', 'Europe/London', '2025-03-28T12:00:00Z', 3), [
      '2025-03-29T09:00:00.000Z', // GMT
      '2025-03-30T08:00:00.000Z', // BST
      '2025-03-31T08:00:00.000Z',
    ]);
    assert.deepEqual(walk('0 9 * * *', 'Europe/London', '2025-10-24T12:00:00Z', 3), [
      '2025-10-25T08:00:00.000Z', // BST
      '2025-10-26T09:00:00.000Z', // GMT
      '2025-10-27T09:00:00.000Z',
    ]);
  });

  test('Europe/London spring forward: a time that does not exist runs once, an hour later', () => {
    // 01:30 local does not exist on 2025-03-30; it runs at 02:30 BST (01:30 UTC) that day.
    assert.deepEqual(walk('30 1 * * *', 'Europe/London', '2025-03-28T12:00:00Z', 3), [
      '2025-03-29T01:30:00.000Z',
      '2025-03-30T01:30:00.000Z',
      '2025-03-31T00:30:00.000Z',
    ]);
  });

  test('Europe/London fall back: a time that happens twice runs once, at its first occurrence', () => {
    // 01:30 local happens at 00:30 UTC (BST) and again at 01:30 UTC (GMT) on 2025-10-26.
    assert.deepEqual(walk('30 1 * * *', 'Europe/London', '2025-10-24T12:00:00Z', 3), [
      '2025-10-25T00:30:00.000Z',
      '2025-10-26T00:30:00.000Z',
      '2025-10-27T01:30:00.000Z',
    ]);
    assert.deepEqual(walk('0 1 * * *', 'Europe/London', '2025-10-25T12:00:00Z', 2), [
      '2025-10-26T00:00:00.000Z',
      '2025-10-27T01:00:00.000Z',
    ]);
  });

  test('hourly schedules run every real hour through both DST changes', () => {
    assert.deepEqual(walk('0 * * * *', 'Europe/London', '2025-10-25T23:30:00Z', 4), [
      '2025-10-26T00:00:00.000Z', // 01:00 BST
      '2025-10-26T01:00:00.000Z', // 01:00 GMT
      '2025-10-26T02:00:00.000Z',
      '2025-10-26T03:00:00.000Z',
    ]);
    assert.deepEqual(walk('0 * * * *', 'Europe/London', '2025-03-29T23:30:00Z', 3), [
      '2025-03-30T00:00:00.000Z', // 00:00 GMT
      '2025-03-30T01:00:00.000Z', // 02:00 BST
      '2025-03-30T02:00:00.000Z',
    ]);
  });

  test('Asia/Taipei (UTC+8, no DST): weekdays at 09:00 skip the weekend', () => {
    // 2025-06-06 is a Friday.
    assert.deepEqual(walk('0 9 * * 1-5', 'Asia/Taipei', '2025-06-06T00:00:00Z', 3), [
      '2025-06-06T01:00:00.000Z',
      '2025-06-09T01:00:00.000Z',
      '2025-06-10T01:00:00.000Z',
    ]);
  });

  test('Asia/Taipei: the local date decides day-of-month, not the UTC date', () => {
    // 09:00 on the 1st in Taipei is 01:00 UTC on the 1st; 20:00 UTC on 31 Jan is already 1 Feb there.
    assert.equal(iso(nextRunAfter('0 9 1 * *', 'Asia/Taipei', at('2025-01-31T20:00:00Z'))), '2025-02-01T01:00:00.000Z');
    assert.equal(iso(nextRunAfter('0 0 1 * *', 'Asia/Taipei', at('2025-01-31T15:00:00Z'))), '2025-01-31T16:00:00.000Z');
  });

  test('Asia/Bangkok (UTC+7): local midnight is 17:00 UTC the day before', () => {
    assert.deepEqual(walk('0 0 * * *', 'Asia/Bangkok', '2025-06-06T00:00:00Z', 2), [
      '2025-06-06T17:00:00.000Z',
      '2025-06-07T17:00:00.000Z',
    ]);
  });

  test('America/New_York: a slot inside the spring gap runs once, after the gap', () => {
    assert.equal(
      iso(nextRunAfter('0 2 * * *', 'America/New_York', at('2025-03-09T00:00:00Z'))),
      '2025-03-09T07:00:00.000Z',
    );
  });
});

describe('cronProblem', () => {
  test('accepts valid expressions and zones', () => {
    assert.equal(cronProblem('*/5 * * * *', 'Europe/London'), null);
    assert.equal(cronProblem('0 0 9 * * 1-5', 'Asia/Taipei'), null);
    assert.equal(cronProblem('@daily', 'UTC'), null);
  });

  test('names the problem', () => {
    assert.match(cronProblem('0 9 * * *', 'Mars/Olympus_Mons') ?? '', /Unknown time zone "Mars\/Olympus_Mons"/);
    assert.match(cronProblem('bogus', 'UTC') ?? '', /Invalid cron expression "bogus"/);
    assert.match(cronProblem('0 61 * * *', 'UTC') ?? '', /Invalid cron expression/);
    assert.match(cronProblem('0 0 30 2 *', 'UTC') ?? '', /Invalid cron expression/); // 30 February
    assert.equal(isValidTimeZone('Asia/Bangkok'), true);
  });
});

describe('planCronFire', () => {
  const daily9London = { expression: '0 9 * * *', timeZone: 'Europe/London' };

  test('does nothing before the stored slot', () => {
    const state = { ...daily9London, nextRunAt: at('2025-06-06T08:00:00Z') };
    assert.equal(planCronFire(state, at('2025-06-06T07:59:59.999Z')), null);
  });

  test('fires the stored slot at or just after it, and stores the following one', () => {
    const state = { ...daily9London, nextRunAt: at('2025-06-06T08:00:00Z') };
    for (const now of ['2025-06-06T08:00:00Z', '2025-06-06T08:00:14Z']) {
      const plan = planCronFire(state, at(now));
      assert.equal(iso(plan?.slot), '2025-06-06T08:00:00.000Z');
      assert.equal(iso(plan?.nextRunAt), '2025-06-07T08:00:00.000Z');
    }
  });

  test('after downtime over several slots fires once, for the latest missed slot', () => {
    // Down from Friday 08:30 UTC until Tuesday 10:00 UTC: Fri, Sat, Sun, Mon, Tue slots missed.
    const state = { ...daily9London, nextRunAt: at('2025-06-06T08:00:00Z') };
    const plan = planCronFire(state, at('2025-06-10T10:00:00Z'));
    assert.equal(iso(plan?.slot), '2025-06-10T08:00:00.000Z');
    assert.equal(iso(plan?.nextRunAt), '2025-06-11T08:00:00.000Z');
  });

  test('a long outage of a dense schedule does bounded work', () => {
    const state = { expression: '* * * * *', timeZone: 'UTC', nextRunAt: at('2024-01-01T00:00:00Z') };
    const started = performance.now();
    const plan = planCronFire(state, at('2025-06-06T12:34:56Z'));
    assert.equal(iso(plan?.slot), '2025-06-06T12:34:00.000Z');
    assert.equal(iso(plan?.nextRunAt), '2025-06-06T12:35:00.000Z');
    assert.ok(performance.now() - started < 1_000, 'catch-up should not walk every missed minute');
  });

  test('a sparse schedule after a long outage still finds its latest slot', () => {
    const state = { expression: '0 9 1 * *', timeZone: 'Asia/Taipei', nextRunAt: at('2023-01-01T01:00:00Z') };
    const plan = planCronFire(state, at('2025-06-06T00:00:00Z'));
    assert.equal(iso(plan?.slot), '2025-06-01T01:00:00.000Z');
    assert.equal(iso(plan?.nextRunAt), '2025-07-01T01:00:00.000Z');
  });

  test('fall back: a repeated wall-clock time fires once even when ticks straddle the repeated hour', () => {
    const state = { expression: '30 1 * * *', timeZone: 'Europe/London', nextRunAt: at('2025-10-26T00:30:00Z') };
    // Fired at the first 01:30 (BST) …
    const first = planCronFire(state, at('2025-10-26T00:30:05Z'));
    assert.equal(iso(first?.slot), '2025-10-26T00:30:00.000Z');
    assert.equal(iso(first?.nextRunAt), '2025-10-27T01:30:00.000Z');
    // … and nothing at the second 01:30 (GMT).
    assert.equal(planCronFire({ ...state, nextRunAt: first!.nextRunAt }, at('2025-10-26T01:30:05Z')), null);
    // Down over the first occurrence and catching up inside the repeated hour: still one fire, then tomorrow.
    const late = planCronFire(state, at('2025-10-26T01:10:00Z'));
    assert.equal(iso(late?.slot), '2025-10-26T00:30:00.000Z');
    assert.equal(iso(late?.nextRunAt), '2025-10-27T01:30:00.000Z');
  });

  test('spring forward: the skipped hour fires once', () => {
    const state = { expression: '30 1 * * *', timeZone: 'Europe/London', nextRunAt: at('2025-03-30T01:30:00Z') };
    const plan = planCronFire(state, at('2025-03-30T01:30:00Z'));
    assert.equal(iso(plan?.slot), '2025-03-30T01:30:00.000Z');
    assert.equal(iso(plan?.nextRunAt), '2025-03-31T00:30:00.000Z');
  });
});

describe('cronJobId', () => {
  test('is deterministic per schedule and slot', () => {
    assert.equal(
      cronJobId('escalation.sweep', at('2025-06-06T08:00:00Z')),
      'cron:escalation.sweep:2025-06-06T08:00:00.000Z',
    );
  });
});
