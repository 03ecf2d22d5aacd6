import type { LiveEvent, LiveRepository } from '../../modules/live/index.ts';
import { readInt, readTime } from '../codec.ts';
import type { Tx } from '../database.ts';

const toLiveEvent = (row: {
  seq: unknown;
  type: string;
  subject_type: string;
  subject_id: string;
  occurred_at: unknown;
}): LiveEvent => ({
  seq: readInt(row.seq),
  type: row.type,
  caseId: row.subject_type === 'case' ? row.subject_id : null,
  occurredAt: readTime(row.occurred_at),
});

const COLUMNS = ['seq', 'type', 'subject_type', 'subject_id', 'occurred_at'] as const;

/**
 * The live stream's reads of the event log over Kysely (both backends): by `seq`, through the
 * primary key, never the payloads — a change says which case to read again, not what it holds.
 */
export const liveRepository = (db: Tx): LiveRepository => ({
  async headSeq() {
    const row = await db
      .selectFrom('events')
      .select((eb) => eb.fn.max('seq').as('head'))
      .executeTakeFirst();
    return row?.head === null || row?.head === undefined ? 0 : readInt(row.head);
  },

  async eventsAfter(afterSeq, alsoSeqs, limit) {
    const rows = await db
      .selectFrom('events')
      .select(COLUMNS)
      .where((eb) =>
        alsoSeqs.length > 0
          ? eb.or([eb('seq', '>', afterSeq), eb('seq', 'in', [...alsoSeqs])])
          : eb('seq', '>', afterSeq),
      )
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toLiveEvent);
  },

  async caseEventsBetween(afterSeq, upToSeq, limit) {
    const rows = await db
      .selectFrom('events')
      .select(COLUMNS)
      .where('seq', '>', afterSeq)
      .where('seq', '<=', upToSeq)
      .where('subject_type', '=', 'case')
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map(toLiveEvent);
  },

  async caseReach(caseIds) {
    const reach = new Map<
      string,
      { siteId: string | null; ownerId: string; taskTeamIds: string[]; taskUserIds: string[] }
    >();
    if (caseIds.length === 0) return reach;
    const rows = await db
      .selectFrom('cases')
      .leftJoin('internal_tasks as t', 't.case_id', 'cases.id')
      .select(['cases.id', 'cases.site_id', 'cases.owner_id', 't.assignee_team_id', 't.assignee_user_id'])
      .where('cases.id', 'in', [...caseIds])
      .execute();
    for (const row of rows) {
      let entry = reach.get(row.id);
      if (!entry) {
        entry = { siteId: row.site_id, ownerId: row.owner_id, taskTeamIds: [], taskUserIds: [] };
        reach.set(row.id, entry);
      }
      if (row.assignee_team_id) entry.taskTeamIds.push(row.assignee_team_id);
      if (row.assignee_user_id) entry.taskUserIds.push(row.assignee_user_id);
    }
    return reach;
  },
});
