import type { CompensationStatus } from '@redress/contract';
import type { CaseRepository } from '../cases/index.ts';
import type { LadderLevel } from '../escalation/index.ts';
import type { Compensation } from './compensation.ts';

/** The compensation module's port onto storage. */
export interface CompensationRepository {
  insert(compensation: Compensation): Promise<void>;
  /**
   * Stores a change, but only while the stored status is still `expected`; false (nothing written)
   * when another writer changed it first.
   */
  save(compensation: Compensation, now: Date, expected: CompensationStatus): Promise<boolean>;
  find(id: string): Promise<Compensation | undefined>;
  /** A case's proposals, oldest first. */
  listForCase(caseId: string): Promise<Compensation[]>;
  /** The escalation ladder, lowest rank first: whose authority covers what. */
  listLevels(): Promise<LadderLevel[]>;
}

export interface CompensationStore {
  readonly cases: CaseRepository;
  readonly compensation: CompensationRepository;
}
