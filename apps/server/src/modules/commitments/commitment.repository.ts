import type { CommitmentStatsGroup } from '@redress/contract';
import type { CaseRepository } from '../cases/index.ts';
import type { LadderLevel } from '../escalation/index.ts';
import type { Commitment } from './commitment.ts';
import type { CaseDeadline, DependencyTask } from './over-promise.ts';

/** One row of the kept-on-time figures, counted in SQL. */
export interface CommitmentStatsCounts {
  readonly key: string | null;
  readonly name: string | null;
  readonly made: number;
  readonly open: number;
  readonly keptOnTime: number;
  readonly keptLate: number;
  readonly broken: number;
  readonly renegotiated: number;
}

export interface CommitmentStatsFilter {
  readonly groupBy: CommitmentStatsGroup;
  /** Promises made in [from, to), UTC; open-ended when absent. */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  /**
   * Whose promises count: those on cases at these sites (the case's site, not the promiser's), or
   * on every case when `all`; narrowed in SQL.
   */
  readonly sites: { readonly all: boolean; readonly siteIds: readonly string[] };
}

/** Where the case's times are written and in which language its customer is addressed. */
export interface CaseAudience {
  readonly customerName: string;
  /** The case's language, else the customer's preferred one; null when neither is known. */
  readonly language: string | null;
  /** The case site's IANA zone; null for a case without a site. */
  readonly timeZone: string | null;
}

/** The commitments module's port onto storage. */
export interface CommitmentRepository {
  insertCommitment(commitment: Commitment): Promise<void>;
  saveCommitment(commitment: Commitment): Promise<void>;
  /** `forUpdate` locks the row for the rest of the unit of work (PostgreSQL). */
  findCommitment(id: string, forUpdate?: boolean): Promise<Commitment | undefined>;
  /** The case's promises, oldest first. */
  listCaseCommitments(caseId: string): Promise<Commitment[]>;
  /** The internal tasks with these ids ON THIS CASE; ids of other cases are left out. */
  findCaseTasks(caseId: string, ids: readonly string[]): Promise<DependencyTask[]>;
  /** True when `eventId` is a message or call event on this case's timeline. */
  isCaseMessageEvent(caseId: string, eventId: string): Promise<boolean>;
  /** The case's running or paused resolve and regulatory clocks' due times. */
  caseDeadlines(caseId: string): Promise<CaseDeadline[]>;
  /**
   * Whether `at` falls in working time of the calendar of the case's service policy; null when
   * the case has no policy calendar.
   */
  dueInWorkingHours(caseId: string, at: Date): Promise<boolean | null>;
  ladderLevels(): Promise<LadderLevel[]>;
  caseAudience(caseId: string): Promise<CaseAudience | undefined>;
  stats(filter: CommitmentStatsFilter): Promise<CommitmentStatsCounts[]>;
}

/** Promises are made on cases: one unit of work holds both ports. */
export interface CommitmentStore {
  readonly cases: CaseRepository;
  readonly commitments: CommitmentRepository;
}
