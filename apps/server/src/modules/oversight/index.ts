export { createOversightService, type OversightService, type OversightServiceDeps } from './oversight.service.ts';
export type {
  ApprovalRow,
  Bounded,
  ClockRow,
  CommitmentRow,
  DueWindow,
  EscalationRow,
  OversightRepository,
  RankCount,
  SiteFilter,
  SpikeRow,
} from './oversight.repository.ts';
export { oversightRoutes } from './oversight.routes.ts';
