/** The webhooks module's public door: signed event deliveries to subscribed URLs. */
export {
  createWebhookService,
  fetchPoster,
  type SendOutcome,
  type WebhookPoster,
  type WebhookService,
} from './webhooks.service.ts';
export type { AttemptResult, DeliveryToSend, NewSubscription, WebhookRepository } from './webhooks.repository.ts';
export {
  MAX_DELIVERY_ATTEMPTS,
  RETRY_BASE_MS,
  WEBHOOK_FANOUT_JOB,
  WEBHOOK_SEND_JOB,
  type OutgoingEvent,
  type WebhookDelivery,
  type WebhookSubscription,
} from './webhook.ts';
export { webhookJobs, WebhookSendPayload } from './webhooks.jobs.ts';
export { webhooksRoutes } from './webhooks.routes.ts';
