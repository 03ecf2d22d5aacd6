import { DateTime, IANAZone } from 'luxon';
import { AppError, ErrorCode, type ErrorDetail } from '../../shared/errors.ts';
import type { Target } from '../policies/index.ts';
import type { BusinessCalendar, DayOverride, WorkingInterval } from './calendar.ts';

/**
 * Business-time maths: pure functions over a `BusinessCalendar`. Instants are UTC `Date`s; the
 * calendar's days and working hours are wall-clock times in its IANA zone.
 *
 * How wall time becomes real time, so that every result is reproducible:
 * - A working interval `[start, end)` of a local day is the real time between its two wall-clock
 *   boundaries, as a person working it lives it. On a DST change the interval is therefore an hour
 *   shorter or longer than its nominal length: 01:00–03:00 in London on the spring-forward Sunday
 *   is one real hour, on the fall-back Sunday three (whoever starts at 01:00 starts at the first
 *   01:00 and works through the repeated hour).
 * - A wall time skipped by spring-forward moves forward by the gap (01:30 London → 02:30 BST). A
 *   repeated wall time (fall-back) is its EARLIER occurrence when it opens an interval or a day
 *   (midnight, and 24:00 as the next midnight) and its LATER occurrence when it closes an
 *   interval, so an interval covers every real minute its wall times cover. Intervals of one day
 *   that collapse onto each other that way are merged, so no real minute counts twice.
 * - The working time of a day: a `holiday` override has none; a `working` override has its own
 *   hours or, when null, the usual weekday hours (Monday's, or the first weekday that has any);
 *   any other day has its weekday's hours.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;

/**
 * The longest run of consecutive days without working time a search walks through before it
 * gives up: a calendar with no working time would otherwise loop forever.
 */
export const MAX_IDLE_DAYS = 3 * 366;

/**
 * How far ahead any search looks (days after the start's local date): a due time later than five
 * years is a configuration error (a nearly empty calendar, a huge target), reported as
 * `rule_violated` instead of being searched for.
 */
export const HORIZON_DAYS = 5 * 366;

/** The least working time a calendar's usual week must have (minutes), so that due times stay near. */
export const MIN_WEEKLY_MINUTES = 60;

/** Every minute works: 24×7 in UTC, no holidays. Used when a policy names no calendar. */
export const ALWAYS_OPEN: BusinessCalendar = Object.freeze({
  id: 'always_open',
  name: '24×7',
  timeZone: 'UTC',
  week: Object.freeze(Array.from({ length: 7 }, () => Object.freeze([[0, MINUTES_PER_DAY] as const]))),
  days: new Map<string, DayOverride>(),
});

/** A local calendar date. `month` 1–12. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A real (UTC) span `[start, end)` in epoch milliseconds. */
type Span = readonly [start: number, end: number];

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of a local date, the key of `BusinessCalendar.days`. */
export const formatLocalDate = (date: LocalDate): string =>
  `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a `YYYY-MM-DD` date; undefined when it is not a real Gregorian date. */
export const parseLocalDate = (text: string): LocalDate | undefined => {
  const match = DATE_PATTERN.exec(text);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return undefined;
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return { year, month, day };
};

/** The date `count` days after `date` (proleptic Gregorian; no zone involved). */
export const addLocalDays = (date: LocalDate, count: number): LocalDate => {
  const moved = new Date(Date.UTC(date.year, date.month - 1, date.day + count));
  return { year: moved.getUTCFullYear(), month: moved.getUTCMonth() + 1, day: moved.getUTCDate() };
};

/** ISO weekday of a date: 1 Monday … 7 Sunday. */
export const isoWeekday = (date: LocalDate): number => {
  const sundayFirst = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
};

/** The local date in the calendar's zone at an instant. */
export const localDateOf = (instant: Date, cal: BusinessCalendar): LocalDate => {
  const local = DateTime.fromMillis(instant.getTime(), { zone: cal.timeZone });
  return { year: local.year, month: local.month, day: local.day };
};

/** The usual hours of a weekday, for a `working` override without its own hours. */
const usualWeekdayHours = (cal: BusinessCalendar): readonly WorkingInterval[] =>
  cal.week.find((hours) => hours.length > 0) ?? [];

/** The wall-clock working intervals of a local date, overrides applied. */
export const workingHoursOn = (cal: BusinessCalendar, date: LocalDate): readonly WorkingInterval[] => {
  const override = cal.days.get(formatLocalDate(date));
  if (override?.kind === 'holiday') return [];
  if (override?.kind === 'working') return override.hours ?? usualWeekdayHours(cal);
  return cal.week[isoWeekday(date) - 1] ?? [];
};

/**
 * The real instant of a wall-clock minute of a local date (1440 is the next midnight, which opens
 * that day). A skipped wall time moves forward by the gap; a repeated one is its `earlier` or
 * `later` occurrence.
 */
const wallToMillis = (
  cal: BusinessCalendar,
  date: LocalDate,
  minute: number,
  occurrence: 'earlier' | 'later' = 'earlier',
): number => {
  const target = minute >= MINUTES_PER_DAY ? addLocalDays(date, 1) : date;
  const rest = minute >= MINUTES_PER_DAY ? minute - MINUTES_PER_DAY : minute;
  const hour = Math.floor(rest / 60);
  const wholeMinute = Math.floor(rest % 60);
  const millisecond = Math.round((rest % 1) * MINUTE_MS);
  // The wall time read as if it were UTC; each real occurrence is it minus the offset then in force.
  const asUtc = Date.UTC(target.year, target.month - 1, target.day, hour, wholeMinute, 0, millisecond);
  const zone = IANAZone.create(cal.timeZone);
  const before = zone.offset(asUtc - DAY_MS);
  const after = zone.offset(asUtc + DAY_MS);
  const occurrences = (before === after ? [before] : [before, after])
    .map((offset) => ({ offset, at: asUtc - offset * MINUTE_MS }))
    .filter(({ offset, at }) => zone.offset(at) === offset)
    .map(({ at }) => at);
  if (occurrences.length > 0) return occurrence === 'earlier' ? Math.min(...occurrences) : Math.max(...occurrences);
  // Skipped by spring-forward: luxon moves it forward by the gap.
  return DateTime.fromObject(
    { year: target.year, month: target.month, day: target.day, hour, minute: wholeMinute, second: 0, millisecond },
    { zone: cal.timeZone },
  ).toMillis();
};

// Converting wall time through luxon costs microseconds; a sweep over thousands of clocks asks for
// the same few days again and again. Calendars are immutable values, so their days are memoised
// per calendar object (bounded, so a long-lived calendar cannot grow without limit).
const MEMO_LIMIT = 4096;
const spanMemo = new WeakMap<BusinessCalendar, Map<string, readonly Span[]>>();

/**
 * The real working spans of a local date, sorted and merged. A day without a DST change is
 * converted once (midnight) and offset linearly; a day with one converts each boundary.
 */
const workingSpansOn = (cal: BusinessCalendar, date: LocalDate): readonly Span[] => {
  const key = formatLocalDate(date);
  let memo = spanMemo.get(cal);
  const cached = memo?.get(key);
  if (cached) return cached;
  const hours = workingHoursOn(cal, date);
  let spans: Span[] = [];
  if (hours.length > 0) {
    const midnight = wallToMillis(cal, date, 0);
    const nextMidnight = wallToMillis(cal, date, MINUTES_PER_DAY);
    const regular = nextMidnight - midnight === DAY_MS;
    for (const [start, end] of hours) {
      const from = regular ? midnight + start * MINUTE_MS : wallToMillis(cal, date, start);
      const to = regular
        ? midnight + end * MINUTE_MS
        : wallToMillis(cal, date, end, end < MINUTES_PER_DAY ? 'later' : 'earlier');
      if (to > from) spans.push([from, to]);
    }
    if (!regular) spans = mergeSpans(spans);
  }
  if (!memo) {
    memo = new Map();
    spanMemo.set(cal, memo);
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, spans);
  return spans;
};

const mergeSpans = (spans: Span[]): Span[] => {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
};

const noWorkingTime = (cal: BusinessCalendar): AppError =>
  new AppError(
    ErrorCode.RuleViolated,
    `Calendar ${cal.id} has no working time within ${MAX_IDLE_DAYS} days; a due time cannot be computed.`,
  );

const beyondHorizon = (cal: BusinessCalendar): AppError =>
  new AppError(
    ErrorCode.RuleViolated,
    `Calendar ${cal.id} puts the due time more than ${HORIZON_DAYS} days ahead; it has too little working time for this target.`,
  );

/** Working minutes of the usual week (nominal: wall-clock lengths, overrides and DST aside). */
export const weeklyWorkingMinutes = (week: readonly (readonly WorkingInterval[])[]): number =>
  week.reduce((sum, hours) => sum + hours.reduce((day, [start, end]) => day + Math.max(0, end - start), 0), 0);

const overrideKeysMemo = new WeakMap<BusinessCalendar, readonly string[]>();
/** The calendar's override dates, sorted (memoised per calendar object). */
const overrideKeys = (cal: BusinessCalendar): readonly string[] => {
  let keys = overrideKeysMemo.get(cal);
  if (!keys) {
    keys = [...cal.days.keys()].sort();
    overrideKeysMemo.set(cal, keys);
  }
  return keys;
};

/**
 * The real working milliseconds of the seven local days from `date`, when they are exactly the
 * usual week: no override among them and no UTC-offset change across them. Undefined otherwise
 * (the caller then walks those days one by one). Lets a search over a sparse calendar jump a week
 * at a time instead of converting every day.
 */
const plainWeekMs = (cal: BusinessCalendar, date: LocalDate): number | undefined => {
  const nominal = weeklyWorkingMinutes(cal.week) * MINUTE_MS;
  if (nominal === 0) return undefined;
  const from = formatLocalDate(date);
  const until = formatLocalDate(addLocalDays(date, 7));
  const keys = overrideKeys(cal);
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] ?? '') < from) lo = mid + 1;
    else hi = mid;
  }
  if (lo < keys.length && (keys[lo] ?? '') < until) return undefined;
  const span = wallToMillis(cal, addLocalDays(date, 7), 0) - wallToMillis(cal, date, 0);
  return span === 7 * DAY_MS ? nominal : undefined;
};

/** Days from `a` to `b` (local dates). */
const daysBetween = (a: LocalDate, b: LocalDate): number =>
  Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);

const requireMinutes = (minutes: number): void => {
  if (!Number.isFinite(minutes) || minutes < 0) {
    throw new AppError(ErrorCode.ValidationFailed, 'A duration must be a finite, non-negative number of minutes.');
  }
};

/** True when `instant` falls inside the calendar's working time (intervals are `[start, end)`). */
export const isWorkingInstant = (instant: Date, cal: BusinessCalendar): boolean => {
  const t = instant.getTime();
  return workingSpansOn(cal, localDateOf(instant, cal)).some(([start, end]) => start <= t && t < end);
};

/**
 * The instant at which `minutes` working minutes have passed since `start` (a UTC instant; the
 * minutes are real minutes inside the calendar's working intervals in its zone).
 *
 * The earliest such instant: work ending exactly at an interval's close is due at that close
 * (18:00), not at the next opening. With `minutes` 0 the answer is `start` when it is working
 * time, otherwise the next working instant. Throws `rule_violated` when the calendar has no
 * working time for `MAX_IDLE_DAYS` days in a row, or when the due time would be more than
 * `HORIZON_DAYS` days ahead. Whole ordinary weeks are skipped at once, so even that refusal is cheap.
 */
export const dueAt = (start: Date, minutes: number, cal: BusinessCalendar): Date => {
  requireMinutes(minutes);
  const t0 = start.getTime();
  let remaining = minutes * MINUTE_MS;
  const first = localDateOf(start, cal);
  let date = first;
  let idleDays = 0;
  for (;;) {
    if (daysBetween(first, date) > HORIZON_DAYS) throw beyondHorizon(cal);
    if (date !== first) {
      // A whole day ahead of `start`: jump ordinary weeks while the due time lies beyond them.
      // The nominal week first: cheap, and when it is not exceeded no jump is possible anyway.
      const week = remaining > weeklyWorkingMinutes(cal.week) * MINUTE_MS ? plainWeekMs(cal, date) : undefined;
      if (week !== undefined && remaining > week) {
        remaining -= week;
        date = addLocalDays(date, 7);
        idleDays = 0;
        continue;
      }
    }
    let worked = false;
    for (const [spanStart, spanEnd] of workingSpansOn(cal, date)) {
      if (spanEnd <= t0) continue;
      worked = true;
      const from = Math.max(spanStart, t0);
      const available = spanEnd - from;
      if (remaining <= available) return new Date(from + remaining);
      remaining -= available;
    }
    idleDays = worked ? 0 : idleDays + 1;
    if (idleDays > MAX_IDLE_DAYS) throw noWorkingTime(cal);
    date = addLocalDays(date, 1);
  }
};

/**
 * Working minutes (real minutes inside the calendar's working intervals) between two UTC
 * instants; 0 when `to` is not after `from`. May be fractional when an instant is mid-minute.
 */
export const workingMinutesBetween = (from: Date, to: Date, cal: BusinessCalendar): number => {
  const t0 = from.getTime();
  const t1 = to.getTime();
  if (!(t1 > t0)) return 0;
  let total = 0;
  const first = localDateOf(from, cal);
  const last = localDateOf(to, cal);
  const lastKey = formatLocalDate(last);
  for (let date = first; ; date = addLocalDays(date, 1)) {
    // Whole ordinary weeks strictly between the two ends count at once.
    while (date !== first && daysBetween(date, last) > 7) {
      const week = plainWeekMs(cal, date);
      if (week === undefined) break;
      total += week;
      date = addLocalDays(date, 7);
    }
    for (const [spanStart, spanEnd] of workingSpansOn(cal, date)) {
      const overlap = Math.min(spanEnd, t1) - Math.max(spanStart, t0);
      if (overlap > 0) total += overlap;
    }
    if (formatLocalDate(date) === lastKey) break;
  }
  return total / MINUTE_MS;
};

/**
 * The close of the `count`th working day after the local day of `start`: the end of that day's
 * last working interval (a UTC instant). Days without working time (weekends, holidays) are not
 * counted; make-up working days are. `count` 0 means the close of the start's own day when it has
 * working time, otherwise of the next day that has.
 */
export const endOfWorkingDays = (start: Date, count: number, cal: BusinessCalendar): Date => {
  if (!Number.isInteger(count) || count < 0) {
    throw new AppError(ErrorCode.ValidationFailed, 'A number of working days must be a non-negative integer.');
  }
  let date = localDateOf(start, cal);
  let spans = workingSpansOn(cal, date);
  const ownClose = spans.at(-1)?.[1];
  if (count === 0 && ownClose !== undefined && ownClose > start.getTime()) return new Date(ownClose);
  const wanted = Math.max(count, 1);
  const first = date;
  let counted = 0;
  let idleDays = 0;
  for (;;) {
    date = addLocalDays(date, 1);
    if (daysBetween(first, date) > HORIZON_DAYS) throw beyondHorizon(cal);
    spans = workingSpansOn(cal, date);
    const close = spans.at(-1)?.[1];
    if (close === undefined) {
      idleDays += 1;
      if (idleDays > MAX_IDLE_DAYS) throw noWorkingTime(cal);
      continue;
    }
    idleDays = 0;
    counted += 1;
    if (counted >= wanted) return new Date(close);
  }
};

/**
 * The same wall-clock time `days` days later in the calendar's zone (DST-safe: 10:00 stays
 * 10:00 across a change; a wall time skipped by spring-forward moves forward by the gap).
 * Holidays and working hours do not matter: this is how regulators count calendar days.
 */
export const addCalendarDays = (start: Date, days: number, cal: BusinessCalendar): Date => {
  if (!Number.isInteger(days)) {
    throw new AppError(ErrorCode.ValidationFailed, 'A number of calendar days must be an integer.');
  }
  return DateTime.fromMillis(start.getTime(), { zone: cal.timeZone }).plus({ days }).toJSDate();
};

/**
 * The due time of a policy target counted from `start` (UTC): working minutes via `dueAt`,
 * working days via `endOfWorkingDays`, calendar days via `addCalendarDays`. A null calendar
 * counts every minute and uses UTC days (`ALWAYS_OPEN`).
 */
export const dueFor = (start: Date, target: Target, cal: BusinessCalendar | null): Date => {
  const calendar = cal ?? ALWAYS_OPEN;
  switch (target.unit) {
    case 'working_minutes':
      return dueAt(start, target.amount, calendar);
    case 'working_days':
      return endOfWorkingDays(start, target.amount, calendar);
    case 'calendar_days':
      return addCalendarDays(start, target.amount, calendar);
  }
};

/** True for a time zone name the runtime knows (IANA, e.g. `Asia/Taipei`; `UTC`). */
export const isValidTimeZone = (zone: string): boolean => IANAZone.isValidZone(zone);

const intervalProblems = (hours: readonly WorkingInterval[], field: string): ErrorDetail[] => {
  const problems: ErrorDetail[] = [];
  let previousEnd = -1;
  hours.forEach((interval, index) => {
    const [start, end] = interval;
    const at = `${field}/${index}`;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > MINUTES_PER_DAY) {
      problems.push({ field: at, message: 'Interval bounds must be whole minutes within 0..1440.' });
    } else if (start >= end) {
      problems.push({ field: at, message: 'An interval must end after it starts.' });
    } else if (start < previousEnd) {
      problems.push({ field: at, message: 'Intervals must be sorted and must not overlap.' });
    }
    previousEnd = Math.max(previousEnd, end);
  });
  return problems;
};

/**
 * Problems with a calendar's shape and meaning, each naming its field (`/timeZone`,
 * `/week/2/0`, `/days/2026-02-14/hours/0`); empty when the calendar is valid.
 */
export const calendarProblems = (cal: Pick<BusinessCalendar, 'timeZone' | 'week' | 'days'>): ErrorDetail[] => {
  const problems: ErrorDetail[] = [];
  if (!isValidTimeZone(cal.timeZone)) {
    problems.push({ field: '/timeZone', message: `Unknown IANA time zone: ${cal.timeZone}.` });
  }
  if (cal.week.length !== 7) {
    problems.push({ field: '/week', message: 'The week must list seven days, Monday first.' });
  }
  cal.week.forEach((hours, index) => problems.push(...intervalProblems(hours, `/week/${index}`)));
  if (cal.week.length === 7 && problems.length === 0 && weeklyWorkingMinutes(cal.week) < MIN_WEEKLY_MINUTES) {
    problems.push({
      field: '/week',
      message: `The usual week must have at least ${MIN_WEEKLY_MINUTES} working minutes; due times could not be computed.`,
    });
  }
  for (const [day, override] of cal.days) {
    if (!parseLocalDate(day))
      problems.push({ field: `/days/${day}`, message: 'A day must be a real YYYY-MM-DD date.' });
    if (override.kind === 'working' && override.hours) {
      problems.push(...intervalProblems(override.hours, `/days/${day}/hours`));
    }
  }
  return problems;
};

/** Throws `validation_failed` listing every problem of the calendar, with `prefix` on each field. */
export const assertValidCalendar = (
  cal: Pick<BusinessCalendar, 'timeZone' | 'week' | 'days'>,
  prefix = '/body',
): void => {
  const problems = calendarProblems(cal);
  if (problems.length > 0) {
    throw new AppError(
      ErrorCode.ValidationFailed,
      'The calendar is not valid.',
      problems.map((p) => ({ ...p, field: `${prefix}${p.field ?? ''}` })),
    );
  }
};

/** An instant as ISO-8601 wall-clock time with offset in the calendar's zone (for display). */
export const formatInZone = (instant: Date, cal: Pick<BusinessCalendar, 'timeZone'>): string =>
  DateTime.fromMillis(instant.getTime(), { zone: cal.timeZone }).toISO({ suppressMilliseconds: true }) ?? '';
