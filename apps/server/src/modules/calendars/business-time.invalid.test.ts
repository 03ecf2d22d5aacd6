import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DateTime } from 'luxon';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { calendarProblems, dueAt, dueFor, parseLocalDate, workingMinutesBetween } from './business-time.ts';
import type { WorkingInterval } from './calendar.ts';

import { ASIA_DAY, calendar, holiday, makeUp, show, TAIPEI, wall, weekdays } from './business-time.fixtures.ts';

describe('calendars without working time and invalid calendars', () => {
  test('no working time at all is a coded error, not an endless loop', () => {
    const closed = calendar(
      'Asia/Taipei',
      Array.from({ length: 7 }, () => []),
    );
    const isRule = (e: unknown) => e instanceof AppError && e.code === ErrorCode.RuleViolated;
    assert.throws(() => dueAt(new Date('2026-01-01T00:00:00Z'), 1, closed), isRule);
    assert.throws(() => dueFor(new Date('2026-01-01T00:00:00Z'), { unit: 'working_days', amount: 1 }, closed), isRule);
    assert.equal(workingMinutesBetween(new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), closed), 0);
  });

  test('a closed calendar with one make-up working day a year ahead still finds it', () => {
    const tp = 'Asia/Taipei';
    const sparse = calendar(
      tp,
      Array.from({ length: 7 }, () => []),
      { '2027-01-05': makeUp('the one day', [[600, 660]]) },
    );
    assert.equal(show(dueAt(wall('2026-01-01 00:00', tp), 30, sparse), tp), '2027-01-05 10:30 +08:00');
  });

  test('a sparse calendar: whole weeks are skipped, across a DST change and a holiday, with the same answers', () => {
    const ldn = 'Europe/London';
    // One hour a week, Mondays 09:00–10:00; 30 March 2026 (after the change) is a holiday.
    const hourly = calendar(ldn, [[[540, 600]], [], [], [], [], [], []], { '2026-03-30': holiday('closed') });
    const start = wall('2026-03-16 08:00', ldn);
    // 16 Mar 60, 23 Mar 60, (30 Mar closed), 6 Apr 60, then 20 minutes on 13 Apr.
    assert.equal(show(dueAt(start, 200, hourly), ldn), '2026-04-13 09:20 +01:00');
    assert.equal(workingMinutesBetween(start, wall('2026-04-13 09:20', ldn), hourly), 200);
    // About three years of weeks: the jump and the day-by-day count agree.
    const far = dueAt(start, 9_000, hourly);
    // 9 000 minutes are 150 whole hours: the due time is the close of a Monday's hour.
    assert.equal(DateTime.fromJSDate(far, { zone: ldn }).toFormat('ccc HH:mm'), 'Mon 10:00');
    assert.equal(workingMinutesBetween(start, far, hourly), 9_000);
  });

  test('a due time more than five years ahead is refused as rule_violated, not searched for', () => {
    const isRule = (e: unknown) => e instanceof AppError && e.code === ErrorCode.RuleViolated;
    // One working minute a week, 100 000 minutes: about 1 900 years.
    const minute = calendar('Europe/London', [[[540, 541]], [], [], [], [], [], []]);
    assert.throws(() => dueAt(new Date('2026-01-05T01:00:00Z'), 100_000, minute), isRule);
    // 100 000 working days of an ordinary office week: about 380 years.
    assert.throws(
      () => dueFor(new Date('2026-01-05T01:00:00Z'), { unit: 'working_days', amount: 100_000 }, TAIPEI),
      isRule,
    );
    // Within the horizon it is answered: 4.5 years of one-hour weeks.
    const hourly = calendar('Europe/London', [[[540, 600]], [], [], [], [], [], []]);
    assert.equal(dueAt(new Date('2026-01-05T01:00:00Z'), 234 * 60, hourly).toISOString(), '2030-06-24T09:00:00.000Z');
  });

  test('calendarProblems refuses a usual week with less than an hour of working time', () => {
    const week = (day: WorkingInterval[]): WorkingInterval[][] => [day, [], [], [], [], [], []];
    assert.deepEqual(
      calendarProblems(calendar('Asia/Taipei', week([]))).map((p) => p.field),
      ['/week'],
    );
    assert.deepEqual(
      calendarProblems(calendar('Asia/Taipei', week([[540, 599]]))).map((p) => p.field),
      ['/week'],
    );
    assert.deepEqual(calendarProblems(calendar('Asia/Taipei', week([[540, 600]]))), []);
  });

  test('calendarProblems names each problem', () => {
    const bad = calendar('Mars/Olympus', [
      [
        [600, 540],
        [700, 800],
      ],
      [
        [540, 720],
        [700, 900],
      ],
      [[0, 1441]],
      [[-5, 60]],
      [[60.5, 120]],
      [],
      [],
    ]);
    const fields = calendarProblems(bad).map((p) => p.field);
    assert.deepEqual(fields, ['/timeZone', '/week/0/0', '/week/1/1', '/week/2/0', '/week/3/0', '/week/4/0']);
    const badDays = calendar('Asia/Bangkok', weekdays(ASIA_DAY), {
      '2026-02-30': holiday('no such day'),
      '2026-03-01': makeUp('bad hours', [[900, 800]]),
    });
    assert.deepEqual(
      calendarProblems(badDays).map((p) => p.field),
      ['/days/2026-02-30', '/days/2026-03-01/hours/0'],
    );
    assert.deepEqual(calendarProblems(TAIPEI), []);
    assert.deepEqual(calendarProblems(calendar('Asia/Taipei', [[], [], [], [], [], [], []].slice(1))), [
      { field: '/week', message: 'The week must list seven days, Monday first.' },
    ]);
  });

  test('parseLocalDate accepts only real dates', () => {
    assert.deepEqual(parseLocalDate('2024-02-29'), { year: 2024, month: 2, day: 29 });
    assert.equal(parseLocalDate('2026-02-29'), undefined);
    assert.equal(parseLocalDate('2026-2-1'), undefined);
    assert.equal(parseLocalDate('2026-13-01'), undefined);
  });
});
