import type { CoachRepository } from '../../modules/coach/index.ts';
import { readTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { newestInboundMessages } from './case-texts.ts';

/** The customer's latest messages that give their words: the key words are the eight heaviest. */
const MESSAGE_LIMIT = 20;

/** The coach's port over Kysely, for SQLite and PostgreSQL alike. */
export const coachRepository = (tx: Tx): CoachRepository => ({
  async replyFacts(caseId) {
    const row = await tx
      .selectFrom('cases as c')
      .innerJoin('customers as cu', 'cu.id', 'c.customer_id')
      .leftJoin('sites as s', 's.id', 'c.site_id')
      .select([
        'c.subject',
        'c.description',
        'c.language',
        'cu.name',
        'cu.preferred_name',
        'cu.language as customer_language',
        's.time_zone',
      ])
      .where('c.id', '=', caseId)
      .executeTakeFirst();
    if (!row) return undefined;
    const [inbound, commitments] = await Promise.all([
      newestInboundMessages(tx, caseId, MESSAGE_LIMIT),
      tx
        .selectFrom('commitments')
        .select(['due_at', 'text'])
        .where('case_id', '=', caseId)
        .where('status', '=', 'open')
        .orderBy('due_at')
        .execute(),
    ]);
    return {
      customerName: row.name,
      preferredName: row.preferred_name,
      language: row.language ?? row.customer_language,
      timeZone: row.time_zone,
      customerWords: [...(row.subject ? [row.subject] : []), row.description, ...inbound],
      openCommitments: commitments.map((c) => ({ dueAt: readTime(c.due_at), text: c.text })),
    };
  },
});
