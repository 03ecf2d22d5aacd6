export { createCoachService, type CoachService, type CoachServiceDeps } from './coach.service.ts';
export type { CoachRepository, CoachStore, ReplyFacts } from './coach.repository.ts';
export {
  checkReply,
  type CoachContext,
  type CoachFinding,
  type CoachResult,
  type CoachSuggestion,
  type OpenCommitment,
} from './reply-coach.ts';
export { findTimeExpressions, type TimeExpression } from './time-expressions.ts';
export { presentReplyCheck } from './coach.presenter.ts';
export { coachRoutes } from './coach.routes.ts';
