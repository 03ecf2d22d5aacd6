/** The clocks module's public door: service clocks on cases, the due-item API and the sweeper. */
export type { ClockAlertUpdate, ClockAlertWrite, ClockRepository, ClockStore } from './clock.repository.ts';
export type { ClockCaseSnapshot, DueItemInput, ServiceClock } from './clock.ts';
export { isClockRelevant } from './clock.ts';
export {
  CALENDAR_MATH,
  createClockService,
  FAILED_STEP_RETRY_MS,
  reconcileCaseClocks,
  settleDueItem,
  sweepDueClocks,
  trackDueItem,
  type ClockService,
  type ClockServiceDeps,
  type ClockView,
  type SweepOptions,
  type SweepResult,
} from './clocks.service.ts';
export { presentClock } from './clock.presenter.ts';
export { clocksRoutes } from './clocks.routes.ts';
export { CLOCK_SWEEP_JOB, clockSweepJob } from './clocks.jobs.ts';
