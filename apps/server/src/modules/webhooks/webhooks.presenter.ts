import type { WebhookDeliveryDto, WebhookDto } from '@redress/contract';
import type { WebhookDelivery, WebhookSubscription } from './webhook.ts';

/** A subscription as the API shows it: never its secret. */
export const presentWebhook = (s: WebhookSubscription): WebhookDto => ({
  id: s.id,
  url: s.url,
  eventTypes: [...s.eventTypes],
  enabled: s.enabled,
  createdAt: s.createdAt.toISOString(),
});

export const presentDelivery = (d: WebhookDelivery): WebhookDeliveryDto => ({
  id: d.id,
  subscriptionId: d.subscriptionId,
  eventId: d.eventId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt ? d.nextAttemptAt.toISOString() : null,
  lastStatusCode: d.lastStatusCode,
  lastError: d.lastError,
  createdAt: d.createdAt.toISOString(),
  updatedAt: d.updatedAt.toISOString(),
});
