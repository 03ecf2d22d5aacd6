import type { SuggestableCategory } from './cold-start.ts';

/** Which cases a model learns from: every site's, or those at these sites (none: no case). */
export interface TrainingScope {
  readonly all: boolean;
  readonly siteIds: readonly string[];
}

/** A closed case as training text: subject, description and the customer's first message. */
export interface TrainingCase {
  readonly categoryId: string;
  readonly text: string;
}

/**
 * The port the category model service reads through; `storage/` implements it. Cases count as
 * training examples when they are resolved or closed (not merged away) and have a category.
 */
export interface CategoryModelRepository {
  /** Categories not archived, with their names and kind. */
  listCategories(): Promise<SuggestableCategory[]>;
  /**
   * The newest event sequence that could change any model (a status, a case field, a category);
   * an index seek, checked before the costlier `trainingVersion`.
   */
  lastRelevantEventSeq(): Promise<number>;
  /**
   * A fingerprint of the training cases in `scope` and of the category tree: it changes when a case
   * closes, reopens or changes category, and when a category is added or archived.
   */
  trainingVersion(scope: TrainingScope): Promise<string>;
  /** The newest `limit` training cases in `scope` (by when they were closed or last changed). */
  listTrainingCases(scope: TrainingScope, limit: number): Promise<TrainingCase[]>;
  /** The text a suggestion for this case reads (visibility is checked before). */
  caseText(caseId: string): Promise<{ readonly text: string; readonly language: string | null } | undefined>;
}
