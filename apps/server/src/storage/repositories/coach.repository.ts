import type { CoachRepository } from '../../modules/coach/index.ts';
import { readJson, readTime } from '../codec.ts';
import type { Tx } from '../database.ts';

/** The latest messages (either way) among which the inbound ones give the customer's words. */
const MESSAGE_LIMIT = 100;
/** Characters of one message read: enough for its key words, bounded for a pasted thread. */
const MESSAGE_CHARS = 5_000;

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
    const [messages, commitments] = await Promise.all([
      tx
        .selectFrom('events')
        .select(['payload'])
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('type', '=', 'case.message_recorded')
        .orderBy('seq', 'desc')
        .limit(MESSAGE_LIMIT)
        .execute(),
      tx
        .selectFrom('commitments')
        .select(['due_at', 'text'])
        .where('case_id', '=', caseId)
        .where('status', '=', 'open')
        .orderBy('due_at')
        .execute(),
    ]);
    const inbound = messages
      .map((m) => readJson<{ direction?: unknown; body?: unknown }>(m.payload))
      .filter((p) => p.direction === 'inbound' && typeof p.body === 'string')
      .map((p) => String(p.body).slice(0, MESSAGE_CHARS))
      .reverse();
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
