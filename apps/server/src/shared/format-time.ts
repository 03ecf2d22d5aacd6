/**
 * One way of writing an instant for people, whoever reads it: the customer in a drafted update and
 * the staff member in a notification see the same time written the same way. Pure (Intl only).
 *
 * The format is the locale's own long date, a 24-hour time and the zone's short name — "January 6,
 * 2026 at 17:00 GMT+8", "2026年1月6日 17:00 [GMT+8]", "6 มกราคม 2569 เวลา 17:00 GMT+8" (Thai dates
 * use the Buddhist era). The zone is named because the reader may not be in the site's zone.
 */

const OPTIONS = {
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZoneName: 'short',
} as const satisfies Intl.DateTimeFormatOptions;

/** Formatters are costly to build and these inputs repeat: one per (locale, zone). */
const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zones come from site settings, so few; the cap only bounds memory against odd input. */
const MAX_FORMATTERS = 256;

const formatterFor = (locale: string, timeZone: string): Intl.DateTimeFormat => {
  const key = `${locale}\u0000${timeZone}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat(locale, { ...OPTIONS, timeZone });
    } catch {
      // An unknown zone (or locale) must not stop a notification or a draft: write it in UTC.
      formatter = new Intl.DateTimeFormat(locale, { ...OPTIONS, timeZone: 'UTC' });
    }
    if (formatters.size >= MAX_FORMATTERS) formatters.clear();
    formatters.set(key, formatter);
  }
  return formatter;
};

/**
 * Writes `at` (an instant) as a reader of `locale` reads it, on the wall clock of `timeZone`
 * (IANA; an unknown zone falls back to UTC). Returns null for an invalid date.
 */
export const formatTime = (at: Date, locale: string, timeZone: string): string | null => {
  if (Number.isNaN(at.getTime())) return null;
  return formatterFor(locale, timeZone).format(at);
};
