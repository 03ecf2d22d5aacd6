/** The agent's queues: their counts (`GET /queues`); `GET /cases?queue=…` lists each one. */
export { createQueueService, type QueueCounts, type QueueService, type QueueServiceDeps } from './queues.service.ts';
export type { QueueCountInput, QueueRepository } from './queues.repository.ts';
export { queuesRoutes } from './queues.routes.ts';
