import { Type } from 'typebox';
import { defineJob, EventJobPayload, type JobDefinition } from '../../jobs/index.ts';
import { systemContext } from '../../shared/unit-of-work.ts';
import type { RecurrenceService } from './recurrence.service.ts';

/** Fingerprints a case when it is opened and when what it is compared by changes. */
export const FINGERPRINT_JOB = 'recurrence.fingerprint';
/** Scheduled hourly (BUILTIN_SCHEDULES): clusters the last five weeks and raises spikes. */
export const SPIKE_JOB = 'recurrence.spikes';

/** The case fields whose change alters a fingerprint (the description is not editable). */
const FINGERPRINTED_FIELDS: readonly string[] = ['subject', 'categoryId', 'productRef'];

/**
 * The fingerprint job (subscribed to case events) and the spike sweep (cron). Both idempotent:
 * a fingerprint is recomputed from the case as it is now, and a spike is recorded once.
 */
export const recurrenceJobs = (
  recurrence: Pick<RecurrenceService, 'fingerprintCase' | 'detectSpikes'>,
): JobDefinition[] => [
  defineJob({
    name: FINGERPRINT_JOB,
    schema: EventJobPayload,
    subscribesTo: ['case.created', 'case.field_changed'],
    async handler(event) {
      if (event.subjectType !== 'case') return;
      if (event.type === 'case.field_changed') {
        const field = (event.payload as { field?: unknown } | null)?.field;
        if (typeof field !== 'string' || !FINGERPRINTED_FIELDS.includes(field)) return;
      }
      await recurrence.fingerprintCase(event.subjectId);
    },
  }),
  defineJob({
    name: SPIKE_JOB,
    schema: Type.Object({}),
    maxAttempts: 1,
    async handler(_payload, context) {
      const result = await recurrence.detectSpikes(systemContext(SPIKE_JOB));
      if (result.raised.length > 0 || result.fingerprinted > 0) context.logger.info(result, 'recurrence swept');
    },
  }),
];
