import { ClockKinds } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Scope } from '../../shared/unit-of-work.ts';
import type {
  CategoryCount,
  CategoryInfo,
  ClockCounts,
  DayCount,
  ReportRange,
  SiteFilter,
  WorkloadRow,
} from './reports.repository.ts';

/**
 * Reports for managers (pillar 8), the pure part: the range asked for, the sites counted, every
 * day of the range, categories rolled up to the top of the tree, and the order rows are shown in.
 * Instants and days are UTC.
 */

const DAY_MS = 86_400_000;

/** The range when the caller gives none: the last 30 days up to now. */
export const DEFAULT_REPORT_DAYS = 30;

/** The longest range a report counts: a year, with its leap day. */
export const MAX_REPORT_DAYS = 366;

const instant = (value: string, field: string): Date => {
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) {
    throw new AppError(ErrorCode.ValidationFailed, `The ${field} is not a date and time`, [
      { field: `/querystring/${field}`, message: 'must be a date-time' },
    ]);
  }
  return at;
};

/**
 * The range `[from, to)` a report counts. `to` defaults to `now`, `from` to 30 days before `to`.
 * A range that ends before it starts, or spans more than `MAX_REPORT_DAYS`, is refused.
 */
export const reportRange = (query: { readonly from?: string; readonly to?: string }, now: Date): ReportRange => {
  const to = query.to === undefined ? now : instant(query.to, 'to');
  const from =
    query.from === undefined ? new Date(to.getTime() - DEFAULT_REPORT_DAYS * DAY_MS) : instant(query.from, 'from');
  if (from.getTime() >= to.getTime()) {
    throw new AppError(ErrorCode.RuleViolated, 'The range ends before it starts', [
      { field: '/querystring/to', message: 'must be after from' },
    ]);
  }
  if (to.getTime() - from.getTime() > MAX_REPORT_DAYS * DAY_MS) {
    throw new AppError(ErrorCode.RuleViolated, `A report covers at most ${MAX_REPORT_DAYS} days`, [
      { field: '/querystring/from', message: `must be at most ${MAX_REPORT_DAYS} days before to` },
    ]);
  }
  return { from, to };
};

/**
 * The sites a report counts: the caller's own (every site for brand roles), narrowed to `siteId`
 * when given. A site outside the caller's scope counts nothing, as if it had no cases.
 */
export const reportSites = (scope: Scope, siteId?: string): SiteFilter => {
  if (siteId === undefined)
    return scope.allSites ? { all: true, siteIds: [] } : { all: false, siteIds: [...scope.siteIds] };
  return { all: false, siteIds: scope.allSites || scope.siteIds.includes(siteId) ? [siteId] : [] };
};

/** The UTC day (`YYYY-MM-DD`) of an instant. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

/** Every UTC day the range touches, oldest first: from the day of `from` to the day of its last instant. */
export const daysOf = (range: ReportRange): string[] => {
  const days: string[] = [];
  const last = utcDay(new Date(range.to.getTime() - 1));
  const start = new Date(`${utcDay(range.from)}T00:00:00.000Z`);
  for (let at = start; ; at = new Date(at.getTime() + DAY_MS)) {
    const day = utcDay(at);
    days.push(day);
    if (day >= last) break;
  }
  return days;
};

/** Counts for every day of the range, zero where the query found none. */
export const everyDay = (counts: readonly DayCount[], range: ReportRange): DayCount[] => {
  const byDay = new Map(counts.map((c) => [c.day, c.count]));
  return daysOf(range).map((day) => ({ day, count: byDay.get(day) ?? 0 }));
};

/** The top of a category's branch (itself when it has no parent); a cycle stops where it repeats. */
export const topCategoryOf = (id: string, parents: ReadonlyMap<string, string | null>): string => {
  const seen = new Set<string>();
  let at = id;
  for (let parent = parents.get(at) ?? null; parent !== null && !seen.has(parent); parent = parents.get(at) ?? null) {
    seen.add(at);
    at = parent;
  }
  return at;
};

/**
 * Volume per category with names, most first (then by id, uncategorised last); with `rollUp`, each
 * count moves to the top-level category of its branch.
 */
export const volumeByCategory = (
  counts: readonly CategoryCount[],
  categories: readonly CategoryInfo[],
  rollUp: boolean,
): { categoryId: string | null; names: Readonly<Record<string, string>> | null; count: number }[] => {
  const parents = new Map(categories.map((c) => [c.id, c.parentId]));
  const names = new Map(categories.map((c) => [c.id, c.names]));
  const totals = new Map<string | null, number>();
  for (const { categoryId, count } of counts) {
    const key = rollUp && categoryId !== null ? topCategoryOf(categoryId, parents) : categoryId;
    totals.set(key, (totals.get(key) ?? 0) + count);
  }
  return [...totals]
    .map(([categoryId, count]) => ({
      categoryId,
      names: categoryId === null ? null : (names.get(categoryId) ?? null),
      count,
    }))
    .sort(
      (a, b) =>
        b.count - a.count ||
        (a.categoryId === null ? 1 : 0) - (b.categoryId === null ? 1 : 0) ||
        (a.categoryId ?? '').localeCompare(b.categoryId ?? ''),
    );
};

/** Clock counts in the catalogue's order of kinds (unknown kinds after, by name), empty kinds left out. */
export const orderClockCounts = (rows: readonly ClockCounts[]): ClockCounts[] => {
  const position = (kind: string) => {
    const at = (ClockKinds as readonly string[]).indexOf(kind);
    return at === -1 ? ClockKinds.length : at;
  };
  return rows
    .filter((r) => r.met + r.breached + r.running > 0)
    .sort((a, b) => position(a.kind) - position(b.kind) || a.kind.localeCompare(b.kind));
};

/** People by name, then id: the order the workload table starts in. */
export const orderWorkload = (rows: readonly WorkloadRow[]): WorkloadRow[] =>
  [...rows].sort((a, b) => a.name.localeCompare(b.name) || a.userId.localeCompare(b.userId));
