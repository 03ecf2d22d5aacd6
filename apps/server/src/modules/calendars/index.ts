/** The calendars module's public door: business calendars and the business-time maths. */
export type { BusinessCalendar, DayOverride, WorkingInterval } from './calendar.ts';
export {
  ALWAYS_OPEN,
  MAX_IDLE_DAYS,
  addCalendarDays,
  addLocalDays,
  assertValidCalendar,
  calendarProblems,
  dueAt,
  dueFor,
  endOfWorkingDays,
  formatLocalDate,
  isValidTimeZone,
  isWorkingInstant,
  isoWeekday,
  localDateOf,
  parseLocalDate,
  workingHoursOn,
  workingMinutesBetween,
} from './business-time.ts';
export type { LocalDate } from './business-time.ts';
