/** Working intervals as the API sends them: `[start, end)` in minutes after local midnight. */
export type Interval = readonly number[];

const pad = (n: number) => String(n).padStart(2, '0');

/** 540 → "09:00"; 1440 → "24:00". */
export const minutesToClock = (minutes: number): string => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;

/** `[[540, 720], [780, 1080]]` → "09:00–12:00, 13:00–18:00"; an empty day → "". */
export const intervalsToText = (intervals: readonly Interval[]): string =>
  intervals.map(([start = 0, end = 0]) => `${minutesToClock(start)}–${minutesToClock(end)}`).join(', ');

const CLOCK = /^(\d{1,2})(?:[:.：](\d{2}))?$/;

const clockToMinutes = (text: string): number | null => {
  const match = CLOCK.exec(text.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes > 0)) return null;
  return hours * 60 + minutes;
};

/**
 * "09:00–12:00, 13:00-18:00" → `[[540, 720], [780, 1080]]`; blank → `[]` (a day off). Returns
 * null when a part cannot be read as two times; order and overlaps are the server's to judge.
 */
export const textToIntervals = (text: string): number[][] | null => {
  const parts = text
    .split(/[,，、;]/)
    .map((part) => part.trim())
    .filter(Boolean);
  const out: number[][] = [];
  for (const part of parts) {
    const [from, to, ...rest] = part.split(/\s*[-–—~〜至到]\s*/);
    if (from === undefined || to === undefined || rest.length > 0) return null;
    const start = clockToMinutes(from);
    const end = clockToMinutes(to);
    if (start === null || end === null) return null;
    out.push([start, end]);
  }
  return out;
};

/** Working minutes in a week of intervals. */
export const weekMinutes = (week: readonly (readonly Interval[])[]): number =>
  week.flat().reduce((sum, [start = 0, end = 0]) => sum + Math.max(0, end - start), 0);

/** The seven weekday names in `locale`, Monday first (1 January 2024 was a Monday). */
export const weekdayNames = (locale: string, style: 'long' | 'short' = 'long'): string[] =>
  Array.from({ length: 7 }, (_, i) =>
    new Intl.DateTimeFormat(locale, { weekday: style, timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i))),
  );

/** A local date `YYYY-MM-DD` as a `Date` at noon UTC, to format without shifting a day in any zone. */
export const localDay = (day: string): Date => new Date(`${day}T12:00:00Z`);

/** Monday-first weekday index (0–6) of a local date `YYYY-MM-DD`. */
export const weekdayOf = (day: string): number => (localDay(day).getUTCDay() + 6) % 7;

const zoneOffsetMs = (instant: number, timeZone: string): number => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  const wall = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  return wall - Math.floor(instant / 1000) * 1000;
};

/**
 * A wall-clock time `YYYY-MM-DDTHH:mm` in `timeZone` as an instant (what `datetime-local` gives,
 * read in the calendar's zone rather than the browser's). Null when the text is not such a time.
 */
export const zonedToInstant = (local: string, timeZone: string): Date | null => {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local);
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  let guess = wall - zoneOffsetMs(wall, timeZone);
  guess = wall - zoneOffsetMs(guess, timeZone);
  return new Date(guess);
};

/** An instant as `YYYY-MM-DDTHH:mm` wall-clock time in `timeZone` (for a `datetime-local` input). */
export const instantToZoned = (instant: Date, timeZone: string): string => {
  const shifted = new Date(instant.getTime() + zoneOffsetMs(instant.getTime(), timeZone));
  return shifted.toISOString().slice(0, 16);
};

/** Every IANA zone the browser knows, for suggestions; empty where `Intl` cannot list them. */
export const knownTimeZones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
};
