/** Live updates for the console: the event log's changes on readable cases, as server-sent events. */
export {
  createLiveHub,
  type LiveConnection,
  type LiveHub,
  type LiveHubDeps,
  type LiveSubscription,
} from './live.service.ts';
export type { LiveRepository } from './live.repository.ts';
export type { CaseReach, LiveEvent } from './live.ts';
export { liveRoutes } from './live.routes.ts';
