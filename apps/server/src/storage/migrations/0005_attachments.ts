import type { Migration } from './types.ts';

/** Attachments on cases, and the records that make `Idempotency-Key` replays work. */
export const attachments: Migration = {
  id: '0005_attachments',
  async up(db, t) {
    await db.schema
      .createTable('attachments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // No foreign key to cases: the cases table belongs to another area and attachments are
      // only ever reached through a case the actor may see.
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('filename', 'text', (c) => c.notNull())
      .addColumn('content_type', 'text', (c) => c.notNull())
      .addColumn('size', t.bigint, (c) => c.notNull())
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('storage_key', 'text', (c) => c.notNull().unique())
      .addColumn('uploaded_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('attachments_case_idx').on('attachments').columns(['case_id', 'id']).execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('actor_id', 'text', (c) => c.notNull())
      .addColumn('key_hash', 'text', (c) => c.notNull())
      .addColumn('method', 'text', (c) => c.notNull())
      .addColumn('route', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('response_status', t.bigint)
      .addColumn('response_body', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['actor_id', 'key_hash'])
      .execute();
    await db.schema.createIndex('idempotency_keys_created_idx').on('idempotency_keys').column('created_at').execute();
  },
};
