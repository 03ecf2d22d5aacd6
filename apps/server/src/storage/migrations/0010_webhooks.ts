import type { Migration } from './types.ts';

/**
 * Webhooks out (modules/webhooks): the subscriptions an administrator registers and one delivery
 * row per (subscription, event) — the delivery log and the retry state in one place.
 */
export const webhooks: Migration = {
  id: '0010_webhooks',
  async up(db, t) {
    await db.schema
      .createTable('webhook_subscriptions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      // JSON array of event types, or ["*"].
      .addColumn('event_types', t.json, (c) => c.notNull())
      // The Standard Webhooks secret (`whsec_…`): needed in clear to sign, never shown again.
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      // Deleted subscriptions are kept (their delivery log stays readable to audits) but never sent to.
      .addColumn('deleted_at', t.timestamp)
      .execute();

    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('subscription_id', 'text', (c) => c.notNull().references('webhook_subscriptions.id'))
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('event_type', 'text', (c) => c.notNull())
      // pending | delivered | failed
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('next_attempt_at', t.timestamp)
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      // A rerun of the fan-out adds nothing.
      .addUniqueConstraint('webhook_deliveries_subscription_event_uq', ['subscription_id', 'event_id'])
      .execute();
    await db.schema
      .createIndex('webhook_deliveries_subscription_idx')
      .on('webhook_deliveries')
      .columns(['subscription_id', 'created_at'])
      .execute();
  },
};
