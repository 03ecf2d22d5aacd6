import type { Migration } from './types.ts';

/**
 * Cases and what hangs off them: the per-year reference counter, the configurable category tree
 * and root-cause list, tags, key people, links and internal tasks. The timeline is the event log
 * (`events`, subject_type 'case'); messages, notes and call logs are events, never edited in place.
 */
export const cases: Migration = {
  id: '0004_cases',
  async up(db, t) {
    await db.schema
      .createTable('case_ref_counters')
      .addColumn('year', 'integer', (c) => c.primaryKey())
      .addColumn('last', t.bigint, (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('categories')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('parent_id', 'text', (c) => c.references('categories.id'))
      .addColumn('names', t.json, (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('archived_at', t.timestamp)
      .execute();
    await db.schema.createIndex('categories_parent_idx').on('categories').column('parent_id').execute();

    await db.schema
      .createTable('root_causes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('code', 'text', (c) => c.notNull().unique())
      .addColumn('names', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('archived_at', t.timestamp)
      .execute();

    await db.schema
      .createTable('cases')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('ref', 'text', (c) => c.notNull().unique())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('language', 'text')
      .addColumn('category_id', 'text', (c) => c.references('categories.id'))
      .addColumn('severity', 'text', (c) => c.notNull())
      .addColumn('safety', t.bool, (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('expected_remedy', 'text')
      .addColumn('product_ref', 'text')
      .addColumn('order_ref', 'text')
      .addColumn('site_id', 'text', (c) => c.references('sites.id'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('resolution', t.json)
      .addColumn('customer_decision', t.json)
      .addColumn('merged_into_id', 'text', (c) => c.references('cases.id'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('closed_at', t.timestamp)
      .execute();
    await db.schema.createIndex('cases_site_created_idx').on('cases').columns(['site_id', 'created_at']).execute();
    await db.schema.createIndex('cases_owner_idx').on('cases').columns(['owner_id', 'status']).execute();
    await db.schema.createIndex('cases_customer_idx').on('cases').column('customer_id').execute();
    // Reading a case looks up the cases merged into it; without this every read scans the table.
    await db.schema.createIndex('cases_merged_into_idx').on('cases').column('merged_into_id').execute();
    await db.schema.createIndex('cases_status_idx').on('cases').columns(['status', 'created_at']).execute();
    await db.schema.createIndex('cases_created_idx').on('cases').columns(['created_at', 'id']).execute();

    await db.schema
      .createTable('case_tags')
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('case_tags_pk', ['case_id', 'tag'])
      .execute();
    await db.schema.createIndex('case_tags_tag_idx').on('case_tags').column('tag').execute();

    await db.schema
      .createTable('case_key_people')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.references('users.id'))
      .addColumn('name', 'text')
      .addColumn('relationship', 'text')
      .addColumn('contact', 'text')
      .addColumn('consent', t.bool)
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('case_key_people_case_idx').on('case_key_people').column('case_id').execute();

    await db.schema
      .createTable('case_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('from_case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('to_case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('merged', t.bool, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addUniqueConstraint('case_links_pair_uq', ['from_case_id', 'to_case_id'])
      .execute();
    await db.schema.createIndex('case_links_to_idx').on('case_links').column('to_case_id').execute();

    await db.schema
      .createTable('internal_tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
      .addColumn('assignee_team_id', 'text', (c) => c.references('teams.id'))
      .addColumn('assignee_user_id', 'text', (c) => c.references('users.id'))
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('answer', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', t.timestamp)
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('internal_tasks_case_idx').on('internal_tasks').column('case_id').execute();
    await db.schema
      .createIndex('internal_tasks_team_idx')
      .on('internal_tasks')
      .columns(['assignee_team_id', 'status'])
      .execute();
    await db.schema
      .createIndex('internal_tasks_user_idx')
      .on('internal_tasks')
      .columns(['assignee_user_id', 'status'])
      .execute();
  },
};
