import type { Locale } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { AnswerFields, BestAnswer } from './knowledge.ts';

/** An answer as it is written to storage. */
export interface StoredAnswer extends AnswerFields {
  readonly id: string;
  /** `searchTextOf(title, body)`. */
  readonly searchText: string;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly updatedBy: string | null;
  readonly updatedAt: Date;
}

/** Which answers a list wants. */
export interface AnswerFilter {
  /**
   * A category chain, nearest first (`categoryChain`): the answers of those categories in that
   * order, then the general ones. Null: every answer, in the order they were written.
   */
  readonly chain: readonly string[] | null;
  readonly language: Locale | null;
  /** Folded words (`searchWords`), each of which the folded title and body must hold. */
  readonly words: readonly string[];
  readonly limit: number;
}

/** The knowledge module's port onto storage. */
export interface KnowledgeRepository {
  /** Every category's parent (null at the top), archived ones included. */
  categoryParents(): Promise<Map<string, string | null>>;
  /** True when a category with this id exists and is not archived. */
  categoryExists(id: string): Promise<boolean>;
  listAnswers(filter: AnswerFilter): Promise<BestAnswer[]>;
  findAnswer(id: string): Promise<BestAnswer | undefined>;
  insertAnswer(answer: StoredAnswer): Promise<void>;
  /** Writes the fields and the update stamp of an existing answer. */
  updateAnswer(answer: Omit<StoredAnswer, 'createdBy' | 'createdAt'>): Promise<void>;
  /** Deletes it; false when there was none. */
  deleteAnswer(id: string): Promise<boolean>;
  appendEvent(event: NewEvent): Promise<void>;
}
