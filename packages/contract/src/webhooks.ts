import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';

/**
 * Webhooks out: an administrator subscribes a URL to event types from the catalogue (`events.ts`)
 * or `*`; each matching event is POSTed to it signed with the Standard Webhooks scheme
 * (`webhook-id`, `webhook-timestamp`, `webhook-signature`), retried with backoff, logged.
 */

const DateTime = Type.String({ format: 'date-time' });

/** Subscribes to every event type, including ones added later. */
export const ALL_EVENTS = '*';

export const CreateWebhookBody = Type.Object(
  {
    url: Type.String({ minLength: 1, maxLength: 2048, description: 'http or https URL the events are POSTed to.' }),
    eventTypes: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
      minItems: 1,
      maxItems: 200,
      description: 'Event types from the catalogue, or `*` for all.',
    }),
    enabled: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type CreateWebhookBody = Static<typeof CreateWebhookBody>;

export const WebhookDto = Type.Object({
  id: Type.String(),
  url: Type.String(),
  eventTypes: Type.Array(Type.String()),
  enabled: Type.Boolean(),
  createdAt: DateTime,
});
export type WebhookDto = Static<typeof WebhookDto>;

/** The subscription as created: the only time its signing secret is shown. */
export const WebhookCreatedDto = Type.Object({
  ...WebhookDto.properties,
  secret: Type.String({ description: 'Standard Webhooks secret (`whsec_` + base64); shown once, store it now.' }),
});
export type WebhookCreatedDto = Static<typeof WebhookCreatedDto>;

export const WebhookList = Type.Object({ items: Type.Array(WebhookDto) });
export type WebhookList = Static<typeof WebhookList>;

export const WebhookDeliveryStatuses = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WebhookDeliveryStatuses)[number];

export const WebhookDeliveryDto = Type.Object({
  id: Type.String(),
  subscriptionId: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  status: Type.Enum(WebhookDeliveryStatuses),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(DateTime),
  lastStatusCode: Nullable(Type.Integer()),
  lastError: Nullable(Type.String()),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type WebhookDeliveryDto = Static<typeof WebhookDeliveryDto>;

export const WebhookDeliveryList = Type.Object({ items: Type.Array(WebhookDeliveryDto) });
export type WebhookDeliveryList = Static<typeof WebhookDeliveryList>;

export const WebhookDeliveryQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) },
  { additionalProperties: false },
);
export type WebhookDeliveryQuery = Static<typeof WebhookDeliveryQuery>;
