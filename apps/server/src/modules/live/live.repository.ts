import type { CaseReach, LiveEvent } from './live.ts';

/** The live stream's port onto the event log. Implemented in `storage/repositories/live.repository.ts`. */
export interface LiveRepository {
  /** The newest position in the event log; 0 when it is empty. */
  headSeq(): Promise<number>;
  /**
   * Events of any subject with `seq > afterSeq`, and those of `alsoSeqs` (positions seen missing
   * earlier), oldest first, at most `limit`.
   */
  eventsAfter(afterSeq: number, alsoSeqs: readonly number[], limit: number): Promise<LiveEvent[]>;
  /** Events on cases with `afterSeq < seq <= upToSeq`, oldest first, at most `limit`. */
  caseEventsBetween(afterSeq: number, upToSeq: number, limit: number): Promise<LiveEvent[]>;
  /** For each case found: what decides who may read it. */
  caseReach(caseIds: readonly string[]): Promise<Map<string, CaseReach>>;
}
