import type { Scope } from '../../shared/unit-of-work.ts';
import type { DueWindow, SiteFilter } from './oversight.repository.ts';

/** Days back the board shows spikes of similar complaints: one spike period (modules/recurrence). */
export const SPIKE_DAYS = 7;

/** Hours the board looks ahead by default. */
export const DEFAULT_HORIZON_HOURS = 24;

/** The sites an overseer's board counts: brand roles every site, others their own sites. */
export const siteFilterFor = (scope: Scope): SiteFilter =>
  scope.allSites ? { all: true, siteIds: [] } : { all: false, siteIds: [...scope.siteIds] };

/**
 * The two windows of the board at `now` (UTC): due within `hours` (after now, up to now + hours)
 * and already past due (up to now).
 */
export const boardWindows = (now: Date, hours: number): { dueSoon: DueWindow; overdue: DueWindow; horizon: Date } => {
  const horizon = new Date(now.getTime() + hours * 3_600_000);
  return { dueSoon: { after: now, until: horizon }, overdue: { after: null, until: now }, horizon };
};
