import type { CaseLinkKind, CaseStatus, InfluencerRelationship, KeyPersonRole, QueueKey } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { ClockRepository } from '../clocks/index.ts';
import type { CustomerRepository } from '../customers/index.ts';
import type { Case } from './case.ts';
import type { Category, Names, RootCause } from './category.ts';

/**
 * Who may see which cases, as the repository applies it IN SQL: every case when `all`; otherwise
 * cases at `siteIds`, cases the user owns, and cases with a task for one of `teamIds` or the user.
 */
export interface CaseVisibility {
  readonly all: boolean;
  readonly siteIds: readonly string[];
  readonly teamIds: readonly string[];
  readonly userId: string | null;
}

export type CaseSort = 'created_desc' | 'created_asc' | 'updated_desc';

/** One of the agent's queues, as the repository applies it in SQL (definitions in the contract's `queues.ts`). */
export interface CaseQueueFilter {
  readonly key: QueueKey;
  /** Whose cases `mine` holds; null (no user) holds none. */
  readonly userId: string | null;
  /** `due_soon` holds cases with a running clock due at or before this instant (past due included). */
  readonly dueBefore: Date;
}

export interface CaseListFilter {
  readonly q?: string | undefined;
  readonly status?: CaseStatus | undefined;
  readonly siteId?: string | undefined;
  readonly ownerId?: string | undefined;
  readonly categoryId?: string | undefined;
  /** One customer's cases, with those of every customer merged into them. */
  readonly customerId?: string | undefined;
  /** Only cases still being worked: neither resolved nor closed. */
  readonly openOnly?: boolean | undefined;
  /** Leave closed cases out (resolved ones stay: the customer may still be talking about them). */
  readonly notClosed?: boolean | undefined;
  /** Only the cases of one queue; `due_soon` is ordered by the earliest running clock instead of `sort`. */
  readonly queue?: CaseQueueFilter | undefined;
  /** Opaque position from the previous page (see the repository). */
  readonly cursor?: string | undefined;
  readonly sort: CaseSort;
  readonly limit: number;
}

/** A listed case with what the queues show beside it, read in one batched query per page. */
export interface CaseListItem extends Case {
  /** The earliest due time of the case's running clocks; null when none runs. */
  readonly nextDueAt: Date | null;
  /** The escalation ladder rank the case stands at; 0 is the front line. */
  readonly escalationRank: number;
  /** The customer's name (the surviving record's, when the customer was merged). */
  readonly customerName: string;
}

export interface KeyPerson {
  readonly id: string;
  readonly caseId: string;
  readonly role: KeyPersonRole;
  readonly userId: string | null;
  readonly name: string | null;
  readonly relationship: InfluencerRelationship | null;
  readonly contact: string | null;
  readonly consent: boolean | null;
  readonly note: string | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

export interface CaseLink {
  readonly id: string;
  readonly fromCaseId: string;
  readonly toCaseId: string;
  readonly kind: CaseLinkKind;
  readonly merged: boolean;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

/** A link as seen from one case: the other case, its ref, and how they relate. */
export interface LinkedCase {
  readonly caseId: string;
  readonly ref: string;
  readonly kind: CaseLinkKind;
  readonly merged: boolean;
}

/** One event of a case's timeline, with the actor's display name. */
export interface TimelineEvent {
  readonly id: string;
  readonly seq: number;
  readonly type: string;
  readonly caseId: string;
  readonly actorId: string | null;
  readonly actorName: string | null;
  readonly payload: Record<string, unknown>;
  readonly occurredAt: Date;
}

/** A user as cases need them: to own a case, to be a key person, to answer a task. */
export interface CaseUser {
  readonly id: string;
  readonly name: string;
  readonly role: string;
  readonly siteId: string | null;
  /** Sites of the user's teams (null-site teams left out) and the teams themselves. */
  readonly teams: readonly { readonly id: string; readonly siteId: string | null }[];
  readonly disabled: boolean;
}

export interface CaseTeam {
  readonly id: string;
  readonly siteId: string | null;
  readonly kind: string;
}

/** The cases module's port onto storage. Implemented in `storage/repositories/cases.repository.ts`. */
export interface CaseRepository {
  /** The case's service clocks, on the same unit of work (reconciled after each relevant change). */
  readonly clocks: ClockRepository;
  /** The next number of `year`'s reference counter; atomic inside the unit of work. */
  nextRefSequence(year: number): Promise<number>;
  insertCase(record: Case, createdBy: string | null): Promise<void>;
  /** Writes the case's mutable state (status, fields, owner, tags, resolution …) back. */
  saveCase(record: Case): Promise<void>;
  findCase(id: string): Promise<Case | undefined>;
  /**
   * The case when it exists AND `visibility` reaches it; checked in SQL. `forUpdate` locks the row
   * for the rest of the unit of work (the embedded store's single writer needs no lock).
   */
  findVisibleCase(id: string, visibility: CaseVisibility, forUpdate?: boolean): Promise<Case | undefined>;
  listCases(
    visibility: CaseVisibility,
    filter: CaseListFilter,
  ): Promise<{ items: CaseListItem[]; nextCursor: string | null }>;

  /** Events of these cases (a survivor and its merged duplicates), in log order, with actor names. */
  timeline(caseIds: readonly string[], limit: number): Promise<TimelineEvent[]>;
  /** Ids of the cases merged into `caseId`. */
  mergedInto(caseId: string): Promise<string[]>;

  insertKeyPerson(person: KeyPerson): Promise<void>;
  listKeyPeople(caseId: string): Promise<KeyPerson[]>;
  insertLink(link: CaseLink): Promise<boolean>;
  listLinks(caseId: string): Promise<LinkedCase[]>;

  listCategories(): Promise<Category[]>;
  findCategory(id: string): Promise<Category | undefined>;
  insertCategory(category: Category): Promise<void>;
  /** Replaces a live category's names; false when there is no such (unarchived) category. */
  renameCategory(id: string, names: Names): Promise<boolean>;
  listRootCauses(): Promise<RootCause[]>;
  findRootCause(id: string): Promise<RootCause | undefined>;
  findRootCauseByCode(code: string): Promise<RootCause | undefined>;
  insertRootCause(rootCause: RootCause): Promise<void>;
  /** Replaces a live root cause's names; false when there is no such (unarchived) root cause. */
  renameRootCause(id: string, names: Names): Promise<boolean>;

  findUser(id: string): Promise<CaseUser | undefined>;
  /** Display names of these users (missing ones left out). */
  userNames(ids: readonly string[]): Promise<Map<string, string>>;
  siteExists(id: string): Promise<boolean>;
  findTeam(id: string): Promise<CaseTeam | undefined>;

  appendEvent(event: NewEvent): Promise<void>;
}

/**
 * What a case use case works on inside one unit of work: the cases port and the customers port,
 * so intake captures (or matches) the customer in the same transaction as the case.
 */
export interface CaseStore {
  readonly cases: CaseRepository;
  readonly customers: CustomerRepository;
}
