/** How a due time reads against now: urgency and the remaining (or overdue) time in parts. */
export type CountdownTone = 'overdue' | 'soon' | 'later';

export interface CountdownParts {
  overdue: boolean;
  tone: CountdownTone;
  days: number;
  hours: number;
  minutes: number;
  /** Whole milliseconds left; negative when overdue. */
  remainingMs: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Splits the time between `now` and `dueAt` into days, hours and minutes (rounded down, so
 * "2 hr" never means 1 hr 59 min has been rounded up). `soonMs` (default 4 h) is how close a due
 * time must be to turn `soon`. Pure: the caller passes `now`.
 */
export const countdownParts = (dueAt: Date | string, now: Date, soonMs = 4 * HOUR): CountdownParts => {
  const due = typeof dueAt === 'string' ? new Date(dueAt) : dueAt;
  const remainingMs = due.getTime() - now.getTime();
  const overdue = remainingMs < 0;
  const span = Math.abs(remainingMs);
  const days = Math.floor(span / DAY);
  const hours = Math.floor((span % DAY) / HOUR);
  const minutes = Math.floor((span % HOUR) / MINUTE);
  const tone: CountdownTone = overdue ? 'overdue' : remainingMs <= soonMs ? 'soon' : 'later';
  return { overdue, tone, days, hours, minutes, remainingMs };
};
