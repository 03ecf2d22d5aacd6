import ICAL from 'ical.js';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { addLocalDays, formatLocalDate } from './business-time.ts';

/**
 * Reading an iCalendar holiday feed (RFC 5545), e.g. a government's or Google's public-holiday
 * calendar, into holiday dates. Every all-day event is taken as a day off: feeds of other events
 * are the administrator's mistake to make, and the import report lists what was taken.
 */

/** The largest feed accepted, in characters: a national feed for ten years is ~100 KB. */
export const ICAL_MAX_CHARS = 1_000_000;
/** The most events read from one feed; the rest are reported as skipped. */
export const ICAL_MAX_EVENTS = 5_000;
/** An all-day event longer than this many days is not a holiday (a school term, a season). */
export const ICAL_MAX_SPAN_DAYS = 31;
/** Occurrences of one yearly rule are expanded at most this many years ahead of the window start. */
const MAX_OCCURRENCES = 100;
const NAME_MAX = 200;

export interface ImportedHoliday {
  /** Local `YYYY-MM-DD`; an all-day date has no zone, so it is the calendar's own date. */
  readonly day: string;
  readonly name: string;
}

export interface SkippedEvent {
  readonly summary: string;
  readonly reason: string;
}

export interface HolidayFeed {
  readonly holidays: readonly ImportedHoliday[];
  readonly skipped: readonly SkippedEvent[];
}

const invalid = (message: string): AppError =>
  new AppError(ErrorCode.ValidationFailed, `The iCalendar feed cannot be imported: ${message}`, [
    { field: '/body', message },
  ]);

/**
 * The holiday dates of an iCalendar feed. All-day VEVENTs become one date per day they cover
 * (DTEND is exclusive; no DTEND means one day); yearly RRULEs are expanded for the years
 * `fromYear..toYear`. Timed events, cancelled events, other repeat rules and overlong spans are
 * skipped and reported. Throws `payload_too_large` past `ICAL_MAX_CHARS` and `validation_failed`
 * naming the problem when the text is not an iCalendar file.
 */
export const parseHolidayFeed = (text: string, window: { fromYear: number; toYear: number }): HolidayFeed => {
  if (text.length > ICAL_MAX_CHARS) {
    throw new AppError(ErrorCode.PayloadTooLarge, `An iCalendar feed may be at most ${ICAL_MAX_CHARS} characters.`);
  }
  if (!/^\s*BEGIN:VCALENDAR/iu.test(text)) throw invalid('it does not start with BEGIN:VCALENDAR.');
  let root: ICAL.Component;
  try {
    const parsed: unknown = ICAL.parse(text);
    // A file with several VCALENDARs parses to a list; the first is read.
    const first = Array.isArray(parsed) && Array.isArray(parsed[0]) ? (parsed[0] as unknown[]) : parsed;
    root = new ICAL.Component(first as never);
  } catch (error) {
    throw invalid(error instanceof Error ? error.message : 'it could not be parsed.');
  }
  if (root.name !== 'vcalendar') throw invalid('its root component is not VCALENDAR.');

  const names = new Map<string, string>();
  const skipped: SkippedEvent[] = [];
  const add = (day: string, name: string): void => {
    const existing = names.get(day);
    names.set(day, existing && existing !== name ? `${existing} / ${name}`.slice(0, NAME_MAX) : name);
  };

  const events = root.getAllSubcomponents('vevent');
  events.forEach((component, index) => {
    let summary = 'Holiday';
    try {
      const event = new ICAL.Event(component);
      summary = (event.summary || 'Holiday').trim().slice(0, NAME_MAX) || 'Holiday';
      if (index >= ICAL_MAX_EVENTS) {
        skipped.push({ summary, reason: `more than ${ICAL_MAX_EVENTS} events in the feed` });
        return;
      }
      const status = component.getFirstPropertyValue('status');
      if (typeof status === 'string' && status.toUpperCase() === 'CANCELLED') {
        skipped.push({ summary, reason: 'cancelled' });
        return;
      }
      const start = event.startDate;
      if (!start) {
        skipped.push({ summary, reason: 'no DTSTART' });
        return;
      }
      if (!start.isDate) {
        skipped.push({ summary, reason: 'a timed event, not an all-day holiday' });
        return;
      }
      const end = component.hasProperty('dtend') || component.hasProperty('duration') ? event.endDate : null;
      const span = end ? Math.round(end.subtractDate(start).toSeconds() / 86_400) : 1;
      if (span < 1 || span > ICAL_MAX_SPAN_DAYS) {
        skipped.push({ summary, reason: `spans ${span} days (1..${ICAL_MAX_SPAN_DAYS} are imported)` });
        return;
      }
      const addSpan = (first: ICAL.Time): void => {
        const firstDay = { year: first.year, month: first.month, day: first.day };
        for (let i = 0; i < span; i += 1) add(formatLocalDate(addLocalDays(firstDay, i)), summary);
      };
      if (!event.isRecurring()) {
        addSpan(start);
        return;
      }
      const rule = component.getFirstPropertyValue('rrule') as ICAL.Recur | null;
      if (!rule || rule.freq !== 'YEARLY' || component.hasProperty('rdate')) {
        skipped.push({ summary, reason: `repeats ${rule?.freq ?? 'by RDATE'}; only simple yearly rules are imported` });
        return;
      }
      const iterator = event.iterator();
      for (let n = 0; n < MAX_OCCURRENCES; n += 1) {
        const next = iterator.next();
        if (!next || next.year > window.toYear) break;
        if (next.year >= window.fromYear) addSpan(next);
      }
    } catch (error) {
      skipped.push({ summary, reason: error instanceof Error ? error.message.slice(0, NAME_MAX) : 'unreadable' });
    }
  });

  const holidays = [...names.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([day, name]) => ({ day, name }));
  return { holidays, skipped };
};
