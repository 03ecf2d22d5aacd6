import type { InboundMailStatus } from '@redress/contract';
import {
  PROCESS_INBOUND_JOB,
  type InboundEmail,
  type InboundMailRepository,
} from '../../modules/inbound-mail/index.ts';
import { readInt, readJson, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import { enqueueJob } from '../jobs.repository.ts';
import { intakeChannelsPart } from './intake-channels.repository.ts';

type EmailRow = {
  id: string;
  status: string;
  reason: string | null;
  channel_id: string | null;
  case_id: string | null;
  customer_id: string | null;
  message_id: string;
  envelope_from: string | null;
  to_addresses: unknown;
  attachment_ids: unknown;
  raw_key: string | null;
  raw_size: unknown;
  imap_uid: unknown;
  created_at: unknown;
  updated_at: unknown;
};

const EMAIL_COLUMNS = [
  'id',
  'status',
  'reason',
  'channel_id',
  'case_id',
  'customer_id',
  'message_id',
  'envelope_from',
  'to_addresses',
  'attachment_ids',
  'raw_key',
  'raw_size',
  'imap_uid',
  'created_at',
  'updated_at',
] as const;

const toEmail = (row: EmailRow): InboundEmail => ({
  id: row.id,
  status: row.status as InboundMailStatus,
  reason: row.reason,
  channelId: row.channel_id,
  caseId: row.case_id,
  customerId: row.customer_id,
  messageId: row.message_id,
  envelopeFrom: row.envelope_from,
  toAddresses: readJson<string[]>(row.to_addresses),
  attachmentIds: readJson<string[]>(row.attachment_ids),
  rawKey: row.raw_key,
  rawSize: row.raw_size === null ? null : readInt(row.raw_size),
  imapUid: row.imap_uid === null ? null : readInt(row.imap_uid),
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

/** Intake channels and inbound e-mail on Kysely, for SQLite and PostgreSQL alike. */
export const inboundMailRepository = (db: Tx): { inboundMail: InboundMailRepository } => ({
  inboundMail: {
    ...intakeChannelsPart(db),

    async insertReceived(email) {
      const at = toDbTime(email.at);
      // Both unique indexes (direction + Message-ID; channel + UIDVALIDITY + UID) make a second
      // delivery of the same message a no-op rather than an error.
      const result = await db
        .insertInto('email_messages')
        .values({
          id: email.id,
          direction: 'inbound',
          status: 'received',
          reason: null,
          channel_id: email.channelId,
          case_id: null,
          customer_id: null,
          message_id: email.messageId,
          in_reply_to: null,
          references: toDbJson([]),
          from_address: null,
          from_name: null,
          to_addresses: toDbJson(email.toAddresses),
          envelope_from: email.envelopeFrom,
          reply_to: null,
          subject: null,
          text_body: null,
          html_body: null,
          template: null,
          language: null,
          attachment_ids: toDbJson([]),
          raw_key: email.rawKey,
          raw_size: email.rawSize,
          imap_uidvalidity: email.imap?.uidvalidity ?? null,
          imap_uid: email.imap?.uid ?? null,
          attempts: 0,
          last_error: null,
          sent_at: null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async findByMessageId(messageId) {
      const row = await db
        .selectFrom('email_messages')
        .select(EMAIL_COLUMNS)
        .where('direction', '=', 'inbound')
        .where('message_id', '=', messageId)
        .executeTakeFirst();
      return row ? toEmail(row) : undefined;
    },

    async queueProcessing(emailId, now) {
      // A fresh job each time (receipt, each reprocess): processing acts only on a `received` row.
      await enqueueJob(db, { name: PROCESS_INBOUND_JOB, payload: { emailId }, maxAttempts: 5 }, now);
    },

    async findEmail(id) {
      const row = await db
        .selectFrom('email_messages')
        .select(EMAIL_COLUMNS)
        .where('id', '=', id)
        .where('direction', '=', 'inbound')
        .executeTakeFirst();
      return row ? toEmail(row) : undefined;
    },

    async completeProcessing(id, outcome) {
      const result = await db
        .updateTable('email_messages')
        .set({
          status: outcome.status,
          reason: outcome.reason,
          case_id: outcome.caseId,
          customer_id: outcome.customerId,
          from_address: outcome.fromAddress,
          from_name: outcome.fromName,
          to_addresses: toDbJson(outcome.toAddresses),
          reply_to: outcome.replyTo,
          subject: outcome.subject,
          text_body: outcome.textBody,
          html_body: outcome.htmlBody,
          in_reply_to: outcome.inReplyTo,
          references: toDbJson(outcome.references),
          language: outcome.language,
          attachment_ids: toDbJson(outcome.attachmentIds),
          attempts: (eb) => eb('attempts', '+', 1),
          updated_at: toDbTime(outcome.at),
        })
        .where('id', '=', id)
        .where('direction', '=', 'inbound')
        .where('status', '=', 'received')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async resetForReprocess(id, at) {
      const result = await db
        .updateTable('email_messages')
        .set({ status: 'received', reason: null, updated_at: toDbTime(at) })
        .where('id', '=', id)
        .where('direction', '=', 'inbound')
        .where('status', 'in', ['received', 'ignored', 'unparsed'])
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async caseOfMessageIds(messageIds) {
      if (messageIds.length === 0) return null;
      const row = await db
        .selectFrom('email_messages')
        .select('case_id')
        .where('message_id', 'in', [...messageIds])
        .where('case_id', 'is not', null)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.case_id ?? null;
    },

    async caseIdByRef(ref) {
      const row = await db.selectFrom('cases').select('id').where('ref', '=', ref).executeTakeFirst();
      return row?.id ?? null;
    },

    async listEmails({ status, limit, cursor }) {
      let query = db
        .selectFrom('email_messages')
        .select(EMAIL_COLUMNS)
        .where('direction', '=', 'inbound')
        .orderBy('id', 'desc')
        .limit(limit);
      if (status) query = query.where('status', '=', status);
      if (cursor) query = query.where('id', '<', cursor);
      return (await query.execute()).map(toEmail);
    },

    async appendEvent(event) {
      await appendEvent(db, event);
    },
  },
});
