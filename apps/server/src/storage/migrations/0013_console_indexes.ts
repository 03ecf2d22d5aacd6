import { sql, type SqlBool } from 'kysely';
import type { Migration } from './types.ts';

/**
 * Indexes for the console's queues (`GET /queues`, `GET /cases?queue=…`): the cases still being
 * worked, by site, and the open internal tasks, by case — each partial, so they hold only the
 * few rows the queues read instead of the whole history. The queries name the same statuses as
 * literals (queues.repository.ts), as SQLite needs to match a partial index.
 */
export const consoleIndexes: Migration = {
  id: '0013_console_indexes',
  async up(db) {
    await db.schema
      .createIndex('cases_worked_site_idx')
      .on('cases')
      .columns(['merged_into_id', 'site_id', 'owner_id'])
      .where(sql<SqlBool>`merged_into_id is null and status not in ('resolved', 'closed')`)
      .execute();
    await db.schema
      .createIndex('internal_tasks_open_case_idx')
      .on('internal_tasks')
      .column('case_id')
      .where(sql<SqlBool>`status = 'open'`)
      .execute();
  },
};
