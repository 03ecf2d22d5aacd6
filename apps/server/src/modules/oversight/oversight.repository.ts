/** Which sites an early-warning query counts: every site, or these (possibly none). */
export interface SiteFilter {
  readonly all: boolean;
  readonly siteIds: readonly string[];
}

export interface CaseRefRow {
  readonly caseId: string;
  readonly caseRef: string;
  readonly siteId: string | null;
  readonly ownerId: string;
}

export interface ClockRow extends CaseRefRow {
  readonly clockId: string;
  readonly key: string;
  readonly kind: string;
  readonly dueAt: Date;
  readonly breachedAt: Date | null;
}

export interface CommitmentRow extends CaseRefRow {
  readonly commitmentId: string;
  readonly text: string;
  readonly madeBy: string | null;
  readonly dueAt: Date;
  readonly atRiskAt: Date | null;
}

export interface EscalationRow extends CaseRefRow {
  readonly escalationId: string;
  readonly toRank: number;
  readonly trigger: string;
  readonly createdAt: Date;
}

export interface ApprovalRow extends CaseRefRow {
  readonly compensationId: string;
  readonly requiredRank: number;
  readonly kind: string;
  readonly amount: number | null;
  readonly currency: string | null;
  readonly proposedBy: string | null;
  readonly proposedAt: Date;
}

/** A burst of similar complaints (modules/recurrence), as the board shows it to one caller. */
export interface SpikeRow {
  readonly spikeId: string;
  /** The cluster's latest case of the period at the caller's sites. */
  readonly caseId: string;
  readonly caseRef: string;
  readonly subject: string | null;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly currentCount: number;
  readonly baselineCount: number;
  readonly baselinePeriods: number;
  /** Of the period's cases, those at the caller's sites. */
  readonly atSites: number;
  readonly detectedAt: Date;
}

export interface RankCount {
  readonly rank: number;
  readonly waiting: number;
  readonly oldestSince: Date;
}

export interface Bounded<T> {
  readonly total: number;
  readonly items: T[];
}

/** A window of due times: `from` exclusive, `to` inclusive; either end open when null. */
export interface DueWindow {
  readonly after: Date | null;
  readonly until: Date;
}

/** The oversight module's port: read-only queries, each narrowed to `sites` in SQL. */
export interface OversightRepository {
  /** Running clocks due in the window; soonest first. */
  clocksDue(sites: SiteFilter, window: DueWindow, limit: number): Promise<Bounded<ClockRow>>;
  /** Open commitments due in the window; soonest first. */
  commitmentsDue(sites: SiteFilter, window: DueWindow, limit: number): Promise<Bounded<CommitmentRow>>;
  /** Unacknowledged upward escalations, oldest first, and the count per rank. */
  escalationsWaiting(sites: SiteFilter, limit: number): Promise<Bounded<EscalationRow> & { byRank: RankCount[] }>;
  /** Compensation proposals awaiting a decision, oldest first, and the count per required rank. */
  approvalsWaiting(sites: SiteFilter, limit: number): Promise<Bounded<ApprovalRow> & { byRank: RankCount[] }>;
  /** Spikes detected after `since` with a case of their period at `sites`; newest first. */
  spikesRaised(sites: SiteFilter, since: Date, limit: number): Promise<Bounded<SpikeRow>>;
  /** The ladder's level names by rank. */
  levelNames(): Promise<Map<number, Readonly<Record<string, string>>>>;
}
