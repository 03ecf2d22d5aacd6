import type { WebhookDeliveryStatus } from '@redress/contract';
import {
  WEBHOOK_SEND_JOB,
  type WebhookDelivery,
  type WebhookRepository,
  type WebhookSubscription,
} from '../../modules/webhooks/index.ts';
import { readBool, readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import { enqueueJob } from '../jobs.repository.ts';

type SubscriptionRow = {
  id: string;
  url: string;
  event_types: unknown;
  enabled: unknown;
  created_at: unknown;
};

const toSubscription = (row: SubscriptionRow): WebhookSubscription => ({
  id: row.id,
  url: row.url,
  eventTypes: readJson<string[]>(row.event_types),
  enabled: readBool(row.enabled),
  createdAt: readTime(row.created_at),
});

type DeliveryRow = {
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: unknown;
  next_attempt_at: unknown;
  last_status_code: unknown;
  last_error: string | null;
  created_at: unknown;
  updated_at: unknown;
};

const toDelivery = (row: DeliveryRow): WebhookDelivery => ({
  id: row.id,
  subscriptionId: row.subscription_id,
  eventId: row.event_id,
  eventType: row.event_type,
  status: row.status as WebhookDeliveryStatus,
  attempts: readInt(row.attempts),
  nextAttemptAt: readOptionalTime(row.next_attempt_at),
  lastStatusCode: row.last_status_code === null ? null : readInt(row.last_status_code),
  lastError: row.last_error,
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

const SUBSCRIPTION_COLUMNS = ['id', 'url', 'event_types', 'enabled', 'created_at'] as const;

/** Webhook subscriptions and deliveries on Kysely, for SQLite and PostgreSQL alike. */
export const webhooksRepository = (db: Tx): { webhooks: WebhookRepository } => ({
  webhooks: {
    async insertSubscription(s) {
      await db
        .insertInto('webhook_subscriptions')
        .values({
          id: s.id,
          url: s.url,
          event_types: toDbJson(s.eventTypes),
          secret: s.secret,
          enabled: s.enabled,
          created_by: s.createdBy,
          created_at: toDbTime(s.createdAt),
        })
        .execute();
    },

    async listSubscriptions() {
      const rows = await db
        .selectFrom('webhook_subscriptions')
        .select(SUBSCRIPTION_COLUMNS)
        .where('deleted_at', 'is', null)
        .orderBy('id')
        .execute();
      return rows.map(toSubscription);
    },

    async findSubscription(id) {
      const row = await db
        .selectFrom('webhook_subscriptions')
        .select(SUBSCRIPTION_COLUMNS)
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return row ? toSubscription(row) : undefined;
    },

    async deleteSubscription(id, now) {
      const result = await db
        .updateTable('webhook_subscriptions')
        .set({ deleted_at: toDbTime(now) })
        .where('id', '=', id)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async subscriptionsFor(eventType) {
      // Subscriptions are few (an administrator's list): matching the type lists in code keeps
      // one query for both backends' JSON.
      const rows = await db
        .selectFrom('webhook_subscriptions')
        .select(SUBSCRIPTION_COLUMNS)
        .where('deleted_at', 'is', null)
        .where('enabled', '=', true)
        .orderBy('id')
        .execute();
      return rows.map(toSubscription).filter((s) => s.eventTypes.includes('*') || s.eventTypes.includes(eventType));
    },

    async insertDeliveries(rows) {
      if (rows.length === 0) return [];
      const inserted = await db
        .insertInto('webhook_deliveries')
        .values(
          rows.map((d) => ({
            id: d.id,
            subscription_id: d.subscriptionId,
            event_id: d.eventId,
            event_type: d.eventType,
            status: d.status,
            attempts: d.attempts,
            next_attempt_at: d.nextAttemptAt && toDbTime(d.nextAttemptAt),
            last_status_code: d.lastStatusCode,
            last_error: d.lastError,
            created_at: toDbTime(d.createdAt),
            updated_at: toDbTime(d.updatedAt),
          })),
        )
        .onConflict((oc) => oc.columns(['subscription_id', 'event_id']).doNothing())
        .returning('id')
        .execute();
      return inserted.map((r) => r.id);
    },

    async queueSend(deliveryId, attempt, runAt, now) {
      await enqueueJob(db, { name: WEBHOOK_SEND_JOB, payload: { deliveryId, attempt }, runAt, maxAttempts: 3 }, now);
    },

    async findDelivery(id) {
      const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toDelivery(row) : undefined;
    },

    async findDeliveryToSend(id) {
      const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      const subscription = await db
        .selectFrom('webhook_subscriptions')
        .select(['url', 'secret', 'enabled', 'deleted_at'])
        .where('id', '=', row.subscription_id)
        .executeTakeFirstOrThrow();
      const event = await db
        .selectFrom('events')
        .select(['id', 'type', 'subject_type', 'subject_id', 'occurred_at', 'payload'])
        .where('id', '=', row.event_id)
        .executeTakeFirst();
      return {
        delivery: toDelivery(row),
        url: subscription.url,
        secret: subscription.secret,
        active: readBool(subscription.enabled) && subscription.deleted_at === null,
        event: event && {
          id: event.id,
          type: event.type,
          subjectType: event.subject_type,
          subjectId: event.subject_id,
          occurredAt: readTime(event.occurred_at),
          payload: readJson<unknown>(event.payload),
        },
      };
    },

    async recordAttempt(id, expectedAttempts, result) {
      const updated = await db
        .updateTable('webhook_deliveries')
        .set({
          status: result.status,
          attempts: result.attempts,
          next_attempt_at: result.nextAttemptAt && toDbTime(result.nextAttemptAt),
          last_status_code: result.lastStatusCode,
          last_error: result.lastError,
          updated_at: toDbTime(result.at),
        })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('attempts', '=', expectedAttempts)
        .executeTakeFirst();
      return Number(updated.numUpdatedRows) > 0;
    },

    async listDeliveries(subscriptionId, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('subscription_id', '=', subscriptionId)
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },

    async resetDelivery(id, now) {
      await db
        .updateTable('webhook_deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: toDbTime(now), updated_at: toDbTime(now) })
        .where('id', '=', id)
        .execute();
    },

    async appendEvent(event) {
      await appendEvent(db, event);
    },
  },
});
