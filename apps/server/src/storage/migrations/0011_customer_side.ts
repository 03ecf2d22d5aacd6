import { randomBytes } from 'node:crypto';
import type { Migration } from './types.ts';

/**
 * The customer's side (issue 6): the key that signs portal and survey links, the channels mail and
 * the portal arrive through, every e-mail in and out of a case (the outbound rows are the outbox),
 * templates, organisation settings, follow-ups and surveys.
 */
export const customerSide: Migration = {
  id: '0011_customer_side',
  async up(db, t) {
    // Keys the server signs with, created once here so every instance shares them.
    await db.schema
      .createTable('server_keys')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db
      .insertInto('server_keys')
      .values({ name: 'links', value: randomBytes(32).toString('base64url'), created_at: new Date().toISOString() })
      .execute();

    // Small organisation-wide settings (JSON per key), e.g. `followups` → { delayMinutes }.
    await db.schema
      .createTable('org_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', t.json, (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();

    // Where complaints arrive: a Redress SMTP address, an IMAP mailbox polled, or a portal entry.
    await db.schema
      .createTable('intake_channels')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // smtp | imap | portal
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // The address mail is sent to (smtp, imap); null for a portal.
      .addColumn('address', 'text')
      // Cases opened here go to this site and owner.
      .addColumn('site_id', 'text', (c) => c.references('sites.id'))
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('language', 'text')
      // IMAP only. The password is needed in clear to log in; it is never shown again.
      .addColumn('imap_host', 'text')
      .addColumn('imap_port', 'integer')
      .addColumn('imap_secure', t.bool)
      .addColumn('imap_user', 'text')
      .addColumn('imap_password', 'text')
      .addColumn('imap_mailbox', 'text')
      .addColumn('imap_uidvalidity', 'text')
      .addColumn('imap_last_uid', t.bigint)
      .addColumn('last_polled_at', t.timestamp)
      .addColumn('last_error', 'text')
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('intake_channels_address_idx').on('intake_channels').column('address').execute();

    // Every e-mail of a case, both ways. Outbound rows are the outbox (status queued → sent | failed).
    await db.schema
      .createTable('email_messages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // inbound | outbound
      .addColumn('direction', 'text', (c) => c.notNull())
      // inbound: received | threaded | ignored | unparsed; outbound: queued | sent | failed | suppressed
      .addColumn('status', 'text', (c) => c.notNull())
      // Why it was ignored, unparsed or failed, in words.
      .addColumn('reason', 'text')
      .addColumn('channel_id', 'text')
      .addColumn('case_id', 'text')
      .addColumn('customer_id', 'text')
      // The Message-ID with its angle brackets; for mail without one, a digest of the raw bytes.
      .addColumn('message_id', 'text', (c) => c.notNull())
      .addColumn('in_reply_to', 'text')
      // JSON array of Message-IDs.
      .addColumn('references', t.json, (c) => c.notNull())
      .addColumn('from_address', 'text')
      .addColumn('from_name', 'text')
      // JSON array of addresses.
      .addColumn('to_addresses', t.json, (c) => c.notNull())
      // outbound: the one address it goes to, lower-case (the per-address limit counts by it).
      .addColumn('recipient', 'text')
      // inbound by SMTP: the envelope sender ('' for the null sender of bounces); null otherwise.
      .addColumn('envelope_from', 'text')
      .addColumn('reply_to', 'text')
      .addColumn('subject', 'text')
      .addColumn('text_body', 'text')
      // Sanitised before it is stored: no script, no remote content, only a safe subset of tags.
      .addColumn('html_body', 'text')
      // outbound: the text and HTML as they go to the customer, with the private (portal, survey)
      // links that text_body/html_body show as a marker. Never returned by the API; cleared once sent.
      .addColumn('send_text', 'text')
      .addColumn('send_html', 'text')
      // outbound: the template it came from (acknowledgement, progress_update, resolution, follow_up, magic_link, reply).
      .addColumn('template', 'text')
      .addColumn('language', 'text')
      // JSON array of attachment ids (`att_…`) stored on the case.
      .addColumn('attachment_ids', t.json, (c) => c.notNull())
      // The raw message in the file store, kept as received (always, so nothing is lost).
      .addColumn('raw_key', 'text')
      .addColumn('raw_size', 'integer')
      .addColumn('imap_uidvalidity', 'text')
      .addColumn('imap_uid', t.bigint)
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('sent_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    // The same message delivered twice is stored once; threading looks replies up by it.
    await db.schema
      .createIndex('email_messages_message_id_uq')
      .on('email_messages')
      .columns(['direction', 'message_id'])
      .unique()
      .execute();
    // A mailbox message is taken once (nulls, for mail that did not come by IMAP, never clash).
    await db.schema
      .createIndex('email_messages_imap_uq')
      .on('email_messages')
      .columns(['channel_id', 'imap_uidvalidity', 'imap_uid'])
      .unique()
      .execute();
    await db.schema.createIndex('email_messages_msgid_idx').on('email_messages').column('message_id').execute();
    await db.schema
      .createIndex('email_messages_case_idx')
      .on('email_messages')
      .columns(['case_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('email_messages_recipient_idx')
      .on('email_messages')
      .columns(['recipient', 'created_at'])
      .execute();
    await db.schema
      .createIndex('email_messages_status_idx')
      .on('email_messages')
      .columns(['direction', 'status', 'created_at'])
      .execute();

    // Customer e-mail templates an administrator changed; the shipped ones live in code.
    await db.schema
      .createTable('email_templates')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addPrimaryKeyConstraint('email_templates_pk', ['kind', 'language'])
      .execute();

    // Follow-ups after resolution (article 001).
    await db.schema
      .createTable('followups')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      // waiting_remedy | scheduled | sent | cancelled
      .addColumn('status', 'text', (c) => c.notNull())
      // email | email_and_call | call (as planned; settled when it is sent)
      .addColumn('plan', 'text', (c) => c.notNull())
      .addColumn('due_at', t.timestamp)
      // The remedy it waits for (waiting_remedy).
      .addColumn('compensation_id', 'text')
      .addColumn('survey_id', 'text')
      .addColumn('reason', 'text')
      // The resolution event that scheduled it: a job run twice schedules once. Its sequence number
      // orders it against later events, so only an event newer than the resolution cancels it.
      .addColumn('source_event_id', 'text')
      .addColumn('source_seq', t.bigint, (c) => c.notNull())
      // While it waits for a remedy: when it goes out anyway (the longest wait).
      .addColumn('wait_until', t.timestamp)
      .addColumn('sent_at', t.timestamp)
      .addColumn('cancelled_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('followups_due_idx').on('followups').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('followups_case_idx').on('followups').column('case_id').execute();
    await db.schema.createIndex('followups_wait_idx').on('followups').columns(['status', 'wait_until']).execute();
    await db.schema
      .createIndex('followups_source_event_uq')
      .on('followups')
      .column('source_event_id')
      .unique()
      .execute();

    // Satisfaction surveys (articles 001, 003).
    await db.schema
      .createTable('surveys')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id'))
      .addColumn('customer_id', 'text', (c) => c.notNull())
      .addColumn('followup_id', 'text')
      .addColumn('language', 'text', (c) => c.notNull())
      // open | answered | expired
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('score', 'integer')
      .addColumn('solved', t.bool)
      .addColumn('effort', 'integer')
      .addColumn('comment', 'text')
      .addColumn('leaving', t.bool)
      // product_quality | service | resolution
      .addColumn('leaving_reason', 'text')
      // portal | email | phone | agent
      .addColumn('answered_via', 'text')
      .addColumn('answered_by', 'text')
      .addColumn('answered_at', t.timestamp)
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('surveys_case_idx').on('surveys').column('case_id').execute();

    // Every complaint form the portal took: the receipt it answered (so a repeat of the same
    // submission answers it again), the address the case was filed from (the only one a fresh link
    // is sent for), and forms a robot filled, kept for review.
    await db.schema
      .createTable('portal_submissions')
      .addColumn('id', t.serial, (c) => (t.dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()))
      .addColumn('channel_id', 'text', (c) => c.notNull())
      // The UUID the form generated; a second post with it files nothing.
      .addColumn('submission_id', 'text')
      // filed | dropped_honeypot
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text', (c) => c.references('cases.id'))
      // The reference answered: the case's, or the reserved C-<year>-000000 for a dropped form.
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('hear_back_by', t.timestamp)
      // Normalised.
      .addColumn('email', 'text', (c) => c.notNull())
      // The phone typed, when it was not made a contact of the customer (someone else holds it, or
      // the customer was matched by e-mail: the public form never adds contacts to a customer).
      .addColumn('phone', 'text')
      // JSON array of the attachment ids sent with the form.
      .addColumn('attachment_ids', t.json, (c) => c.notNull())
      // A dropped form as it was received, for review; null for a filed one (the case holds it).
      .addColumn('form', t.json)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('portal_submissions_submission_uq')
      .on('portal_submissions')
      .columns(['channel_id', 'submission_id'])
      .unique()
      .execute();
    await db.schema.createIndex('portal_submissions_case_idx').on('portal_submissions').column('case_id').execute();
    await db.schema
      .createIndex('portal_submissions_status_idx')
      .on('portal_submissions')
      .columns(['status', 'created_at'])
      .execute();
  },
};
