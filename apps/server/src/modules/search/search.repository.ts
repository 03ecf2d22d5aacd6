import type { CaseStatus, SearchField } from '@redress/contract';
import type { CaseVisibility } from '../cases/index.ts';
import type { QueryTerm } from './search-query.ts';

/** What a search is narrowed to besides its words (all in SQL). */
export interface SearchFilter {
  readonly status?: CaseStatus | undefined;
  readonly siteId?: string | undefined;
  readonly categoryId?: string | undefined;
  /** Created at or after. */
  readonly from?: Date | undefined;
  /** Created before. */
  readonly to?: Date | undefined;
}

/** A case the index matched, with its relevance (higher is better; comparable within one call). */
export interface SearchCandidate {
  readonly caseId: string;
  readonly score: number;
}

/** One searchable text of a case. */
export interface SearchText {
  readonly field: SearchField;
  /** The message, note or call it came from; null for the case's own fields and the customer. */
  readonly eventId: string | null;
  readonly text: string;
}

/** A case with every text search looks at, for highlighting and for the fallback scan. */
export interface SearchableCase {
  readonly id: string;
  readonly ref: string;
  readonly subject: string | null;
  readonly status: CaseStatus;
  readonly siteId: string | null;
  readonly createdAt: Date;
  readonly texts: readonly SearchText[];
}

/** The search module's port. */
export interface SearchRepository {
  /**
   * The newest `limit` cases visible under `visibility` and matching `filter` whose index document
   * matches every indexed term (or, with no terms, the newest such cases), newest first, each with
   * its relevance (0 without terms). `more` is true when further cases matched beyond `limit`.
   */
  matchCases(
    visibility: CaseVisibility,
    filter: SearchFilter,
    terms: readonly QueryTerm[],
    limit: number,
  ): Promise<{ candidates: SearchCandidate[]; more: boolean }>;
  /**
   * The cases with these ids and their texts: subject, customer names, description, then messages,
   * notes and calls newest first, as many as fit `textBudget` characters per case (by default what
   * an index document analyses, so highlights see what the index saw).
   */
  loadCases(ids: readonly string[], textBudget?: number): Promise<SearchableCase[]>;
}
