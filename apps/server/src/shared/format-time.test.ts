import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatTime } from './format-time.ts';

const at = new Date('2026-01-06T09:00:00.000Z');

test('one format per locale: long date, 24-hour time and the zone, on the zone’s wall clock', () => {
  assert.equal(formatTime(at, 'en', 'Asia/Taipei'), 'January 6, 2026 at 17:00 GMT+8');
  assert.equal(formatTime(at, 'zh-TW', 'Asia/Taipei'), '2026年1月6日 17:00 [GMT+8]');
  assert.match(formatTime(at, 'zh-CN', 'Asia/Shanghai') ?? '', /^2026年1月6日 .*17:00/);
  assert.equal(formatTime(at, 'th', 'Asia/Bangkok'), '6 มกราคม 2569 เวลา 16:00 GMT+7');
});

test('midnight and the date line: the local date, not the UTC one', () => {
  assert.equal(formatTime(new Date('2026-01-05T23:30:00.000Z'), 'en', 'Asia/Taipei'), 'January 6, 2026 at 07:30 GMT+8');
  assert.equal(
    formatTime(new Date('2026-01-06T00:00:00.000Z'), 'en', 'America/New_York'),
    'January 5, 2026 at 19:00 EST',
  );
});

test('an unknown zone is written in UTC; an invalid date gives null', () => {
  assert.equal(formatTime(at, 'en', 'No/Such_Zone'), 'January 6, 2026 at 09:00 UTC');
  assert.equal(formatTime(new Date('nonsense'), 'en', 'UTC'), null);
});
