import type { EventProjection } from './storage/events.ts';
import { searchProjection } from './storage/repositories/search-index.ts';

/**
 * Every read model kept in step with the event log inside the writing transaction. Modules' storage
 * adds theirs here; each follows the event types it names.
 */
export const buildProjections = (): readonly EventProjection[] => [searchProjection];

/** The projections following each event type, in registration order. */
export const projectionsByType = (
  projections: readonly EventProjection[],
): ReadonlyMap<string, readonly EventProjection[]> => {
  const byType = new Map<string, EventProjection[]>();
  for (const projection of projections) {
    for (const type of projection.types) {
      let list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      list.push(projection);
    }
  }
  return byType;
};
