export {
  createNotificationService,
  type NotificationService,
  type NotificationServiceDeps,
} from './notifications.service.ts';
export type {
  CaseFacts,
  EmailState,
  LevelFacts,
  NewNotification,
  NotificationRepository,
  StaffMember,
  StoredNotification,
} from './notifications.repository.ts';
export type { Mailer, MailMessage } from './mailer.ts';
export { DIGEST_JOB, EMAIL_JOB, FANOUT_JOB, recipientsFor, type NotifiableEvent, type Person } from './notification.ts';
export { renderNotification, type NotificationData } from './notification.texts.ts';
export { escapeHtml } from './notification.email.ts';
export { notificationJobs } from './notifications.jobs.ts';
export { notificationsRoutes } from './notifications.routes.ts';
