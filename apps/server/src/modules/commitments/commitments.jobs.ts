import { defineJob, EventJobPayload, type JobDefinition } from '../../jobs/index.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import type { CommitmentService } from './commitment.service.ts';

export const COMMITMENT_CLOCK_JOB = 'commitments.clock_alert';

/** The part of a clock event's payload this job reads. */
interface ClockAlert {
  readonly kind?: unknown;
  readonly subjectId?: unknown;
  readonly percent?: unknown;
}

/**
 * Turns a commitment clock's warning into `commitment.at_risk` (with the honest update drafted
 * and a new time proposed, so the owner is prompted BEFORE the due time), and its breach into
 * `commitment.broken` while the promise is still open. Both are recorded once: the service
 * re-reads the promise under lock and does nothing when it is already marked or settled, so a
 * job run twice — or a second warning threshold — records nothing more.
 */
export const commitmentClockJob = (commitments: CommitmentService): JobDefinition<typeof EventJobPayload> =>
  defineJob({
    name: COMMITMENT_CLOCK_JOB,
    schema: EventJobPayload,
    subscribesTo: ['clock.warned', 'clock.breached'],
    handler: async (event) => {
      const alert = (event.payload ?? {}) as ClockAlert;
      if (alert.kind !== 'commitment' || typeof alert.subjectId !== 'string') return;
      const ctx = systemContext(COMMITMENT_CLOCK_JOB);
      if (event.type === 'clock.warned') {
        await commitments.recordAtRisk(ctx, alert.subjectId, typeof alert.percent === 'number' ? alert.percent : null);
      } else {
        await commitments.recordMissed(ctx, alert.subjectId);
      }
    },
  });
