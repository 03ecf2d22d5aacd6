export { createCommitmentService, type CommitmentService, type CommitmentServiceDeps } from './commitment.service.ts';
export type {
  CaseAudience,
  CommitmentRepository,
  CommitmentStatsCounts,
  CommitmentStatsFilter,
  CommitmentStore,
} from './commitment.repository.ts';
export type { Commitment, PromisedRemedy } from './commitment.ts';
export type { CaseDeadline, DependencyTask, PromiseFlag } from './over-promise.ts';
export { presentCommitment } from './commitment.presenter.ts';
export { commitmentsRoutes } from './commitments.routes.ts';
export { commitmentClockJob, COMMITMENT_CLOCK_JOB } from './commitments.jobs.ts';
