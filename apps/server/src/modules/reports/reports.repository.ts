/** Which sites a report counts (by the case's site): every site, or these (possibly none). */
export interface SiteFilter {
  readonly all: boolean;
  readonly siteIds: readonly string[];
}

/** A half-open range of instants `[from, to)`, UTC. */
export interface ReportRange {
  readonly from: Date;
  readonly to: Date;
}

export interface CategoryCount {
  readonly categoryId: string | null;
  readonly count: number;
}

export interface DayCount {
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly count: number;
}

export interface ClockCounts {
  readonly kind: string;
  readonly met: number;
  readonly breached: number;
  readonly running: number;
}

export interface PromiseCounts {
  readonly kept: number;
  readonly broken: number;
  readonly renegotiated: number;
  readonly open: number;
  readonly overdue: number;
}

export interface CategoryInfo {
  readonly id: string;
  readonly parentId: string | null;
  readonly names: Readonly<Record<string, string>>;
}

export interface WorkloadRow {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
  readonly openCases: number;
  readonly breachedClocks: number;
  readonly openCommitments: number;
  readonly overdueCommitments: number;
  readonly openTasks: number;
}

/**
 * The reports module's port: read-only aggregate queries, each narrowed to `sites` in SQL by the
 * case's site.
 */
export interface ReportsRepository {
  /** Cases created in the range (merged duplicates left out), per category (null: none). */
  casesByCategory(sites: SiteFilter, range: ReportRange): Promise<CategoryCount[]>;
  /** The same cases per UTC day; days without cases are absent. */
  casesByDay(sites: SiteFilter, range: ReportRange): Promise<DayCount[]>;
  /**
   * Clocks due in the range per kind: met in time, breached (announced, met late, or running past
   * due at `now`), or still running/paused. Cancelled clocks that never breached count nowhere.
   */
  clockCompliance(sites: SiteFilter, range: ReportRange, now: Date): Promise<ClockCounts[]>;
  /** Promises due in the range by status; `overdue`: the open ones due at or before `now`. */
  promiseOutcomes(sites: SiteFilter, range: ReportRange, now: Date): Promise<PromiseCounts>;
  /** Every category with its parent and names. */
  categories(): Promise<CategoryInfo[]>;
  /**
   * Active users at `sites` (home site or a team's site; every active user for all sites), with
   * what they carry at `now` on cases at those sites: open cases owned (neither resolved nor
   * closed nor merged), running clocks past due on them, open promises they made and those past
   * due, and open internal tasks assigned to them by name (on cases not closed or merged).
   */
  workload(sites: SiteFilter, now: Date): Promise<WorkloadRow[]>;
}
