import { PostgresAdapter, sql, type Selectable } from 'kysely';
import type {
  PortalMessageRecord,
  PortalRepository,
  PortalSubmission,
  PortalSubmissionStatus,
} from '../../modules/portal/index.ts';
import { readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import type { Schema } from '../schema.ts';

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];

const toSubmission = (row: Selectable<Schema['portal_submissions']>): PortalSubmission => ({
  channelId: row.channel_id,
  submissionId: row.submission_id,
  status: row.status as PortalSubmissionStatus,
  caseId: row.case_id,
  ref: row.ref,
  hearBackBy: readOptionalTime(row.hear_back_by),
  email: row.email,
  phone: row.phone,
  attachmentIds: strings(readJson<unknown>(row.attachment_ids)),
  form: row.form === null ? null : readJson<unknown>(row.form),
  createdAt: readTime(row.created_at),
});

/** The portal's reads and writes over Kysely; `tx` is either the read side or an open transaction. */
export const portalRepository = (tx: Tx): PortalRepository => {
  const isPostgres = tx.getExecutor().adapter instanceof PostgresAdapter;
  /** A text field of an event's JSON payload, on either backend. */
  const payloadText = (key: 'direction' | 'channel') =>
    isPostgres
      ? sql<string | null>`events.payload->>${key}`
      : sql<string | null>`json_extract(events.payload, ${`$.${key}`})`;

  return {
    async findPortalChannel(id) {
      let query = tx
        .selectFrom('intake_channels')
        .select(['id', 'site_id', 'owner_id', 'language'])
        .where('kind', '=', 'portal')
        .where('enabled', '=', true);
      query = id ? query.where('id', '=', id) : query.orderBy('created_at').orderBy('id');
      const row = await query.limit(1).executeTakeFirst();
      return row ? { id: row.id, siteId: row.site_id, ownerId: row.owner_id, language: row.language } : undefined;
    },

    async organisationName() {
      const row = await tx
        .selectFrom('org_settings')
        .select('value')
        .where('key', '=', 'organisation')
        .executeTakeFirst();
      if (!row) return null;
      const value = readJson<{ name?: unknown } | null>(row.value);
      return typeof value?.name === 'string' && value.name.trim() ? value.name.trim() : null;
    },

    async caseForRefAndIntakeEmail(ref, email) {
      const found = await tx.selectFrom('cases').select('id').where('ref', '=', ref).executeTakeFirst();
      if (!found) return undefined;
      const form = await tx
        .selectFrom('portal_submissions')
        .select('email')
        .where('case_id', '=', found.id)
        .where('status', '=', 'filed')
        .orderBy('id')
        .limit(1)
        .executeTakeFirst();
      let intake = form?.email;
      if (intake === undefined) {
        const opening = await tx
          .selectFrom('email_messages')
          .select('from_address')
          .where('case_id', '=', found.id)
          .where('direction', '=', 'inbound')
          .where('status', '=', 'threaded')
          .orderBy('created_at')
          .orderBy('id')
          .limit(1)
          .executeTakeFirst();
        intake = opening?.from_address ?? undefined;
      }
      return intake !== undefined && intake.toLowerCase() === email ? found.id : undefined;
    },

    async linkRequestedSince(caseId, since) {
      const row = await tx
        .selectFrom('events')
        .select('seq')
        .where('subject_type', '=', 'case')
        .where('subject_id', '=', caseId)
        .where('type', '=', 'portal.link_requested')
        .where('occurred_at', '>=', toDbTime(since))
        .limit(1)
        .executeTakeFirst();
      return row !== undefined;
    },

    async customerMessages(caseIds, limit) {
      if (caseIds.length === 0) return [];
      const direction = payloadText('direction');
      const channel = payloadText('channel');
      const rows = await tx
        .selectFrom('events')
        .leftJoin('users', 'users.id', 'events.actor_id')
        .select(['events.id', 'events.payload', 'events.occurred_at', 'users.name as actor_name'])
        .where('events.subject_type', '=', 'case')
        .where('events.subject_id', 'in', [...caseIds])
        .where('events.type', '=', 'case.message_recorded')
        .where((eb) =>
          eb.or([
            eb(direction, '=', 'outbound'),
            eb.and([eb(direction, '=', 'inbound'), eb(channel, 'in', ['web', 'email'])]),
          ]),
        )
        .orderBy('events.seq', 'desc')
        .limit(limit)
        .execute();
      return rows.flatMap((row): PortalMessageRecord[] => {
        const payload = readJson<Record<string, unknown>>(row.payload);
        if (typeof payload.body !== 'string') return [];
        return [
          {
            id: row.id,
            direction: payload.direction === 'outbound' ? 'outbound' : 'inbound',
            body: payload.body,
            actorName: row.actor_name ?? null,
            attachmentIds: strings(payload.attachmentIds),
            emailId: typeof payload.emailId === 'string' ? payload.emailId : null,
            occurredAt: readTime(row.occurred_at),
          },
        ];
      });
    },

    async files(caseIds, ids) {
      if (caseIds.length === 0 || ids.length === 0) return [];
      const rows = await tx
        .selectFrom('attachments')
        .select(['id', 'filename', 'size'])
        .where('case_id', 'in', [...caseIds])
        .where('id', 'in', [...ids])
        .execute();
      return rows.map((row) => ({ id: row.id, filename: row.filename, size: readInt(row.size) }));
    },

    async filedSubmissions(caseIds) {
      if (caseIds.length === 0) return [];
      const rows = await tx
        .selectFrom('portal_submissions')
        .selectAll()
        .where('case_id', 'in', [...caseIds])
        .where('status', '=', 'filed')
        .orderBy('id')
        .execute();
      return rows.map(toSubmission);
    },

    async findSubmission(channelId, submissionId) {
      const row = await tx
        .selectFrom('portal_submissions')
        .selectAll()
        .where('channel_id', '=', channelId)
        .where('submission_id', '=', submissionId)
        .executeTakeFirst();
      return row ? toSubmission(row) : undefined;
    },

    async insertSubmission(s) {
      const inserted = await tx
        .insertInto('portal_submissions')
        .values({
          channel_id: s.channelId,
          submission_id: s.submissionId,
          status: s.status,
          case_id: s.caseId,
          ref: s.ref,
          hear_back_by: s.hearBackBy ? toDbTime(s.hearBackBy) : null,
          email: s.email,
          phone: s.phone,
          attachment_ids: toDbJson(s.attachmentIds),
          form: s.form === null || s.form === undefined ? null : toDbJson(s.form),
          created_at: toDbTime(s.createdAt),
        })
        .onConflict((oc) => oc.columns(['channel_id', 'submission_id']).doNothing())
        .returning('id')
        .execute();
      return inserted.length > 0;
    },

    async openCommitmentDues(caseIds) {
      if (caseIds.length === 0) return [];
      const rows = await tx
        .selectFrom('commitments')
        .select('due_at')
        .where('case_id', 'in', caseIds)
        .where('status', '=', 'open')
        .execute();
      return rows.map((row) => readTime(row.due_at));
    },

    async emailAttachmentIds(emailIds) {
      const out = new Map<string, string[]>();
      if (emailIds.length === 0) return out;
      const rows = await tx
        .selectFrom('email_messages')
        .select(['id', 'attachment_ids'])
        .where('id', 'in', emailIds)
        .execute();
      for (const row of rows) out.set(row.id, strings(readJson<unknown>(row.attachment_ids)));
      return out;
    },

    async latestSurveyStatus(caseId) {
      const row = await tx
        .selectFrom('surveys')
        .select('status')
        .where('case_id', '=', caseId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row?.status ?? null;
    },

    async appendEvent(event) {
      const stored = await appendEvent(tx, event);
      return { id: stored.id };
    },
  };
};
