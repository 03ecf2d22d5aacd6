import { defineJob, EventJobPayload, type JobDefinition } from '../../../jobs/index.ts';

export const CATEGORY_MODEL_STALE_JOB = 'language.category_model_stale';

/** Statuses whose cases a category model learns from: entering or leaving one changes the training set. */
const TRAINING_STATUSES: readonly unknown[] = ['resolved', 'closed'];

/**
 * Marks this process's category models stale when a case enters or leaves the training set (it is
 * resolved, closed or reopened) or a category is added, so the next suggestion re-checks at once
 * instead of after the cache's time-to-live. Other processes converge through that time-to-live.
 * Idempotent: marking twice costs one more check.
 */
export const categoryModelStaleJob = (models: { markStale(): void }): JobDefinition<typeof EventJobPayload> =>
  defineJob({
    name: CATEGORY_MODEL_STALE_JOB,
    schema: EventJobPayload,
    subscribesTo: ['case.status_changed', 'category.created', 'category.renamed'],
    handler: async (event) => {
      const payload = (event.payload ?? {}) as { from?: unknown; to?: unknown };
      if (
        event.type === 'case.status_changed' &&
        !TRAINING_STATUSES.includes(payload.to) &&
        !TRAINING_STATUSES.includes(payload.from)
      ) {
        return;
      }
      models.markStale();
      await Promise.resolve();
    },
  });
