import { EVENT_TYPES } from '@redress/contract';
import { Type } from 'typebox';
import { defineJob, EventJobPayload, type JobDefinition } from '../../jobs/index.ts';
import { WEBHOOK_FANOUT_JOB, WEBHOOK_SEND_JOB } from './webhook.ts';
import type { WebhookService } from './webhooks.service.ts';

/** The payload of `webhooks.send`: the delivery and the attempts count it was queued at. */
export const WebhookSendPayload = Type.Object({ deliveryId: Type.String(), attempt: Type.Integer({ minimum: 0 }) });

/**
 * The fan-out (every catalogued event type; a subscription decides what it wants) and the send.
 * Both idempotent: deliveries are unique per (subscription, event), and a send acts only on a
 * pending delivery at the attempts count it was queued at. The send retries itself with backoff
 * by queueing its next attempt, so the queue's own retries only cover database failures.
 */
export const webhookJobs = (webhooks: Pick<WebhookService, 'fanOut' | 'send' | 'wantsEvent'>): JobDefinition[] => [
  defineJob({
    name: WEBHOOK_FANOUT_JOB,
    schema: EventJobPayload,
    subscribesTo: EVENT_TYPES,
    // Most organisations subscribe to few event types, or none: no fan-out row for the rest.
    wants: (eventType) => webhooks.wantsEvent(eventType),
    async handler(event, context) {
      const created = await webhooks.fanOut({
        id: event.eventId,
        type: event.type,
        subjectType: event.subjectType,
        subjectId: event.subjectId,
        occurredAt: new Date(event.occurredAt),
        payload: event.payload,
      });
      if (created > 0) context.logger.debug({ created, eventType: event.type }, 'webhook deliveries recorded');
    },
  }),
  defineJob({
    name: WEBHOOK_SEND_JOB,
    schema: WebhookSendPayload,
    async handler({ deliveryId, attempt }, context) {
      const outcome = await webhooks.send(deliveryId, attempt);
      if (outcome === 'failed') context.logger.warn({ deliveryId }, 'a webhook delivery failed for good');
    },
  }),
];
