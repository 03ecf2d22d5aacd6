/** The calendars module's public door: business calendars, the business-time maths, presets, routes. */
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
  formatInZone,
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
export { buildPresetCalendar, type PresetCalendar } from './calendar-presets.ts';
export { parseHolidayFeed, type HolidayFeed } from './ical-import.ts';
export type { CalendarDay, CalendarRepository, StoredCalendar } from './calendar.repository.ts';
export { createCalendarService, type CalendarService } from './calendar.service.ts';
export { calendarsRoutes } from './calendar.routes.ts';
