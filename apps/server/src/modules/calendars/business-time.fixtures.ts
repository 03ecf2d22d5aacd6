import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import type { BusinessCalendar, DayOverride, WorkingInterval } from './calendar.ts';

/** Calendars and instants shared by the business-time tests. */
// Week shapes used below: Asian offices break for lunch; the GB/US day runs 09:00–17:30.
export const ASIA_DAY: WorkingInterval[] = [
  [540, 720],
  [780, 1080],
];
export const WEST_DAY: WorkingInterval[] = [[540, 1050]];
export const weekdays = (day: WorkingInterval[], saturday: WorkingInterval[] = []): WorkingInterval[][] => [
  day,
  day,
  day,
  day,
  day,
  saturday,
  [],
];

export const calendar = (
  timeZone: string,
  week: WorkingInterval[][],
  days: Record<string, DayOverride> = {},
): BusinessCalendar => ({
  id: `cal_test_${timeZone}`,
  name: timeZone,
  timeZone,
  week,
  days: new Map(Object.entries(days)),
});

export const holiday = (name: string): DayOverride => ({ kind: 'holiday', name });
export const makeUp = (name: string, hours: WorkingInterval[] | null = null): DayOverride => ({
  kind: 'working',
  name,
  hours,
});
export const holidays = (from: string, to: string, name: string): Record<string, DayOverride> => {
  const out: Record<string, DayOverride> = {};
  for (let d = DateTime.fromISO(from); d <= DateTime.fromISO(to); d = d.plus({ days: 1 })) {
    out[d.toISODate() ?? ''] = holiday(name);
  }
  return out;
};

/** The instant of a wall-clock time `YYYY-MM-DD HH:mm` in a zone. */
export const wall = (text: string, zone: string): Date => {
  const parsed = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm', { zone });
  assert.ok(parsed.isValid, `bad fixture ${text}`);
  return parsed.toJSDate();
};
/** An instant shown as wall time with its offset in a zone, e.g. `2026-03-30 09:30 +01:00`. */
export const show = (instant: Date, zone: string): string =>
  DateTime.fromJSDate(instant, { zone }).toFormat('yyyy-MM-dd HH:mm ZZ');

export const TAIPEI = calendar('Asia/Taipei', weekdays(ASIA_DAY));
