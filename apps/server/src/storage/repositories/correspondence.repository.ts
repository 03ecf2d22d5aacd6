import type { EmailTemplateKind, Locale } from '@redress/contract';
import {
  SEND_JOB,
  SEND_MAX_ATTEMPTS,
  type CaseMailFacts,
  type CorrespondenceRepository,
  type EmailRecord,
} from '../../modules/correspondence/index.ts';
import { readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import { enqueueJob } from '../jobs.repository.ts';

type EmailRow = {
  id: string;
  direction: string;
  status: string;
  reason: string | null;
  channel_id: string | null;
  case_id: string | null;
  customer_id: string | null;
  message_id: string;
  in_reply_to: string | null;
  references: unknown;
  from_address: string | null;
  from_name: string | null;
  to_addresses: unknown;
  reply_to: string | null;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  template: string | null;
  language: string | null;
  attachment_ids: unknown;
  attempts: unknown;
  last_error: string | null;
  sent_at: unknown;
  created_at: unknown;
  updated_at: unknown;
};

const EMAIL_COLUMNS = [
  'id',
  'direction',
  'status',
  'reason',
  'channel_id',
  'case_id',
  'customer_id',
  'message_id',
  'in_reply_to',
  'references',
  'from_address',
  'from_name',
  'to_addresses',
  'reply_to',
  'subject',
  'text_body',
  'html_body',
  'template',
  'language',
  'attachment_ids',
  'attempts',
  'last_error',
  'sent_at',
  'created_at',
  'updated_at',
] as const;

const strings = (value: unknown): string[] => {
  const parsed = readJson<unknown>(value);
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
};

const toEmail = (row: EmailRow): EmailRecord => ({
  id: row.id,
  direction: row.direction === 'inbound' ? 'inbound' : 'outbound',
  status: row.status,
  reason: row.reason,
  channelId: row.channel_id,
  caseId: row.case_id,
  customerId: row.customer_id,
  messageId: row.message_id,
  inReplyTo: row.in_reply_to,
  references: strings(row.references),
  fromAddress: row.from_address,
  fromName: row.from_name,
  toAddresses: strings(row.to_addresses),
  replyTo: row.reply_to,
  subject: row.subject,
  textBody: row.text_body,
  htmlBody: row.html_body,
  template: row.template,
  language: row.language,
  attachmentIds: strings(row.attachment_ids),
  attempts: readInt(row.attempts),
  lastError: row.last_error,
  sentAt: readOptionalTime(row.sent_at),
  createdAt: readTime(row.created_at),
  updatedAt: readTime(row.updated_at),
});

/** Inbound mail that reached its case (not ignored or unparsed). */
const THREADED_INBOUND = ['received', 'threaded'];
const HEAR_BACK_CLOCKS = ['first_response', 'acknowledge', 'resolve'];

/** Customer e-mail templates, the outbound outbox and a case's e-mails, for SQLite and PostgreSQL. */
export const correspondenceRepository = (db: Tx): CorrespondenceRepository => ({
  async listTemplates() {
    const rows = await db.selectFrom('email_templates').selectAll().orderBy('kind').orderBy('language').execute();
    return rows.map((r) => ({
      kind: r.kind as EmailTemplateKind,
      language: r.language as Locale,
      subject: r.subject,
      body: r.body,
      updatedAt: readTime(r.updated_at),
    }));
  },

  async findTemplate(kind, language) {
    const r = await db
      .selectFrom('email_templates')
      .selectAll()
      .where('kind', '=', kind)
      .where('language', '=', language)
      .executeTakeFirst();
    return r && { kind, language, subject: r.subject, body: r.body, updatedAt: readTime(r.updated_at) };
  },

  async saveTemplate(t, updatedBy) {
    const values = { subject: t.subject, body: t.body, updated_by: updatedBy, updated_at: toDbTime(t.updatedAt) };
    await db
      .insertInto('email_templates')
      .values({ kind: t.kind, language: t.language, ...values })
      .onConflict((oc) => oc.columns(['kind', 'language']).doUpdateSet(values))
      .execute();
  },

  async deleteTemplate(kind, language) {
    const result = await db
      .deleteFrom('email_templates')
      .where('kind', '=', kind)
      .where('language', '=', language)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  },

  async caseMailFacts(caseId) {
    const row = await db
      .selectFrom('cases')
      .leftJoin('sites', 'sites.id', 'cases.site_id')
      .select([
        'cases.id',
        'cases.ref',
        'cases.status',
        'cases.subject',
        'cases.description',
        'cases.language',
        'cases.resolution',
        'cases.created_at',
        'cases.customer_id',
        'sites.time_zone',
      ])
      .where('cases.id', '=', caseId)
      .executeTakeFirst();
    if (!row) return undefined;
    // A merged customer's contacts live on the survivor.
    const first = await db
      .selectFrom('customers')
      .select(['id', 'name', 'preferred_name', 'language', 'merged_into'])
      .where('id', '=', row.customer_id)
      .executeTakeFirstOrThrow();
    const customer = first.merged_into
      ? ((await db
          .selectFrom('customers')
          .select(['id', 'name', 'preferred_name', 'language', 'merged_into'])
          .where('id', '=', first.merged_into)
          .executeTakeFirst()) ?? first)
      : first;
    const [newest, firstChannel, contact, clocks] = await Promise.all([
      db
        .selectFrom('email_messages')
        .select(['message_id', 'references', 'from_address'])
        .where('case_id', '=', caseId)
        .where('direction', '=', 'inbound')
        .where('status', 'in', THREADED_INBOUND)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('email_messages')
        .innerJoin('intake_channels', 'intake_channels.id', 'email_messages.channel_id')
        .select(['intake_channels.address'])
        .where('email_messages.case_id', '=', caseId)
        .where('email_messages.direction', '=', 'inbound')
        .where('intake_channels.kind', 'in', ['smtp', 'imap'])
        .where('intake_channels.address', 'is not', null)
        .orderBy('email_messages.created_at')
        .orderBy('email_messages.id')
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('customer_contacts')
        .select('value')
        .where('customer_id', '=', customer.id)
        .where('kind', '=', 'email')
        .orderBy('created_at')
        .orderBy('value')
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('service_clocks')
        .select(['key', 'state', 'due_at'])
        .where('case_id', '=', caseId)
        .where('key', 'in', HEAR_BACK_CLOCKS)
        .execute(),
    ]);
    const resolution = row.resolution === null ? null : readJson<{ text?: unknown } | null>(row.resolution);
    const facts: CaseMailFacts = {
      caseId: row.id,
      ref: row.ref,
      status: row.status,
      subject: row.subject,
      description: row.description,
      language: row.language,
      resolutionText: typeof resolution?.text === 'string' ? resolution.text : null,
      createdAt: readTime(row.created_at),
      customerId: customer.id,
      customerName: customer.preferred_name || customer.name,
      customerLanguage: customer.language,
      customerEmail: newest?.from_address ?? contact?.value ?? null,
      timeZone: row.time_zone ?? 'UTC',
      clocks: clocks.map((c) => ({ key: c.key, state: c.state, dueAt: readTime(c.due_at) })),
      newestInbound: newest ? { messageId: newest.message_id, references: strings(newest.references) } : null,
      intakeAddress: firstChannel?.address ?? null,
    };
    return facts;
  },

  async insertOutbound(e) {
    const at = toDbTime(e.createdAt);
    const inserted = await db
      .insertInto('email_messages')
      .values({
        id: e.id,
        direction: 'outbound',
        status: 'queued',
        reason: null,
        channel_id: null,
        case_id: e.caseId,
        customer_id: e.customerId,
        message_id: e.messageId,
        in_reply_to: e.inReplyTo,
        references: toDbJson(e.references),
        from_address: e.fromAddress,
        from_name: e.fromName,
        to_addresses: toDbJson([e.to]),
        reply_to: e.replyTo,
        subject: e.subject,
        text_body: e.text,
        html_body: e.html,
        template: e.template,
        language: e.language,
        attachment_ids: toDbJson([]),
        raw_key: null,
        raw_size: null,
        imap_uidvalidity: null,
        imap_uid: null,
        attempts: 0,
        last_error: null,
        sent_at: null,
        created_at: at,
        updated_at: at,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst();
    return inserted !== undefined;
  },

  async queueSend(emailId, now) {
    await enqueueJob(
      db,
      { id: `${SEND_JOB}:${emailId}`, name: SEND_JOB, payload: { emailId }, maxAttempts: SEND_MAX_ATTEMPTS },
      now,
    );
  },

  async findEmail(id) {
    const row = await db.selectFrom('email_messages').select(EMAIL_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toEmail(row) : undefined;
  },

  async recordRetry(id, attempts, lastError, at) {
    await db
      .updateTable('email_messages')
      .set({ attempts, last_error: lastError, updated_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .execute();
  },

  async finish(id, result) {
    const updated = await db
      .updateTable('email_messages')
      .set({
        status: result.status,
        reason: result.reason,
        last_error: result.lastError,
        attempts: result.attempts,
        sent_at: result.status === 'sent' ? toDbTime(result.at) : null,
        updated_at: toDbTime(result.at),
      })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  },

  async surveyExpiresAt(surveyId) {
    const row = await db.selectFrom('surveys').select('expires_at').where('id', '=', surveyId).executeTakeFirst();
    return row ? readTime(row.expires_at) : undefined;
  },

  async listCaseEmails(caseId, limit) {
    const rows = await db
      .selectFrom('email_messages')
      .select(EMAIL_COLUMNS)
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEmail);
  },

  async appendEvent(event) {
    await appendEvent(db, event);
  },
});
