import type { CalendarDayDto, CalendarDto } from '@redress/contract';
import type { CalendarDay, StoredCalendar } from './calendar.repository.ts';

export const presentCalendar = (calendar: StoredCalendar): CalendarDto => ({
  id: calendar.id,
  name: calendar.name,
  timeZone: calendar.timeZone,
  week: calendar.week.map((hours) => hours.map(([start, end]) => [start, end])),
  preset: calendar.preset,
  createdAt: calendar.createdAt.toISOString(),
  updatedAt: calendar.updatedAt.toISOString(),
});

export const presentCalendarDay = ({ day, override, source }: CalendarDay): CalendarDayDto => ({
  day,
  kind: override.kind,
  name: override.name,
  hours: override.kind === 'working' && override.hours ? override.hours.map(([start, end]) => [start, end]) : null,
  source,
});
