import type { CaseRepository } from '../cases/index.ts';
import { settleDueItem, trackDueItem } from '../clocks/index.ts';
import type { Commitment } from './commitment.ts';

/**
 * Each open promise has a service clock (kind `commitment`, subject the commitment id) that
 * warns before its due time and records the breach. These three calls keep it in step with the
 * promise, in the caller's unit of work; `now` is UTC.
 */
export const startCommitmentClock = (cases: CaseRepository, commitment: Commitment, now: Date): Promise<unknown> =>
  trackDueItem(
    cases.clocks,
    {
      caseId: commitment.caseId,
      kind: 'commitment',
      subjectId: commitment.id,
      startedAt: now,
      dueAt: commitment.dueAt,
    },
    now,
  );

/** The promise was kept: its clock is met. */
export const settleCommitmentClock = (cases: CaseRepository, commitment: Commitment, now: Date): Promise<unknown> =>
  settleDueItem(cases.clocks, { caseId: commitment.caseId, kind: 'commitment', subjectId: commitment.id }, 'met', now);

/** The promise was broken or replaced: its clock stops without a breach to come. */
export const cancelCommitmentClock = (cases: CaseRepository, commitment: Commitment, now: Date): Promise<unknown> =>
  settleDueItem(
    cases.clocks,
    { caseId: commitment.caseId, kind: 'commitment', subjectId: commitment.id },
    'cancelled',
    now,
  );
