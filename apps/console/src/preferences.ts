import { isLocale, type Locale } from './i18n/i18n.ts';

/**
 * Preferences kept in this browser until the server stores them per user. Reads and writes
 * never throw: storage can be disabled (private windows, strict policies) and the console must
 * still work with defaults.
 */

export type CalendarPreference = 'gregory' | 'buddhist';
export const CALENDARS: readonly CalendarPreference[] = ['gregory', 'buddhist'];

const CALENDAR_KEY = 'redress.calendar';
const LOCALE_KEY = 'redress.locale';

const read = (key: string): string | null => {
  try {
    return globalThis.localStorage?.getItem(key) ?? null;
  } catch {
    return null;
  }
};

const write = (key: string, value: string): void => {
  try {
    globalThis.localStorage?.setItem(key, value);
  } catch {
    // Storage unavailable: the choice lasts for this page only.
  }
};

/**
 * The language chosen with the switcher. Keyed by user so that agents sharing a desk each keep
 * their own; `undefined` (signed out) is the choice made on the sign-in page or the portal.
 */
export const storedLocale = (userId?: string): Locale | undefined => {
  const value = read(userId ? `${LOCALE_KEY}.${userId}` : LOCALE_KEY);
  return isLocale(value) ? value : undefined;
};

export const storeLocale = (locale: Locale, userId?: string): void => {
  write(userId ? `${LOCALE_KEY}.${userId}` : LOCALE_KEY, locale);
};

/** Thai readers usually count years in the Buddhist era (2569 = 2026); everyone else Gregorian. */
export const defaultCalendar = (locale: Locale): CalendarPreference => (locale === 'th' ? 'buddhist' : 'gregory');

export const storedCalendar = (): CalendarPreference | undefined => {
  const value = read(CALENDAR_KEY);
  return value === 'gregory' || value === 'buddhist' ? value : undefined;
};

export const storeCalendar = (calendar: CalendarPreference): void => write(CALENDAR_KEY, calendar);
