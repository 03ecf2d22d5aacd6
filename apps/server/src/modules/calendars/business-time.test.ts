import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Target } from '../policies/index.ts';
import {
  ALWAYS_OPEN,
  addCalendarDays,
  dueAt,
  dueFor,
  endOfWorkingDays,
  isWorkingInstant,
  workingHoursOn,
  workingMinutesBetween,
} from './business-time.ts';
import type { BusinessCalendar, WorkingInterval } from './calendar.ts';

import {
  ASIA_DAY,
  calendar,
  holiday,
  holidays,
  makeUp,
  show,
  TAIPEI,
  wall,
  WEST_DAY,
  weekdays,
} from './business-time.fixtures.ts';

describe('dueAt and workingMinutesBetween on an ordinary week (Asia/Taipei, lunch 12:00–13:00)', () => {
  const z = 'Asia/Taipei';
  const due = (start: string, minutes: number) => show(dueAt(wall(start, z), minutes, TAIPEI), z);

  test('minutes inside one interval', () => {
    assert.equal(due('2026-03-02 10:00', 60), '2026-03-02 11:00 +08:00');
  });

  test('work that ends exactly at an interval close is due at the close, not at the next opening', () => {
    assert.equal(due('2026-03-02 10:00', 120), '2026-03-02 12:00 +08:00');
    assert.equal(due('2026-03-02 17:00', 60), '2026-03-02 18:00 +08:00');
  });

  test('the lunch break does not count', () => {
    assert.equal(due('2026-03-02 10:00', 150), '2026-03-02 13:30 +08:00');
    assert.equal(due('2026-03-02 12:30', 30), '2026-03-02 13:30 +08:00');
  });

  test('zero minutes: the start when working, else the next working instant (intervals are half-open)', () => {
    assert.equal(due('2026-03-02 09:00', 0), '2026-03-02 09:00 +08:00');
    assert.equal(due('2026-03-02 11:59', 0), '2026-03-02 11:59 +08:00');
    assert.equal(due('2026-03-02 12:00', 0), '2026-03-02 13:00 +08:00');
    assert.equal(due('2026-03-02 18:00', 0), '2026-03-03 09:00 +08:00');
    assert.equal(due('2026-03-07 10:00', 0), '2026-03-09 09:00 +08:00');
  });

  test('a start before opening, at midnight, late at night and on a weekend', () => {
    assert.equal(due('2026-03-02 07:15', 30), '2026-03-02 09:30 +08:00');
    assert.equal(due('2026-03-03 00:00', 30), '2026-03-03 09:30 +08:00');
    assert.equal(due('2026-03-03 23:59', 30), '2026-03-04 09:30 +08:00');
    assert.equal(due('2026-03-06 17:00', 120), '2026-03-09 10:00 +08:00');
    assert.equal(due('2026-03-08 23:00', 1), '2026-03-09 09:01 +08:00');
  });

  test('long durations skip whole days and weekends', () => {
    // 10 working days of 480 minutes from Monday 09:00 end on the second Friday at 18:00.
    assert.equal(due('2026-03-02 09:00', 4800), '2026-03-13 18:00 +08:00');
    assert.equal(due('2026-03-02 09:00', 4801), '2026-03-16 09:01 +08:00');
  });

  test('workingMinutesBetween counts only working time; 0 when the range is empty or backwards', () => {
    const between = (a: string, b: string) => workingMinutesBetween(wall(a, z), wall(b, z), TAIPEI);
    assert.equal(between('2026-03-02 10:00', '2026-03-03 10:00'), 480);
    assert.equal(between('2026-03-02 11:00', '2026-03-02 14:00'), 120);
    assert.equal(between('2026-03-02 12:10', '2026-03-02 12:50'), 0);
    assert.equal(between('2026-03-06 17:00', '2026-03-09 10:00'), 120);
    assert.equal(between('2026-03-02 10:00', '2026-03-02 10:00'), 0);
    assert.equal(between('2026-03-03 10:00', '2026-03-02 10:00'), 0);
    assert.equal(between('2026-03-07 00:00', '2026-03-09 00:00'), 0);
    assert.equal(between('2026-03-02 00:00', '2026-03-09 00:00'), 5 * 480);
  });

  test('isWorkingInstant follows the half-open intervals', () => {
    const working = (text: string) => isWorkingInstant(wall(text, z), TAIPEI);
    assert.equal(working('2026-03-02 09:00'), true);
    assert.equal(working('2026-03-02 11:59'), true);
    assert.equal(working('2026-03-02 12:00'), false);
    assert.equal(working('2026-03-02 08:59'), false);
    assert.equal(working('2026-03-02 18:00'), false);
    assert.equal(working('2026-03-07 10:00'), false);
  });

  test('rejects negative or non-finite minutes', () => {
    for (const minutes of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => dueAt(wall('2026-03-02 10:00', z), minutes, TAIPEI),
        (e: unknown) => e instanceof AppError && e.code === ErrorCode.ValidationFailed,
      );
    }
  });
});

describe('holidays and make-up working days', () => {
  // Mainland China, Spring Festival 2026 (State Council notice): off Sun 15 – Mon 23 February,
  // make-up working Saturdays 14 and 28 February.
  const sh = 'Asia/Shanghai';
  const CN = calendar(sh, weekdays(ASIA_DAY), {
    ...holidays('2026-02-15', '2026-02-23', '春节'),
    '2026-02-14': makeUp('春节调休上班'),
    '2026-02-28': makeUp('春节调休上班'),
  });

  test('a complaint on the eve of the Spring Festival runs into the make-up Saturday', () => {
    const due = dueAt(wall('2026-02-13 17:00', sh), 120, CN);
    assert.equal(show(due, sh), '2026-02-14 10:00 +08:00');
  });

  test('a complaint filed during the Spring Festival waits for the first working day', () => {
    assert.equal(show(dueAt(wall('2026-02-18 10:00', sh), 60, CN), sh), '2026-02-24 10:00 +08:00');
    assert.equal(show(dueAt(wall('2026-02-15 00:00', sh), 0, CN), sh), '2026-02-24 09:00 +08:00');
    assert.equal(isWorkingInstant(wall('2026-02-16 10:00', sh), CN), false);
    assert.equal(isWorkingInstant(wall('2026-02-14 10:00', sh), CN), true);
  });

  test('a 12315 referral received during the festival: 7 working days, the make-up Saturday counts', () => {
    const due = dueFor(wall('2026-02-18 10:00', sh), { unit: 'working_days', amount: 7 }, CN);
    // 24, 25, 26, 27, Sat 28 (make-up), Mon 2 March, Tue 3 March.
    assert.equal(show(due, sh), '2026-03-03 18:00 +08:00');
  });

  test('working minutes across the whole festival fortnight', () => {
    const total = workingMinutesBetween(wall('2026-02-13 00:00', sh), wall('2026-03-01 00:00', sh), CN);
    // 13, Sat 14, 24, 25, 26, 27, Sat 28.
    assert.equal(total, 7 * 480);
  });

  test('a make-up day with hours null works the usual weekday hours; with its own hours, those', () => {
    assert.deepEqual(workingHoursOn(CN, { year: 2026, month: 2, day: 14 }), ASIA_DAY);
    const halfDay = calendar(sh, weekdays(ASIA_DAY), {
      ...holidays('2026-02-15', '2026-02-23', '春节'),
      '2026-02-14': makeUp('调休', [[540, 720]]),
    });
    assert.equal(show(dueAt(wall('2026-02-13 17:00', sh), 240, halfDay), sh), '2026-02-14 12:00 +08:00');
    assert.equal(show(dueAt(wall('2026-02-13 17:00', sh), 241, halfDay), sh), '2026-02-24 09:01 +08:00');
  });

  test('a make-up working Saturday in Taiwan (Lunar New Year 2024: Saturday 17 February)', () => {
    const tp = 'Asia/Taipei';
    const TW = calendar(tp, weekdays(ASIA_DAY), {
      ...holidays('2024-02-08', '2024-02-14', '春節'),
      '2024-02-17': makeUp('補行上班'),
    });
    assert.equal(show(dueAt(wall('2024-02-16 17:30', tp), 60, TW), tp), '2024-02-17 09:30 +08:00');
    assert.equal(workingMinutesBetween(wall('2024-02-12 00:00', tp), wall('2024-02-19 00:00', tp), TW), 3 * 480);
    assert.equal(show(dueAt(wall('2024-02-07 17:00', tp), 120, TW), tp), '2024-02-15 10:00 +08:00');
  });

  test('Songkran in Thailand (13–15 April 2026, Monday to Wednesday)', () => {
    const bk = 'Asia/Bangkok';
    const TH = calendar(bk, weekdays(ASIA_DAY), holidays('2026-04-13', '2026-04-15', 'วันสงกรานต์'));
    assert.equal(show(dueAt(wall('2026-04-10 16:00', bk), 240, TH), bk), '2026-04-16 11:00 +07:00');
    assert.equal(
      show(dueFor(wall('2026-04-12 09:00', bk), { unit: 'working_days', amount: 1 }, TH), bk),
      '2026-04-16 18:00 +07:00',
    );
    assert.equal(workingMinutesBetween(wall('2026-04-13 00:00', bk), wall('2026-04-16 00:00', bk), TH), 0);
  });

  test('Hong Kong: a Saturday half day and a holiday on the boundary of a weekend', () => {
    const hk = 'Asia/Hong_Kong';
    // Good Friday 3 April to Easter Monday 6 April 2026 (with the Saturday after Good Friday).
    const HK = calendar(hk, weekdays(ASIA_DAY, [[540, 780]]), {
      '2026-04-03': holiday('Good Friday'),
      '2026-04-04': holiday('The day following Good Friday'),
      '2026-04-06': holiday('Easter Monday'),
    });
    assert.equal(show(dueAt(wall('2026-03-27 17:00', hk), 120, HK), hk), '2026-03-28 10:00 +08:00');
    assert.equal(show(dueAt(wall('2026-04-02 17:00', hk), 120, HK), hk), '2026-04-07 10:00 +08:00');
    assert.equal(workingMinutesBetween(wall('2026-03-28 00:00', hk), wall('2026-03-29 00:00', hk), HK), 240);
  });

  test('a start on a holiday at exactly midnight and an end exactly at the holiday boundary', () => {
    assert.equal(workingMinutesBetween(wall('2026-02-14 18:00', sh), wall('2026-02-24 09:00', sh), CN), 0);
    assert.equal(workingMinutesBetween(wall('2026-02-14 17:00', sh), wall('2026-02-24 09:01', sh), CN), 61);
  });
});

describe('DST changes (Europe/London, America/New_York)', () => {
  const ldn = 'Europe/London';
  const ny = 'America/New_York';
  const GB = calendar(ldn, weekdays(WEST_DAY));
  const US = calendar(ny, weekdays(WEST_DAY));
  // A night shift 00:00–03:00 every day crosses London's changed hour (01:00–02:00).
  const NIGHT_LDN = calendar(
    ldn,
    Array.from({ length: 7 }, () => [[0, 180] as const]),
  );

  test('office hours across the weekend of the change keep their wall times', () => {
    assert.equal(show(dueAt(wall('2026-03-27 17:00', ldn), 60, GB), ldn), '2026-03-30 09:30 +01:00');
    assert.equal(workingMinutesBetween(wall('2026-03-27 09:00', ldn), wall('2026-03-30 09:00', ldn), GB), 510);
    assert.equal(show(dueAt(wall('2026-10-23 17:00', ldn), 60, GB), ldn), '2026-10-26 09:30 +00:00');
    assert.equal(show(dueAt(wall('2026-03-06 17:00', ny), 60, US), ny), '2026-03-09 09:30 -04:00');
    assert.equal(show(dueAt(wall('2026-10-30 17:00', ny), 60, US), ny), '2026-11-02 09:30 -05:00');
  });

  test('spring forward: an interval crossing the skipped hour is an hour shorter in real time', () => {
    const sunday = (a: string, b: string) => workingMinutesBetween(wall(a, ldn), wall(b, ldn), NIGHT_LDN);
    assert.equal(sunday('2026-03-29 00:00', '2026-03-29 12:00'), 120);
    assert.equal(sunday('2026-03-28 00:00', '2026-03-28 12:00'), 180);
    assert.equal(show(dueAt(wall('2026-03-29 00:00', ldn), 120, NIGHT_LDN), ldn), '2026-03-29 03:00 +01:00');
    assert.equal(show(dueAt(wall('2026-03-29 00:30', ldn), 60, NIGHT_LDN), ldn), '2026-03-29 02:30 +01:00');
    assert.equal(show(dueAt(wall('2026-03-29 00:00', ldn), 121, NIGHT_LDN), ldn), '2026-03-30 00:01 +01:00');
  });

  test('fall back: an interval crossing the repeated hour is an hour longer in real time', () => {
    const start = wall('2026-10-25 00:00', ldn);
    assert.equal(workingMinutesBetween(start, new Date(start.getTime() + 12 * 3_600_000), NIGHT_LDN), 240);
    assert.equal(dueAt(start, 180, NIGHT_LDN).toISOString(), '2026-10-25T02:00:00.000Z');
    assert.equal(show(dueAt(start, 240, NIGHT_LDN), ldn), '2026-10-25 03:00 +00:00');
    assert.equal(show(dueAt(start, 241, NIGHT_LDN), ldn), '2026-10-26 00:01 +00:00');
  });

  test('fall back: 01:00–03:00 is three real hours, and a start inside the repeated hour counts from that instant', () => {
    // 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:00–02:00 happens twice (00:00Z and 01:00Z).
    const EARLY = calendar(
      ldn,
      Array.from({ length: 7 }, () => [[60, 180] as const]),
    );
    const at = (iso: string) => new Date(iso);
    assert.equal(workingMinutesBetween(at('2026-10-24T23:00:00Z'), at('2026-10-25T05:00:00Z'), EARLY), 180);
    // The shift opens at the first 01:00 (BST).
    assert.equal(dueAt(at('2026-10-24T23:00:00Z'), 0, EARLY).toISOString(), '2026-10-25T00:00:00.000Z');
    // 01:30 BST (the first 01:30) and 01:30 GMT (the second) are both working time.
    assert.equal(isWorkingInstant(at('2026-10-25T00:30:00Z'), EARLY), true);
    assert.equal(workingMinutesBetween(at('2026-10-25T00:30:00Z'), at('2026-10-25T05:00:00Z'), EARLY), 150);
    assert.equal(workingMinutesBetween(at('2026-10-25T01:30:00Z'), at('2026-10-25T05:00:00Z'), EARLY), 90);
    assert.equal(show(dueAt(at('2026-10-25T00:30:00Z'), 150, EARLY), ldn), '2026-10-25 03:00 +00:00');
    assert.equal(show(dueAt(at('2026-10-25T00:30:00Z'), 151, EARLY), ldn), '2026-10-26 01:01 +00:00');
    // An interval that ends inside the repeated hour ends at its second occurrence: 00:00–01:30 is 150 minutes.
    const ENDS = calendar(
      ldn,
      Array.from({ length: 7 }, () => [[0, 90] as const]),
    );
    assert.equal(workingMinutesBetween(at('2026-10-24T22:00:00Z'), at('2026-10-25T12:00:00Z'), ENDS), 150);
    // An ordinary Sunday keeps its nominal two hours.
    assert.equal(workingMinutesBetween(at('2026-10-17T23:00:00Z'), at('2026-10-18T05:00:00Z'), EARLY), 120);
  });

  test('boundaries inside the skipped hour never count a real minute twice', () => {
    const split = calendar(
      ldn,
      Array.from({ length: 7 }, () => [[60, 90] as const, [90, 180] as const]),
    );
    const overlapping = calendar(
      ldn,
      Array.from({ length: 7 }, () => [[60, 90] as const, [120, 180] as const]),
    );
    const day = (cal: BusinessCalendar) =>
      workingMinutesBetween(wall('2026-03-29 00:00', ldn), wall('2026-03-29 12:00', ldn), cal);
    assert.equal(day(split), 60);
    assert.equal(day(overlapping), 60);
  });

  test('a weekend night shift 22:00–06:00 across New York fall-back is nine real hours', () => {
    const shift: WorkingInterval[][] = [[], [], [], [], [], [[1320, 1440]], [[0, 360]]];
    const NIGHT_NY = calendar(ny, shift);
    const start = wall('2026-10-31 22:00', ny);
    assert.equal(workingMinutesBetween(start, wall('2026-11-01 12:00', ny), NIGHT_NY), 540);
    assert.equal(show(dueAt(start, 480, NIGHT_NY), ny), '2026-11-01 05:00 -05:00');
    // The same shift across spring-forward is seven real hours.
    assert.equal(workingMinutesBetween(wall('2026-03-07 22:00', ny), wall('2026-03-08 12:00', ny), NIGHT_NY), 420);
  });

  test('calendar days keep the wall time across the change', () => {
    const day = { unit: 'calendar_days', amount: 1 } as const;
    assert.equal(show(dueFor(wall('2026-03-28 10:00', ldn), day, GB), ldn), '2026-03-29 10:00 +01:00');
    assert.equal(show(dueFor(wall('2026-10-24 10:00', ldn), day, GB), ldn), '2026-10-25 10:00 +00:00');
    // CFPB: 15 calendar days from a complaint received before New York springs forward.
    const cfpb = dueFor(wall('2026-02-28 10:00', ny), { unit: 'calendar_days', amount: 15 }, US);
    assert.equal(show(cfpb, ny), '2026-03-15 10:00 -04:00');
    assert.equal(cfpb.toISOString(), '2026-03-15T14:00:00.000Z');
    // A wall time skipped by spring-forward moves forward by the gap.
    assert.equal(show(addCalendarDays(wall('2026-03-07 02:30', ny), 1, US), ny), '2026-03-08 03:30 -04:00');
  });
});

describe('dueFor: the three target units', () => {
  const ldn = 'Europe/London';
  // England and Wales, Easter 2026: Good Friday 3 April, Easter Monday 6 April.
  const GB = calendar(ldn, weekdays(WEST_DAY), {
    '2026-04-03': holiday('Good Friday'),
    '2026-04-06': holiday('Easter Monday'),
  });
  const days = (amount: number): Target => ({ unit: 'working_days', amount });

  test('FCA DISP: by the end of the third business day after the day of receipt', () => {
    assert.equal(show(dueFor(wall('2026-03-27 16:00', ldn), days(3), GB), ldn), '2026-04-01 17:30 +01:00');
    // Received on a Saturday: the day of receipt is not a business day, the three that follow are.
    assert.equal(show(dueFor(wall('2026-03-28 11:00', ldn), days(3), GB), ldn), '2026-04-01 17:30 +01:00');
    // Received late on a Thursday before Easter: Good Friday and Easter Monday do not count.
    assert.equal(show(dueFor(wall('2026-04-02 23:30', ldn), days(3), GB), ldn), '2026-04-09 17:30 +01:00');
  });

  test('working days end at the close of the last interval of the day (after lunch)', () => {
    const tp = 'Asia/Taipei';
    assert.equal(show(dueFor(wall('2026-03-02 08:00', tp), days(1), TAIPEI), tp), '2026-03-03 18:00 +08:00');
    assert.equal(show(endOfWorkingDays(wall('2026-03-02 08:00', tp), 0, TAIPEI), tp), '2026-03-02 18:00 +08:00');
    assert.equal(show(endOfWorkingDays(wall('2026-03-02 19:00', tp), 0, TAIPEI), tp), '2026-03-03 18:00 +08:00');
  });

  test('working minutes are dueAt', () => {
    const start = wall('2026-04-02 17:00', ldn);
    assert.equal(dueFor(start, { unit: 'working_minutes', amount: 60 }, GB).getTime(), dueAt(start, 60, GB).getTime());
  });

  test('a null calendar counts every minute and uses UTC days', () => {
    const start = new Date('2026-03-02T10:00:00.000Z');
    assert.equal(
      dueFor(start, { unit: 'working_minutes', amount: 90 }, null).toISOString(),
      '2026-03-02T11:30:00.000Z',
    );
    assert.equal(dueFor(start, days(3), null).toISOString(), '2026-03-06T00:00:00.000Z');
    assert.equal(dueFor(start, { unit: 'calendar_days', amount: 56 }, null).toISOString(), '2026-04-27T10:00:00.000Z');
    assert.equal(isWorkingInstant(new Date('2026-12-25T03:00:00.000Z'), ALWAYS_OPEN), true);
  });
});

describe('dueAt and workingMinutesBetween agree (many starts, several zones)', () => {
  const zones = ['Asia/Taipei', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Bangkok', 'Europe/London', 'America/New_York'];
  // A fixed linear congruential generator: the same "random" cases on every run.
  let seed = 20260213;
  const next = (limit: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % limit;
  };
  for (const zone of zones) {
    test(zone, () => {
      const cal = calendar(zone, weekdays(zone.startsWith('Asia') ? ASIA_DAY : WEST_DAY), {
        ...holidays('2026-03-09', '2026-03-10', 'holiday'),
        '2026-03-14': makeUp('make-up'),
        ...holidays('2026-10-26', '2026-10-26', 'holiday'),
      });
      for (let i = 0; i < 150; i += 1) {
        // Starts spread over 2026, minute resolution; both DST changes fall inside.
        const start = new Date(Date.UTC(2026, 0, 1) + next(365 * 1440) * 60_000);
        const minutes = next(6000);
        const due = dueAt(start, minutes, cal);
        assert.equal(workingMinutesBetween(start, due, cal), minutes, `${zone} ${start.toISOString()} +${minutes}`);
        if (minutes > 0) assert.equal(isWorkingInstant(new Date(due.getTime() - 1), cal), true);
        assert.ok(due.getTime() >= start.getTime());
      }
    });
  }
});
