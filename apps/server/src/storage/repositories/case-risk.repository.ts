import { sql } from 'kysely';
import type { CaseRiskRepository } from '../../modules/language/index.ts';
import { readBool } from '../codec.ts';
import type { Tx } from '../database.ts';
import { newestInboundMessageEvents } from './case-texts.ts';

/** Inbound messages read for a case's risk: the newest, enough for what a customer says now. */
const RISK_MESSAGES = 50;

const inbound = sql<boolean>`payload ->> 'direction' = 'inbound'`;
const reopening = sql<boolean>`payload ->> 'action' = 'reopen'`;

/** The case-risk port over Kysely. */
export const caseRiskRepository = (tx: Tx): CaseRiskRepository => ({
  async loadCaseRiskInput(caseId) {
    const row = await tx
      .selectFrom('cases')
      .select(['description', 'language', 'safety'])
      .where('id', '=', caseId)
      .executeTakeFirst();
    if (!row) return undefined;
    const caseEvents = (types: string[]) =>
      tx
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('type', 'in', types);
    const [messages, contacts, reopenings] = await Promise.all([
      newestInboundMessageEvents(tx, caseId, RISK_MESSAGES),
      caseEvents(['case.message_recorded', 'case.call_logged']).where(inbound).executeTakeFirst(),
      caseEvents(['case.status_changed']).where(reopening).executeTakeFirst(),
    ]);
    return {
      language: row.language,
      texts: [
        { source: 'description' as const, eventId: null, text: row.description },
        ...messages.map((m) => ({ source: 'message' as const, eventId: m.eventId, text: m.body })),
      ],
      inboundContacts: Number(contacts?.n ?? 0),
      reopened: Number(reopenings?.n ?? 0) > 0,
      safety: readBool(row.safety),
    };
  },
});
