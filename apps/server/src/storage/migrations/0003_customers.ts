import type { Migration } from './types.ts';

/**
 * Customers, their contacts (unique per kind and value across everyone: a merge moves the
 * duplicate's rows to the survivor, so a key never points at a merged-away customer), external ids,
 * products, and the personal-data audit trail.
 */
export const customers: Migration = {
  id: '0003_customers',
  async up(db, t) {
    await db.schema
      .createTable('customers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('preferred_name', 'text')
      .addColumn('language', 'text')
      .addColumn('search_name', 'text', (c) => c.notNull())
      .addColumn('notes_what_matters', t.json, (c) => c.notNull())
      .addColumn('consent', t.json, (c) => c.notNull())
      .addColumn('merged_into', 'text', (c) => c.references('customers.id'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('customers_merged_into_idx').on('customers').column('merged_into').execute();

    await db.schema
      .createTable('customer_contacts')
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_contacts_pk', ['kind', 'value'])
      .execute();
    await db.schema
      .createIndex('customer_contacts_customer_idx')
      .on('customer_contacts')
      .column('customer_id')
      .execute();

    await db.schema
      .createTable('customer_external_ids')
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('customer_external_ids_pk', ['kind', 'value'])
      .execute();
    await db.schema
      .createIndex('customer_external_ids_customer_idx')
      .on('customer_external_ids')
      .column('customer_id')
      .execute();

    await db.schema
      .createTable('customer_products')
      .addColumn('id', t.serial, (c) => (t.dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('product', 'text', (c) => c.notNull())
      .addColumn('order_ref', 'text')
      .addColumn('purchased_at', t.timestamp)
      .addColumn('notes', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('customer_products_customer_idx')
      .on('customer_products')
      .columns(['customer_id', 'id'])
      .execute();

    await db.schema
      .createTable('personal_data_access')
      .addColumn('id', t.serial, (c) => (t.dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.id'))
      .addColumn('actor_id', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('request_id', 'text')
      .addColumn('detail', 'text')
      .addColumn('at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('personal_data_access_customer_idx')
      .on('personal_data_access')
      .columns(['customer_id', 'id'])
      .execute();
    await db.schema
      .createIndex('personal_data_access_actor_idx')
      .on('personal_data_access')
      .columns(['actor_id', 'at'])
      .execute();
  },
};
