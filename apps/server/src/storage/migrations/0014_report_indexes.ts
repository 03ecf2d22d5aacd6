import type { Migration } from './types.ts';

/**
 * Indexes for the managers' reports (`GET /reports/overview`): clock compliance and promise
 * outcomes read the clocks and the promises falling due in a range, whatever their state. The
 * existing due indexes lead with the state (the sweepers' `state = 'running' and due_at <= now`),
 * so a range over every state read the whole table; these lead with the due time.
 */
export const reportIndexes: Migration = {
  id: '0014_report_indexes',
  async up(db) {
    await db.schema.createIndex('service_clocks_due_at_idx').on('service_clocks').column('due_at').execute();
    await db.schema.createIndex('commitments_due_at_idx').on('commitments').column('due_at').execute();
  },
};
