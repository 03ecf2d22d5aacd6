import type { CalendarDaySource } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { DayOverride, WorkingInterval } from './calendar.ts';

/** A calendar as stored, without its days. */
export interface StoredCalendar {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly week: readonly (readonly WorkingInterval[])[];
  /** The country preset it was generated from, if any. */
  readonly preset: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One day override of a calendar and where it came from. */
export interface CalendarDay {
  /** Local `YYYY-MM-DD`. */
  readonly day: string;
  readonly override: DayOverride;
  readonly source: CalendarDaySource;
}

/** The calendars port: rows of `calendars` and `calendar_days`. */
export interface CalendarRepository {
  listCalendars(): Promise<StoredCalendar[]>;
  findCalendar(id: string): Promise<StoredCalendar | undefined>;
  /** Days in date order; with `year`, only that year's. */
  listDays(calendarId: string, year?: number): Promise<CalendarDay[]>;
  insertCalendar(calendar: StoredCalendar): Promise<void>;
  updateCalendar(
    id: string,
    patch: {
      readonly name?: string;
      readonly week?: readonly (readonly WorkingInterval[])[];
      readonly updatedAt: Date;
    },
  ): Promise<void>;
  /** Inserts or replaces these days (by date). */
  putDays(calendarId: string, days: readonly CalendarDay[]): Promise<void>;
  /** False when there was no such day. */
  deleteDay(calendarId: string, day: string): Promise<boolean>;
  appendEvent(event: NewEvent): Promise<void>;
}
