import type { Locale } from './i18n/i18n.ts';
import { defaultCalendar, type CalendarPreference } from './preferences.ts';

export interface DateFormatOptions {
  /** Which era years are counted in; defaults to Buddhist for Thai, Gregorian otherwise. */
  calendar?: CalendarPreference;
  /** IANA zone, e.g. `Asia/Bangkok`; defaults to the browser's zone. */
  timeZone?: string;
  /** `date` (4 Jan 2026), `dateTime` (with hours and minutes) or `time` (hours and minutes). */
  style?: 'date' | 'dateTime' | 'time';
}

/**
 * Formats an instant for people with `Intl`, in the reader's language and calendar.
 * Accepts a `Date` or an ISO 8601 string as the API sends them.
 */
export const formatDate = (value: Date | string, locale: Locale, options: DateFormatOptions = {}): string => {
  const date = typeof value === 'string' ? new Date(value) : value;
  const style = options.style ?? 'date';
  return new Intl.DateTimeFormat(locale, {
    calendar: options.calendar ?? defaultCalendar(locale),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(style === 'time' ? {} : { dateStyle: 'medium' as const }),
    ...(style === 'date' ? {} : { timeStyle: 'short' as const }),
  }).format(date);
};

/** Formats a number with `Intl` in the reader's language (grouping, decimal mark, percent…). */
export const formatNumber = (value: number, locale: Locale, options: Intl.NumberFormatOptions = {}): string =>
  new Intl.NumberFormat(locale, options).format(value);
