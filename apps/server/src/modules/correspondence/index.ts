/** The correspondence module's public door: e-mail out to customers and its templates. */
export {
  createCorrespondenceService,
  TRIGGER_EVENTS,
  type CorrespondenceService,
  type SendOutcome,
  type TriggerEvent,
  type TriggerOutcome,
} from './correspondence.service.ts';
export { createEmailTemplateAdmin, type TemplateView } from './email-templates.service.ts';
export type {
  CaseMailFacts,
  CorrespondencePort,
  CorrespondenceRepository,
  EmailRecord,
  NewOutboundEmail,
  OutgoingBody,
  SavedTemplate,
  SendResult,
} from './correspondence.repository.ts';
export {
  AUTOMATIC_PER_ADDRESS,
  CASE_LINK_DAYS,
  hearBackBy,
  mailTimeZone,
  NO_MAIL_SERVER,
  PRIVATE_LINK_MARKER,
  RATE_LIMITED,
  recipientFor,
  SEND_JOB,
  SEND_JOB_RUNS,
  SEND_MAX_ATTEMPTS,
  TRIGGER_JOB,
  type ClockDue,
  type OutboundStatus,
  type ThreadParent,
} from './correspondence.ts';
export type { CustomerMail, CustomerMailer } from './mailer.ts';
export { correspondenceJobs, SendEmailPayload } from './correspondence.jobs.ts';
export { correspondenceRoutes } from './correspondence.routes.ts';
export { renderEmail, type RenderedEmail } from './render.ts';
export { SHIPPED_TEMPLATES, templateProblems } from './templates.ts';
