export {
  authorityCovers,
  DEFAULT_LADDER,
  levelAt,
  levelForActor,
  levelForRole,
  remedyAuthority,
  requiredRankFor,
  topRank,
  validateLadder,
  type LadderLevel,
  type LadderLevelInput,
  type Remedy,
  type RemedyAuthority,
} from './ladder.ts';
export {
  DEFAULT_TRIGGERS,
  evaluateTriggers,
  type EscalationTrigger,
  type TriggerDecision,
  type TriggerInput,
  type SignalMatch,
  type TriggerSituation,
} from './triggers.ts';
export { composeSummary, type SummarySource } from './summary.ts';
export type { Escalation } from './escalation.ts';
export type { CaseRecord, EscalationRepository, EscalationStore } from './escalation.repository.ts';
export { explainSignals, type CaseEventFacts, type SignalLexicon } from './escalation-triggers.service.ts';
export { createEscalationService, type EscalationService, type EscalationServiceDeps } from './escalation.service.ts';
export { presentEscalation, presentLevel, presentTrigger } from './escalation.presenter.ts';
export { escalationRoutes } from './escalation.routes.ts';
export { escalationTriggerJob, ESCALATION_TRIGGER_EVENTS } from './escalation.jobs.ts';
