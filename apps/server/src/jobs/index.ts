// The jobs area's public door: main.ts wires the runner and scheduler; modules define jobs.
export { defineJob, createJobRegistry, checkPayload } from './registry.ts';
export type { JobContext, JobDefinition, JobRegistry } from './registry.ts';
export { createJobRunner, defaultWorkerId } from './runner.ts';
export type { JobRunner, JobRunnerOptions } from './runner.ts';
export { createScheduler, upsertCronSchedule } from './scheduler.ts';
export type { CronDefinition, FiredSlot, Scheduler, SchedulerOptions } from './scheduler.ts';
export { cronJobId, cronProblem, nextRunAfter, planCronFire } from './cron.ts';
export { enqueue, enqueueForEvent, eventJobId, EventJobPayload, recordEvent, toEventJobPayload } from './outbox.ts';
export { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelayMs } from './retry.ts';
export type { RetryPolicy } from './retry.ts';
export { BUILTIN_SCHEDULES, HOUSEKEEPING_JOB, housekeepingJob } from './housekeeping.ts';
