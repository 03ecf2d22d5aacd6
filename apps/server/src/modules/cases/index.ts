export {
  createCaseService,
  type CaseService,
  type CaseServiceDeps,
  type OpenCaseInput,
  type VisibleCase,
} from './case.service.ts';
export type {
  CaseLink,
  CaseListFilter,
  CaseListItem,
  CaseQueueFilter,
  CaseRepository,
  CaseSort,
  CaseStore,
  CaseTeam,
  CaseUser,
  CaseVisibility,
  KeyPerson,
  LinkedCase,
  TimelineEvent,
} from './case.repository.ts';
export type { Case, CaseChange, CasePatch, CustomerDecision, Resolution } from './case.ts';
export { formatCaseRef, parseCaseRef } from './case.ts';
export { DUE_SOON_HOURS, queueFilterFor } from './case-queues.ts';
export { allowedActions, transition, TRANSITIONS } from './case.lifecycle.ts';
export { mayActAsOwner, visibilityFor, SUPERVISING_ROLES } from './case.policy.ts';
export type { Category, Names, RootCause } from './category.ts';
export { openCaseWithin } from './case-open.service.ts';
export { appendCaseEvents, loadVisibleCase, userCanWorkAt } from './case-support.service.ts';
export { presentCaseSummary, presentCustomer } from './case.presenter.ts';
export { casesRoutes } from './cases.routes.ts';
