import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { ICAL_MAX_CHARS, parseHolidayFeed } from './ical-import.ts';

const feed = (...events: string[]): string =>
  ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Holidays//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
let uid = 0;
const vevent = (...lines: string[]): string =>
  ['BEGIN:VEVENT', `UID:${(uid += 1)}@holidays.test`, 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT'].join('\r\n');
const window = { fromYear: 2026, toYear: 2027 };

describe('parseHolidayFeed', () => {
  test('single all-day events and multi-day spans (DTEND exclusive)', () => {
    const result = parseHolidayFeed(
      feed(
        vevent('SUMMARY:Songkran', 'DTSTART;VALUE=DATE:20260413', 'DTEND;VALUE=DATE:20260416'),
        vevent('SUMMARY:Chakri Day', 'DTSTART;VALUE=DATE:20260406'),
        vevent('SUMMARY:Two days by duration', 'DTSTART;VALUE=DATE:20261231', 'DURATION:P2D'),
      ),
      window,
    );
    assert.deepEqual(result.holidays, [
      { day: '2026-04-06', name: 'Chakri Day' },
      { day: '2026-04-13', name: 'Songkran' },
      { day: '2026-04-14', name: 'Songkran' },
      { day: '2026-04-15', name: 'Songkran' },
      { day: '2026-12-31', name: 'Two days by duration' },
      { day: '2027-01-01', name: 'Two days by duration' },
    ]);
    assert.deepEqual(result.skipped, []);
  });

  test('a yearly rule is expanded inside the window; other rules, timed, cancelled and long events are reported', () => {
    const result = parseHolidayFeed(
      feed(
        vevent(
          'SUMMARY:Christmas Day',
          'DTSTART;VALUE=DATE:20201225',
          'DTEND;VALUE=DATE:20201226',
          'RRULE:FREQ=YEARLY',
        ),
        vevent('SUMMARY:Weekly meeting', 'DTSTART;VALUE=DATE:20260105', 'RRULE:FREQ=WEEKLY'),
        vevent('SUMMARY:Town hall', 'DTSTART:20260302T090000Z', 'DTEND:20260302T100000Z'),
        vevent('SUMMARY:Called off', 'STATUS:CANCELLED', 'DTSTART;VALUE=DATE:20260303'),
        vevent('SUMMARY:School term', 'DTSTART;VALUE=DATE:20260101', 'DTEND;VALUE=DATE:20260401'),
      ),
      window,
    );
    assert.deepEqual(result.holidays, [
      { day: '2026-12-25', name: 'Christmas Day' },
      { day: '2027-12-25', name: 'Christmas Day' },
    ]);
    assert.deepEqual(
      result.skipped.map((s) => s.summary),
      ['Weekly meeting', 'Town hall', 'Called off', 'School term'],
    );
    assert.match(result.skipped[0]?.reason ?? '', /WEEKLY/);
  });

  test('two events on one day keep both names; non-ASCII names survive', () => {
    const result = parseHolidayFeed(
      feed(
        vevent('SUMMARY:兒童節', 'DTSTART;VALUE=DATE:20260404'),
        vevent('SUMMARY:民族掃墓節', 'DTSTART;VALUE=DATE:20260404'),
      ),
      window,
    );
    assert.deepEqual(result.holidays, [{ day: '2026-04-04', name: '兒童節 / 民族掃墓節' }]);
  });

  test('not an iCalendar file, a broken one, or one too large: coded errors', () => {
    const isCode = (code: string) => (e: unknown) => e instanceof AppError && e.code === code;
    assert.throws(() => parseHolidayFeed('hello', window), isCode(ErrorCode.ValidationFailed));
    assert.throws(
      () => parseHolidayFeed('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nnonsense', window),
      isCode(ErrorCode.ValidationFailed),
    );
    assert.throws(
      () => parseHolidayFeed(`BEGIN:VCALENDAR\r\n${'X'.repeat(ICAL_MAX_CHARS)}`, window),
      isCode(ErrorCode.PayloadTooLarge),
    );
    assert.deepEqual(parseHolidayFeed(feed(), window), { holidays: [], skipped: [] });
  });
});
