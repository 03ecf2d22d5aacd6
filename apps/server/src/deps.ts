import type { Config } from './config.ts';
import { createAttachmentService, type AttachmentService } from './modules/attachments/index.ts';
import { createCaseService, type CaseService } from './modules/cases/index.ts';
import { createCallService, type CallService } from './modules/calls/index.ts';
import { createPortalService, type PortalService } from './modules/portal/index.ts';
import { createClockService, type ClockService } from './modules/clocks/index.ts';
import { createCalendarService, type CalendarService } from './modules/calendars/index.ts';
import { createPolicyService, type PolicyService } from './modules/policies/index.ts';
import { createCommitmentService, type CommitmentService } from './modules/commitments/index.ts';
import { createCompensationService, type CompensationService } from './modules/compensation/index.ts';
import { createEscalationService, type EscalationService } from './modules/escalation/index.ts';
import { createTaskService, type TaskService } from './modules/tasks/index.ts';
import { createCustomerService, type CustomerService } from './modules/customers/index.ts';
import { createIdentityService, type IdentityService } from './modules/identity/index.ts';
import { createOrgService, type OrgService } from './modules/org/index.ts';
import { createNotificationService, type NotificationService } from './modules/notifications/index.ts';
import { createOversightService, type OversightService } from './modules/oversight/index.ts';
import { createCoachService, type CoachService } from './modules/coach/index.ts';
import { createRecurrenceService, type RecurrenceService } from './modules/recurrence/index.ts';
import { createWebhookService, type WebhookService } from './modules/webhooks/index.ts';
import { createQueueService, type QueueService } from './modules/queues/index.ts';
import { createLiveHub, type LiveHub } from './modules/live/index.ts';
import { createKnowledgeService, type KnowledgeService } from './modules/knowledge/index.ts';
import { createReportsService, type ReportsService } from './modules/reports/index.ts';
import {
  createInboundMailService,
  createIntakeChannelService,
  type InboundMailService,
  type IntakeChannelService,
} from './modules/inbound-mail/index.ts';
import { createImapReader } from './mail/imap-poller.ts';
import { createFollowUpService, type FollowUpService } from './modules/followups/index.ts';
import { createCorrespondenceService, type CorrespondenceService } from './modules/correspondence/index.ts';
import { createSearchService, type SearchService } from './modules/search/index.ts';
import { createCategoryModelService, type CategoryModelService } from './modules/language/index.ts';
import { createLexiconService, type LexiconService } from './modules/language/index.ts';
import {
  createAnalyzeService,
  createCaseRiskService,
  type AnalyzeService,
  type CaseRiskService,
} from './modules/language/index.ts';
import { createSmtpCustomerMailer, createSmtpMailer } from './mail/smtp.ts';
import type { Clock } from './shared/clock.ts';
import { fileStoreFor } from './storage/files/fs-file-store.ts';
import type { Database } from './storage/index.ts';
import { routeEvents, type EventRoutes } from './storage/events.ts';
import { buildJobRegistry } from './job-registry.ts';
import { buildProjections, projectionsByType } from './projections.ts';
import type { JobRegistry } from './jobs/index.ts';
import { attachmentsRepository } from './storage/repositories/attachments.repository.ts';
import { casesRepository } from './storage/repositories/cases.repository.ts';
import {
  clocksRepository,
  createClockConfigCache,
  type ClockConfigCache,
} from './storage/repositories/clocks.repository.ts';
import { tasksRepository } from './storage/repositories/tasks.repository.ts';
import { calendarsRepository, policiesRepository } from './storage/repositories/calendars.repository.ts';
import { commitmentsRepository } from './storage/repositories/commitments.repository.ts';
import { compensationRepository } from './storage/repositories/compensation.repository.ts';
import { escalationRepository } from './storage/repositories/escalation.repository.ts';
import { customersRepository } from './storage/repositories/customers.repository.ts';
import { identityRepository } from './storage/repositories/identity.repository.ts';
import { idempotencyStore, type IdempotencyStore } from './storage/repositories/idempotency.repository.ts';
import { orgRepository } from './storage/repositories/org.repository.ts';
import { notificationsRepository } from './storage/repositories/notifications.repository.ts';
import { oversightRepository } from './storage/repositories/oversight.repository.ts';
import { coachRepository } from './storage/repositories/coach.repository.ts';
import { recurrenceRepository } from './storage/repositories/recurrence.repository.ts';
import { webhooksRepository } from './storage/repositories/webhooks.repository.ts';
import { queuesRepository } from './storage/repositories/queues.repository.ts';
import { liveRepository } from './storage/repositories/live.repository.ts';
import { knowledgeRepository } from './storage/repositories/knowledge.repository.ts';
import { reportsRepository } from './storage/repositories/reports.repository.ts';
import { inboundMailRepository } from './storage/repositories/inbound-mail.repository.ts';
import { followUpStore } from './storage/repositories/followups.repository.ts';
import { correspondenceRepository } from './storage/repositories/correspondence.repository.ts';
import { searchRepository } from './storage/repositories/search.repository.ts';
import { categoryModelRepository } from './storage/repositories/category-model.repository.ts';
import { lexiconRepository } from './storage/repositories/lexicon.repository.ts';
import { caseRiskRepository } from './storage/repositories/case-risk.repository.ts';
import { unitOfWork } from './storage/unit-of-work.ts';
import { portalRepository } from './storage/repositories/portal.repository.ts';
import { serverKeyLoader } from './storage/repositories/server-keys.ts';

/** Every service, built once from the database and the clock. Plain factories, no container. */
export interface Deps {
  readonly config: Config;
  readonly db: Database;
  readonly clock: Clock;
  readonly identity: IdentityService;
  readonly org: OrgService;
  readonly customers: CustomerService;
  readonly attachments: AttachmentService;
  readonly cases: CaseService;
  readonly tasks: TaskService;
  /** The agent's queue counts (`GET /queues`). */
  readonly queues: QueueService;
  /** Live updates: one poller of the event log per process, fanned out to open streams (`GET /live`). */
  readonly live: LiveHub;
  /** Log a call: the caller matched by number, the call on their case or a new one. */
  readonly calls: CallService;
  /** The customer portal: the complaint form, private links, the case seen by its customer, surveys. */
  readonly portal: PortalService;
  readonly commitments: CommitmentService;
  readonly escalation: EscalationService;
  readonly compensation: CompensationService;
  readonly clocks: ClockService;
  /**
   * The per-process cache of policies and calendars that case changes read for their clocks (5 s);
   * `forget()` it whenever a policy or calendar is saved.
   */
  readonly clockConfig: ClockConfigCache;
  readonly calendars: CalendarService;
  readonly policies: PolicyService;
  readonly notifications: NotificationService;
  readonly oversight: OversightService;
  /** The reply coach: drafts checked against the case before they are sent. */
  readonly coach: CoachService;
  /** Similar cases ("is this one of many?") and the spike early warning. */
  readonly recurrence: RecurrenceService;
  /** Webhooks out: subscriptions, signed deliveries with retries, the delivery log. */
  readonly webhooks: WebhookService;
  /** Best answers per category and language, offered in the composer. */
  readonly knowledge: KnowledgeService;
  /** Managers' reports: volume, clock compliance, promise outcomes, the team's workload. */
  readonly reports: ReportsService;
  /** Where complaints arrive: SMTP addresses, IMAP mailboxes, portal entries. */
  readonly intakeChannels: IntakeChannelService;
  /** E-mail in: kept on receipt, parsed and threaded into cases by a job, IMAP polled. */
  readonly inboundMail: InboundMailService;
  /** E-mail out to customers: templates, the outbox with retries, acknowledgements and replies. */
  readonly correspondence: CorrespondenceService;
  /** Follow-ups after resolution and their surveys (the portal answers surveys through it). */
  readonly followups: FollowUpService;
  readonly search: SearchService;
  /** Category suggestions: per-site-scope models trained in process from closed cases, cached. */
  readonly categoryModels: CategoryModelService;
  /** The escalation-signal lexicon (built-in rules and an administrator's entries), compiled and cached (5 s). */
  readonly lexicon: LexiconService;
  /** Text analysis (`POST /analyze`) with the organisation's lexicon and the caller's category model. */
  readonly analyze: AnalyzeService;
  /** A case's signals in the customer's words and its risk (`GET /cases/:id/risk`). */
  readonly caseRisk: CaseRiskService;
  /** `Idempotency-Key` records for creates (http/idempotency.ts). */
  readonly idempotency: IdempotencyStore;
  /** Every job this process knows; events appended through `db` fan out to its subscribers. */
  readonly jobs: JobRegistry;
}

/**
 * Builds every service on `store`. The database is wrapped so that each appended event enqueues
 * the jobs subscribed to it; the registry is built last, from the services its handlers use.
 */
export const createDeps = (config: Config, store: Database, clock: Clock): Deps => {
  const late: { registry?: JobRegistry } = {};
  const projections = projectionsByType(buildProjections());
  const routes: EventRoutes = {
    subscribersOf: (type) => late.registry?.subscribersOf(type) ?? [],
    projectionsOf: (type) => projections.get(type) ?? [],
  };
  const db = routeEvents(store, routes);
  const identity = createIdentityService({ store: unitOfWork(db, identityRepository), clock });
  const org = createOrgService({
    store: unitOfWork(db, orgRepository),
    clock,
    onUserScopeChanged: (userId) => identity.forgetUser(userId),
  });
  const clockConfig = createClockConfigCache();
  const customers = createCustomerService({ store: unitOfWork(db, customersRepository), clock });
  const cases = createCaseService({
    store: unitOfWork(db, (tx) => ({ cases: casesRepository(tx, clockConfig), customers: customersRepository(tx) })),
    clock,
  });
  const calls = createCallService({
    store: unitOfWork(db, (tx) => ({ cases: casesRepository(tx, clockConfig), customers: customersRepository(tx) })),
    clock,
  });
  const tasks = createTaskService({
    store: unitOfWork(db, (tx) => ({ cases: casesRepository(tx, clockConfig), tasks: tasksRepository(tx) })),
    clock,
  });
  const queues = createQueueService({ store: unitOfWork(db, (tx) => ({ queues: queuesRepository(tx) })), clock });
  const live = createLiveHub({ store: { read: liveRepository(db.read) }, maxStreams: config.liveMaxStreams });
  const commitments = createCommitmentService({
    store: unitOfWork(db, (tx) => ({
      cases: casesRepository(tx, clockConfig),
      commitments: commitmentsRepository(tx),
    })),
    clock,
  });
  const lexicon = createLexiconService({ store: unitOfWork(db, (tx) => ({ lexicon: lexiconRepository(tx) })), clock });
  const escalation = createEscalationService({
    store: unitOfWork(db, (tx) => ({
      cases: casesRepository(tx, clockConfig),
      escalation: escalationRepository(tx),
      clocks: clocksRepository(tx, clockConfig),
    })),
    clock,
    signalLexicon: () => lexicon.lexicon(),
  });
  const compensation = createCompensationService({
    store: unitOfWork(db, (tx) => ({
      cases: casesRepository(tx, clockConfig),
      compensation: compensationRepository(tx),
    })),
    clock,
  });
  const attachments = createAttachmentService({
    store: unitOfWork(db, attachmentsRepository),
    files: fileStoreFor(config.dataDir),
    clock,
    maxBytes: config.attachmentMaxBytes,
    requireVisibleCase: (ctx, caseId) => cases.requireVisibleCase(ctx, caseId),
  });
  const notifications = createNotificationService({
    store: unitOfWork(db, notificationsRepository),
    clock,
    mailer: config.smtpUrl ? createSmtpMailer({ url: config.smtpUrl, from: config.mailFrom }) : null,
    publicUrl: config.publicUrl,
  });
  const oversight = createOversightService({ store: unitOfWork(db, oversightRepository), clock });
  const coach = createCoachService({
    store: unitOfWork(db, (tx) => ({ cases: casesRepository(tx, clockConfig), coach: coachRepository(tx) })),
    clock,
  });
  const search = createSearchService({ store: unitOfWork(db, searchRepository) });
  const categoryModels = createCategoryModelService({
    store: unitOfWork(db, categoryModelRepository),
    clock,
    requireVisibleCase: (ctx, caseId) => cases.requireVisibleCase(ctx, caseId),
  });
  const clocks = createClockService({
    store: unitOfWork(db, (tx) => ({ clocks: clocksRepository(tx, clockConfig) })),
    clock,
    requireVisibleCase: (ctx, caseId) => cases.requireVisibleCase(ctx, caseId),
  });
  const calendars = createCalendarService({
    store: unitOfWork(db, (tx) => ({ calendars: calendarsRepository(tx) })),
    clock,
    onChanged: () => clockConfig.forget(),
  });
  const policies = createPolicyService({
    store: unitOfWork(db, (tx) => ({ policies: policiesRepository(tx) })),
    clock,
    onChanged: () => clockConfig.forget(),
  });
  const recurrence = createRecurrenceService({
    store: unitOfWork(db, recurrenceRepository),
    clock,
    requireVisibleCase: (ctx, caseId) => cases.requireVisibleCase(ctx, caseId),
  });
  const webhooks = createWebhookService({ store: unitOfWork(db, webhooksRepository), clock });
  const knowledge = createKnowledgeService({ store: unitOfWork(db, knowledgeRepository), clock });
  const reports = createReportsService({ store: unitOfWork(db, reportsRepository), clock });
  const inboundStore = unitOfWork(db, (tx) => ({
    ...inboundMailRepository(tx),
    cases: casesRepository(tx, clockConfig),
    customers: customersRepository(tx),
    attachments: attachmentsRepository(tx),
  }));
  const intakeChannels = createIntakeChannelService({ store: inboundStore, clock });
  const inboundMail = createInboundMailService({
    store: inboundStore,
    files: fileStoreFor(config.dataDir),
    clock,
    attachments,
    own: { mailFrom: config.mailFrom, publicUrl: config.publicUrl },
    mailbox: createImapReader(),
  });
  const followups = createFollowUpService({ store: unitOfWork(db, followUpStore(clockConfig)), clock });
  const correspondence = createCorrespondenceService({
    store: unitOfWork(db, (tx) => ({
      cases: casesRepository(tx, clockConfig),
      customers: customersRepository(tx),
      correspondence: correspondenceRepository(tx),
    })),
    clock,
    mailer: config.smtpUrl ? createSmtpCustomerMailer({ url: config.smtpUrl }) : null,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    linkKey: serverKeyLoader(db, 'links'),
  });
  const analyze = createAnalyzeService({
    lexicon: () => lexicon.lexicon(),
    categoryModel: async (ctx) => (await categoryModels.modelFor(ctx)).model,
  });
  const caseRisk = createCaseRiskService({
    store: unitOfWork(db, (tx) => ({ caseRisk: caseRiskRepository(tx) })),
    lexicon: () => lexicon.lexicon(),
    requireVisibleCase: (ctx, caseId) => cases.requireVisibleCase(ctx, caseId),
  });
  const portal = createPortalService({
    store: unitOfWork(db, (tx) => ({
      cases: casesRepository(tx, clockConfig),
      customers: customersRepository(tx),
      attachments: attachmentsRepository(tx),
      portal: portalRepository(tx),
    })),
    clock,
    linkKey: serverKeyLoader(db, 'links'),
    attachments,
    getSurvey: (surveyId) => followups.getSurvey(surveyId),
    answerSurvey: (ctx, surveyId, body, via) => followups.answerSurvey(ctx, surveyId, body, via),
  });
  const services = {
    config,
    db,
    clock,
    identity,
    org,
    customers,
    attachments,
    cases,
    calls,
    portal,
    tasks,
    queues,
    live,
    commitments,
    escalation,
    compensation,
    clocks,
    clockConfig,
    calendars,
    policies,
    notifications,
    oversight,
    coach,
    recurrence,
    webhooks,
    knowledge,
    reports,
    intakeChannels,
    inboundMail,
    correspondence,
    followups,
    search,
    categoryModels,
    lexicon,
    analyze,
    caseRisk,
  };
  const jobs = buildJobRegistry(services);
  late.registry = jobs;
  return { ...services, idempotency: idempotencyStore(db), jobs };
};
