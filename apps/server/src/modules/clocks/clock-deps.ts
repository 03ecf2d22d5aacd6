/** The calendar and policy types the clocks work with, in one place. */
export type { BusinessCalendar } from '../calendars/index.ts';
export type { ServicePolicy, Target } from '../policies/index.ts';
