import { PostgresAdapter, sql } from 'kysely';
import type { EmailTemplateKind, Locale } from '@redress/contract';
import {
  mailTimeZone,
  recipientFor,
  SEND_JOB,
  SEND_JOB_RUNS,
  type CaseMailFacts,
  type CorrespondenceRepository,
  type EmailRecord,
} from '../../modules/correspondence/index.ts';
import { newId } from '../../shared/ids.ts';
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
/** Outbound mail that went, or is going, to the customer. */
const GOING_OUT = ['queued', 'sent'];
const MAIL_CHANNELS = ['smtp', 'imap'];
/** Namespace of the advisory locks that hold an address while its recent e-mails are counted. */
const RECIPIENT_LOCK = 6_011;

/** A send job's id: `correspondence.send:<emailId>:<attempt>:<unique>`, found again by its prefix. */
const sendJobPrefix = (emailId: string): string => `${SEND_JOB}:${emailId}:`;
const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The mailbox replies go to: the enabled SMTP/IMAP channel the case's first e-mail came through,
 * else an enabled one of the case's site, else any enabled one (oldest first); null when none.
 */
const replyMailbox = async (db: Tx, caseId: string, siteId: string | null): Promise<string | null> => {
  const came = await db
    .selectFrom('email_messages')
    .innerJoin('intake_channels', 'intake_channels.id', 'email_messages.channel_id')
    .select(['intake_channels.address'])
    .where('email_messages.case_id', '=', caseId)
    .where('email_messages.direction', '=', 'inbound')
    .where('intake_channels.kind', 'in', MAIL_CHANNELS)
    .where('intake_channels.enabled', '=', true)
    .where('intake_channels.address', 'is not', null)
    .orderBy('email_messages.created_at')
    .orderBy('email_messages.id')
    .limit(1)
    .executeTakeFirst();
  if (came?.address) return came.address;
  const enabled = await db
    .selectFrom('intake_channels')
    .select(['address', 'site_id'])
    .where('kind', 'in', MAIL_CHANNELS)
    .where('enabled', '=', true)
    .where('address', 'is not', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const chosen = enabled.find((c) => siteId !== null && c.site_id === siteId) ?? enabled[0];
  return chosen?.address ?? null;
};

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
        'cases.site_id',
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
    const [newestFrom, parent, channel, contacts, clocks] = await Promise.all([
      db
        .selectFrom('email_messages')
        .select('from_address')
        .where('case_id', '=', caseId)
        .where('direction', '=', 'inbound')
        .where('status', 'in', THREADED_INBOUND)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
      db
        .selectFrom('email_messages')
        .select(['message_id', 'references'])
        .where('case_id', '=', caseId)
        .where((eb) =>
          eb.or([
            eb.and([eb('direction', '=', 'inbound'), eb('status', 'in', THREADED_INBOUND)]),
            eb.and([eb('direction', '=', 'outbound'), eb('status', 'in', GOING_OUT)]),
          ]),
        )
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst(),
      replyMailbox(db, caseId, row.site_id),
      db
        .selectFrom('customer_contacts')
        .select('value')
        .where('customer_id', 'in', [...new Set([row.customer_id, customer.id])])
        .where('kind', '=', 'email')
        .orderBy('created_at')
        .orderBy('value')
        .execute(),
      db
        .selectFrom('service_clocks')
        .leftJoin('calendars', 'calendars.id', 'service_clocks.calendar_id')
        .select(['service_clocks.key', 'service_clocks.state', 'service_clocks.due_at', 'calendars.time_zone'])
        .where('service_clocks.case_id', '=', caseId)
        .orderBy('service_clocks.created_at')
        .orderBy('service_clocks.id')
        .execute(),
    ]);
    const resolution = row.resolution === null ? null : readJson<{ text?: unknown } | null>(row.resolution);
    const dues = clocks.map((c) => ({ key: c.key, state: c.state, dueAt: readTime(c.due_at), timeZone: c.time_zone }));
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
      customerEmail: recipientFor(
        newestFrom?.from_address ?? null,
        contacts.map((c) => c.value),
      ),
      timeZone: mailTimeZone(row.time_zone ?? null, dues),
      clocks: dues,
      threadParent: parent ? { messageId: parent.message_id, references: strings(parent.references) } : null,
      intakeAddress: channel,
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
        recipient: e.to.toLowerCase(),
        reply_to: e.replyTo,
        subject: e.subject,
        text_body: e.text,
        html_body: e.html,
        send_text: e.sendText,
        send_html: e.sendHtml,
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

  async countRecentTo(address, kinds, since) {
    if (db.getExecutor().adapter instanceof PostgresAdapter) {
      await sql`SELECT pg_advisory_xact_lock(${RECIPIENT_LOCK}, hashtext(${address}))`.execute(db);
    }
    const row = await db
      .selectFrom('email_messages')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('recipient', '=', address)
      .where('direction', '=', 'outbound')
      .where('template', 'in', [...kinds])
      .where('status', '<>', 'suppressed')
      .where('created_at', '>', toDbTime(since))
      .executeTakeFirstOrThrow();
    return readInt(row.n);
  },

  async queueSend(emailId, attempt, runAt, now) {
    await enqueueJob(
      db,
      {
        id: `${sendJobPrefix(emailId)}${attempt}:${newId('job', now)}`,
        name: SEND_JOB,
        payload: { emailId, attempt },
        runAt,
        maxAttempts: SEND_JOB_RUNS,
      },
      now,
    );
  },

  async hasLiveSend(emailId) {
    const row = await db
      .selectFrom('jobs')
      .select('id')
      .where(sql<boolean>`id LIKE ${`${escapeLike(sendJobPrefix(emailId))}%`} ESCAPE '\\'`)
      .where('status', 'in', ['queued', 'running'])
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },

  async findEmail(id) {
    const row = await db.selectFrom('email_messages').select(EMAIL_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toEmail(row) : undefined;
  },

  async findOutgoing(id) {
    const row = await db
      .selectFrom('email_messages')
      .select(['send_text', 'send_html'])
      .where('id', '=', id)
      .where('direction', '=', 'outbound')
      .executeTakeFirst();
    return row && row.send_text !== null ? { text: row.send_text, html: row.send_html ?? '' } : undefined;
  },

  async recordRetry(id, attempt, lastError, at) {
    const updated = await db
      .updateTable('email_messages')
      .set({ attempts: attempt + 1, last_error: lastError, updated_at: toDbTime(at) })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .where('attempts', '=', attempt)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  },

  async finish(id, result) {
    const sent = result.status === 'sent';
    const updated = await db
      .updateTable('email_messages')
      .set({
        status: result.status,
        reason: result.reason,
        last_error: result.lastError,
        attempts: result.attempts,
        sent_at: sent ? toDbTime(result.at) : null,
        updated_at: toDbTime(result.at),
        // Once the customer has it, the copy with the private links is not kept.
        ...(sent ? { send_text: null, send_html: null } : {}),
      })
      .where('id', '=', id)
      .where('status', '=', 'queued')
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) > 0;
  },

  async requeue(id, status, at) {
    const updated = await db
      .updateTable('email_messages')
      .set({ status: 'queued', reason: null, last_error: null, attempts: 0, updated_at: toDbTime(at) })
      .where('id', '=', id)
      .where('direction', '=', 'outbound')
      .where('status', '=', status)
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
