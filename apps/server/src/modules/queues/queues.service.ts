import type { QueueCountsQuery, QueueKey } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import type { Context } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { DUE_SOON_HOURS, queueFilterFor, visibilityFor } from '../cases/index.ts';
import type { QueueRepository } from './queues.repository.ts';

export interface QueueServiceDeps {
  readonly store: { readonly read: { readonly queues: QueueRepository } };
  readonly clock: Clock;
}

/** The counts of the agent's queues at one instant. */
export interface QueueCounts {
  readonly generatedAt: Date;
  readonly counts: Record<QueueKey, number>;
}

/** The agent's queues (pillar 2): how many cases wait in each, at the caller's sites. */
export const createQueueService = ({ store, clock }: QueueServiceDeps) => {
  /** Counts every queue for the caller, narrowed by their scope in SQL exactly as `GET /cases` is. */
  const countQueues = async (ctx: Context, query: QueueCountsQuery): Promise<QueueCounts> => {
    requirePermission(ctx.actor, 'case:read');
    const now = clock.now();
    const { userId, dueBefore } = queueFilterFor(ctx.actor, 'due_soon', now, query.hours ?? DUE_SOON_HOURS);
    const counts = await store.read.queues.countQueues(visibilityFor(ctx.actor), { userId, dueBefore });
    return { generatedAt: now, counts };
  };

  return { countQueues };
};

export type QueueService = ReturnType<typeof createQueueService>;
