import { createJobRegistry, housekeepingJob, type JobRegistry } from './jobs/index.ts';
import { clockSweepJob, type ClockService } from './modules/clocks/index.ts';
import { commitmentClockJob, type CommitmentService } from './modules/commitments/index.ts';
import { escalationTriggerJob, type EscalationService } from './modules/escalation/index.ts';
import { notificationJobs, type NotificationService } from './modules/notifications/index.ts';
import { recurrenceJobs, type RecurrenceService } from './modules/recurrence/index.ts';
import { webhookJobs, type WebhookService } from './modules/webhooks/index.ts';
import { inboundMailJobs, type InboundMailService } from './modules/inbound-mail/index.ts';
import { followUpJobs, type FollowUpService } from './modules/followups/index.ts';
import { correspondenceJobs, type CorrespondenceService } from './modules/correspondence/index.ts';
import { categoryModelStaleJob, type CategoryModelService } from './modules/language/index.ts';
import type { Clock } from './shared/clock.ts';
import type { Database } from './storage/index.ts';
import { pruneExpired } from './storage/retention.ts';

/** What job handlers use: the services they close over (each module's jobs name theirs). */
export interface JobServices {
  readonly db: Database;
  readonly clock: Clock;
  readonly clocks: ClockService;
  readonly commitments: CommitmentService;
  readonly escalation: EscalationService;
  readonly notifications: NotificationService;
  readonly recurrence: RecurrenceService;
  readonly webhooks: WebhookService;
  readonly inboundMail: InboundMailService;
  readonly followups: FollowUpService;
  readonly correspondence: CorrespondenceService;
  readonly categoryModels: CategoryModelService;
}

/**
 * Every job this process knows, built from the services their handlers close over. Modules add
 * theirs here; a job that subscribes to event types is enqueued whenever such an event is appended.
 */
export const buildJobRegistry = (services: JobServices): JobRegistry =>
  createJobRegistry([
    housekeepingJob(() => pruneExpired(services.db, services.clock.now())),
    clockSweepJob(services.clocks),
    commitmentClockJob(services.commitments),
    escalationTriggerJob(services.escalation),
    ...notificationJobs(services.notifications),
    ...recurrenceJobs(services.recurrence),
    ...webhookJobs(services.webhooks),
    ...inboundMailJobs(services.inboundMail),
    ...followUpJobs(services.followups),
    ...correspondenceJobs(services.correspondence),
    categoryModelStaleJob(services.categoryModels),
  ]);
