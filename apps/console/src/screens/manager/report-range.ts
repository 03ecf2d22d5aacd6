import type { OverviewQuery } from './manager-api.ts';

/** What the reports form holds: days as `YYYY-MM-DD` (both included) and a site id or `''` for all. */
export interface RangeInput {
  from: string;
  to: string;
  siteId: string;
}

export type RangeProblem = 'missing' | 'order';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const pad = (n: number) => String(n).padStart(2, '0');

/** A local calendar day as `YYYY-MM-DD`. */
export const dayOf = (date: Date): string => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

/** The last 30 days up to and including `today` (the reader's calendar day), over all my sites. */
export const defaultRange = (today: Date): RangeInput => {
  const from = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  return { from: dayOf(from), to: dayOf(today), siteId: '' };
};

/** Why a range cannot be asked for: a day is missing or malformed, or it starts after it ends. */
export const rangeProblem = ({ from, to }: RangeInput): RangeProblem | null => {
  if (!DAY.test(from) || !DAY.test(to)) return 'missing';
  return from > to ? 'order' : null;
};

/**
 * The API's half-open `[from, to)` for whole days, from midnight UTC of the first day to midnight
 * UTC after the last: the server counts cases per UTC day, so the days shown are the days asked.
 */
export const overviewQueryOf = ({ from, to, siteId }: RangeInput): OverviewQuery => {
  const end = new Date(`${to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { from: `${from}T00:00:00.000Z`, to: end.toISOString(), ...(siteId ? { siteId } : {}) };
};
