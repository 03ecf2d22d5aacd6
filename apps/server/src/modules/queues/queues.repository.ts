import type { QueueKey } from '@redress/contract';
import type { CaseVisibility } from '../cases/index.ts';

/** What the counts need besides the caller's visibility: whose cases are `mine`, how far `due_soon` reaches. */
export interface QueueCountInput {
  readonly userId: string | null;
  readonly dueBefore: Date;
}

/** The queues module's port onto storage. Implemented in `storage/repositories/queues.repository.ts`. */
export interface QueueRepository {
  /**
   * How many cases `visibility` reaches in each queue, counted in SQL with the same rules as
   * `GET /cases?queue=…` lists them.
   */
  countQueues(visibility: CaseVisibility, input: QueueCountInput): Promise<Record<QueueKey, number>>;
}
