export {
  checkRemedy,
  decideCompensation,
  proposeCompensation,
  recordCustomerResponse,
  recordDelivery,
  type Compensation,
  type CompensationChange,
} from './compensation.ts';
export type { CompensationRepository, CompensationStore } from './compensation.repository.ts';
export {
  createCompensationService,
  type CompensationService,
  type CompensationServiceDeps,
} from './compensation.service.ts';
export { presentCompensation } from './compensation.presenter.ts';
export { compensationRoutes } from './compensation.routes.ts';
