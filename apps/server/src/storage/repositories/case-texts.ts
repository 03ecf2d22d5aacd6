import { type SelectQueryBuilder, sql } from 'kysely';
import type { Schema } from '../schema.ts';
import type { Tx } from '../database.ts';

/**
 * The customer's own words on a case: the bodies of its inbound `case.message_recorded` events.
 * Read by the reply coach (the newest messages) and the category model (the first message of
 * each case). Direction and body are read from the JSON payload in SQL — `->>` works on
 * PostgreSQL jsonb and SQLite text alike — so outbound messages and long bodies never leave the
 * database: a body is cut to `chars` characters there.
 */

/** Characters of one message read by default: enough for its words, bounded for a pasted thread. */
export const MESSAGE_CHARS = 5_000;

const isInbound = sql<boolean>`payload ->> 'direction' = 'inbound'`;
const bodyCut = (chars: number) => sql<string | null>`substr(payload ->> 'body', 1, ${chars})`.as('body');

const inboundMessages = (tx: Tx) =>
  tx
    .selectFrom('events')
    .where('subject_type', '=', 'case')
    .where('type', '=', 'case.message_recorded')
    .where(isInbound);

/** The newest `limit` inbound messages of a case with their event ids, oldest first, each cut to `chars`. */
export const newestInboundMessageEvents = async (
  tx: Tx,
  caseId: string,
  limit: number,
  chars = MESSAGE_CHARS,
): Promise<{ eventId: string; body: string }[]> => {
  const rows = await inboundMessages(tx)
    .where('subject_id', '=', caseId)
    .select(['id', bodyCut(chars)])
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.flatMap((row) => (typeof row.body === 'string' ? [{ eventId: row.id, body: row.body }] : [])).reverse();
};

/** The newest `limit` inbound message bodies of a case, oldest first, each cut to `chars`. */
export const newestInboundMessages = async (
  tx: Tx,
  caseId: string,
  limit: number,
  chars = MESSAGE_CHARS,
): Promise<string[]> => (await newestInboundMessageEvents(tx, caseId, limit, chars)).map((m) => m.body);

/**
 * The first inbound message body of each of `caseIds` (a list, or a subquery selecting case
 * ids), cut to `chars`. One row per case: the message with the lowest `seq` is found by a
 * grouped subquery, so a case's later messages are never read.
 */
export const firstInboundMessages = async <TB extends keyof Schema>(
  tx: Tx,
  caseIds: readonly string[] | SelectQueryBuilder<Schema, TB, { id: string }>,
  chars = MESSAGE_CHARS,
): Promise<Map<string, string>> => {
  if (Array.isArray(caseIds) && caseIds.length === 0) return new Map();
  const ids = caseIds as string[] | SelectQueryBuilder<Schema, TB, { id: string }>;
  const rows = await tx
    .selectFrom('events')
    .select(['subject_id', bodyCut(chars)])
    .where(
      'seq',
      'in',
      inboundMessages(tx)
        .where('subject_id', 'in', ids)
        .select((eb) => eb.fn.min('seq').as('seq'))
        .groupBy('subject_id'),
    )
    .execute();
  const first = new Map<string, string>();
  for (const row of rows) if (typeof row.body === 'string') first.set(row.subject_id, row.body);
  return first;
};
