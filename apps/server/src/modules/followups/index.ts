/** The follow-ups module's public door: follow-ups after resolution and the surveys they carry. */
export {
  createFollowUpService,
  FOLLOWUP_EVENTS,
  type FollowUpEvent,
  type FollowUpService,
  type FollowUpServiceDeps,
  type SurveyView,
} from './followups.service.ts';
export type { CustomerFacts, FollowUpRepository, FollowUpStore } from './followups.repository.ts';
export {
  DEFAULT_FOLLOWUP_SETTINGS,
  FOLLOWUP_SETTINGS_KEY,
  isPoorAnswer,
  problemLine,
  type FollowUp,
  type RemedyFacts,
  type Survey,
} from './followup.ts';
export { presentFollowUp, presentSurvey } from './followups.presenter.ts';
export { followUpsRoutes } from './followups.routes.ts';
export { FOLLOWUP_EVENT_JOB, FOLLOWUP_SWEEP_JOB, followUpJobs } from './followups.jobs.ts';
