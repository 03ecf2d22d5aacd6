import type { QueueCountsDto } from '@redress/contract';
import type { QueueCounts } from './queues.service.ts';

export const presentQueueCounts = (result: QueueCounts): QueueCountsDto => ({
  generatedAt: result.generatedAt.toISOString(),
  counts: { ...result.counts },
});
