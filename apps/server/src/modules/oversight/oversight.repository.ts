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
  /** The ladder's level names by rank. */
  levelNames(): Promise<Map<number, Readonly<Record<string, string>>>>;
}
