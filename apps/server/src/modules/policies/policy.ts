import type { CaseChannel, CaseStatus, Severity } from '@redress/contract';

/**
 * How long something may take. `working_minutes` count only the calendar's working time;
 * `working_days` end at the close of the Nth working day after the day it started (FCA DISP's
 * "by the end of the third business day after receipt", China's "within 7 working days");
 * `calendar_days` run on the wall clock in the calendar's time zone and never pause.
 */
export type Target =
  | { readonly unit: 'working_minutes'; readonly amount: number }
  | { readonly unit: 'working_days'; readonly amount: number }
  | { readonly unit: 'calendar_days'; readonly amount: number };

/** What a policy selects on; an absent or empty list matches anything. */
export interface PolicyConditions {
  readonly categoryIds?: readonly string[];
  readonly severities?: readonly Severity[];
  readonly channels?: readonly CaseChannel[];
  readonly siteIds?: readonly string[];
  readonly customerTiers?: readonly string[];
}

/** The case facts a policy is chosen by. */
export interface PolicySubject {
  readonly categoryId: string | null;
  readonly severity: Severity;
  readonly channel: CaseChannel;
  readonly siteId: string | null;
  readonly customerTier: string | null;
}

/**
 * A service policy: the promises an organisation makes about every complaint it matches. Chosen
 * by conditions, first match in ascending `rank`; each target absent (null) means no such clock.
 */
export interface ServicePolicy {
  readonly id: string;
  readonly name: string;
  readonly rank: number;
  readonly conditions: PolicyConditions;
  /** The working calendar; null: every minute counts (24×7, UTC days). */
  readonly calendarId: string | null;
  readonly targets: {
    readonly acknowledge: Target | null;
    readonly firstResponse: Target | null;
    /** The customer is owed an update this often while the case is open (article 000). */
    readonly keepInLoop: Target | null;
    readonly resolve: Target | null;
  };
  /** A regulator's deadline in calendar days from receipt; it never pauses. */
  readonly regulatory: { readonly days: number; readonly label: string } | null;
  /** Statuses in which the pausable clocks stop (e.g. `waiting_on_customer`). */
  readonly pauseStatuses: readonly CaseStatus[];
  /** Warnings at these percentages of the allowed time, ascending, each in (0, 100). */
  readonly warnPercents: readonly number[];
  /** The shipped preset it was made from (`iso10002`, `fca_disp`, `cfpb`, `cn_consumer`), if any. */
  readonly preset: string | null;
  readonly enabled: boolean;
}
