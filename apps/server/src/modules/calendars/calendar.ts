/**
 * Business calendars: when an organisation works. Pure data; the maths over it lives in
 * `business-time.ts`. Every instant is a UTC `Date`; days and hours are local to `timeZone`.
 */

/** `[start, end)` in minutes after local midnight, e.g. `[540, 720]` is 09:00–12:00. */
export type WorkingInterval = readonly [start: number, end: number];

/** A date that differs from the usual week: a public holiday, or a (make-up) working day. */
export type DayOverride =
  | { readonly kind: 'holiday'; readonly name: string }
  /** `hours` null: the usual hours of a weekday (Monday's), as on a make-up working Saturday. */
  | { readonly kind: 'working'; readonly name: string; readonly hours: readonly WorkingInterval[] | null };

export interface BusinessCalendar {
  readonly id: string;
  readonly name: string;
  /** IANA time zone, e.g. `Asia/Taipei`. */
  readonly timeZone: string;
  /** Seven lists of working intervals, Monday first (ISO weekday 1 at index 0); sorted, not overlapping. */
  readonly week: readonly (readonly WorkingInterval[])[];
  /** Overrides by local date `YYYY-MM-DD`. */
  readonly days: ReadonlyMap<string, DayOverride>;
}
