import type { Migration } from './types.ts';

/**
 * Promises and early warning: business calendars, service policies, the service clocks they
 * drive (each a due-time column the sweeper reads), commitments to customers, the escalation
 * ladder and its triggers, compensation proposals, and notifications.
 */
export const promises: Migration = {
  id: '0006_promises',
  async up(db, t) {
    await db.schema
      .createTable('calendars')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      // Seven lists (Monday first) of [start, end) minutes after local midnight.
      .addColumn('week', t.json, (c) => c.notNull())
      // The country a preset was generated for (TW, CN, HK, TH, GB, US …); null when built by hand.
      .addColumn('preset', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('calendar_days')
      .addColumn('calendar_id', 'text', (c) => c.notNull().references('calendars.id').onDelete('cascade'))
      // Local date, YYYY-MM-DD, in the calendar's time zone.
      .addColumn('day', 'text', (c) => c.notNull())
      // 'holiday' (closed) or 'working' (a make-up working day, or changed hours).
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      // [start, end) minute pairs for a working day; null means the calendar's usual weekday hours.
      .addColumn('hours', t.json)
      // 'preset', 'ical' or 'manual'.
      .addColumn('source', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('calendar_days_pk', ['calendar_id', 'day'])
      .execute();

    await db.schema
      .createTable('service_policies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      // First match in ascending rank wins.
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('conditions', t.json, (c) => c.notNull())
      .addColumn('calendar_id', 'text', (c) => c.references('calendars.id'))
      .addColumn('targets', t.json, (c) => c.notNull())
      .addColumn('regulatory', t.json)
      .addColumn('pause_statuses', t.json, (c) => c.notNull())
      .addColumn('warn_percents', t.json, (c) => c.notNull())
      .addColumn('preset', 'text')
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('service_policies_rank_idx').on('service_policies').column('rank').execute();

    await db.schema.alterTable('customers').addColumn('tier', 'text').execute();
    await db.schema.alterTable('cases').addColumn('policy_id', 'text').execute();
    await db.schema
      .alterTable('cases')
      .addColumn('escalation_level', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    await db.schema
      .createTable('service_clocks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      // What the clock times, unique per case: 'acknowledge', 'first_response', 'keep_in_loop',
      // 'resolve', 'regulatory', 'task:<id>', 'commitment:<id>', 'escalation:<id>'.
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text')
      // Restarted clocks (keep-in-loop after each update, resolve after a reopen) count cycles;
      // warnings and breaches are recorded once per cycle.
      .addColumn('cycle', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('policy_id', 'text')
      // Null: calendar time (the regulatory clock, fixed due times).
      .addColumn('calendar_id', 'text')
      .addColumn('started_at', t.timestamp, (c) => c.notNull())
      // The target counted ('working_minutes' | 'working_days' | 'calendar_days', and its amount),
      // converted again at each cycle start; null when the due time was given.
      .addColumn('target_unit', 'text')
      .addColumn('target_amount', 'integer')
      // Working minutes this cycle allows; null when the due time was given (tasks, commitments).
      .addColumn('target_minutes', 'integer')
      .addColumn('paused_at', t.timestamp)
      // Working minutes spent paused so far: they extend the due time.
      .addColumn('paused_minutes', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('warn_percents', t.json, (c) => c.notNull())
      .addColumn('warnings_sent', 'integer', (c) => c.notNull().defaultTo(0))
      // The next instant the sweeper must look at this clock (a warning or the breach); null when
      // nothing is left to announce. The sweeper's one index.
      .addColumn('next_alert_at', t.timestamp)
      // 'running', 'paused', 'met' or 'cancelled'.
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('breached_at', t.timestamp)
      .addColumn('settled_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('service_clocks_case_key_idx')
      .on('service_clocks')
      .columns(['case_id', 'key'])
      .unique()
      .execute();
    await db.schema
      .createIndex('service_clocks_next_alert_idx')
      .on('service_clocks')
      // With the id, the sweep's "earliest first, then by id" reads the index in order and stops
      // at the batch size, instead of sorting every due row for each batch.
      .columns(['next_alert_at', 'id'])
      .where('next_alert_at', 'is not', null)
      .execute();
    await db.schema.createIndex('service_clocks_due_idx').on('service_clocks').columns(['state', 'due_at']).execute();

    await db.schema
      .createTable('commitments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      // Who was promised: the customer's name or a key person's.
      .addColumn('promised_to', 'text', (c) => c.notNull())
      .addColumn('key_person_id', 'text')
      .addColumn('due_at', t.timestamp, (c) => c.notNull())
      .addColumn('made_by', 'text')
      .addColumn('made_at', t.timestamp, (c) => c.notNull())
      // The message (event) that made the promise.
      .addColumn('message_event_id', 'text')
      // Internal task ids the promise depends on.
      .addColumn('depends_on', t.json, (c) => c.notNull())
      // { kind, amount, currency } when the promise is a remedy.
      .addColumn('remedy', t.json)
      // Over-promise flags raised when it was made, and acknowledged by the promiser.
      .addColumn('flags', t.json, (c) => c.notNull())
      // 'open', 'kept', 'broken' or 'renegotiated'.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('outcome_at', t.timestamp)
      .addColumn('kept_on_time', t.bool)
      .addColumn('renegotiated_from_id', 'text')
      .addColumn('renegotiated_to_id', 'text')
      .addColumn('at_risk_at', t.timestamp)
      // Where the promiser worked when it was made: the kept-on-time rate per site and team.
      .addColumn('site_id', 'text')
      .addColumn('team_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('commitments_case_idx').on('commitments').column('case_id').execute();
    await db.schema.createIndex('commitments_due_idx').on('commitments').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('commitments_made_by_idx').on('commitments').columns(['made_by', 'made_at']).execute();

    await db.schema
      .createTable('escalation_levels')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // 0 is the front line; a case climbs to higher ranks.
      .addColumn('rank', 'integer', (c) => c.notNull().unique())
      .addColumn('names', t.json, (c) => c.notNull())
      .addColumn('roles', t.json, (c) => c.notNull())
      .addColumn('team_id', 'text')
      // Largest compensation this level may approve, in minor units of `currency`; null: no limit.
      .addColumn('max_compensation', t.bigint)
      .addColumn('currency', 'text')
      .addColumn('remedies', t.json, (c) => c.notNull())
      .addColumn('response_minutes', 'integer', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('escalation_triggers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('settings', t.json, (c) => c.notNull())
      // The rank the case climbs to at least; null: one level above the current one.
      .addColumn('to_rank', 'integer')
      .addColumn('enabled', t.bool, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('case_escalations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      // 'up' or 'down'.
      .addColumn('direction', 'text', (c) => c.notNull())
      .addColumn('from_rank', 'integer', (c) => c.notNull())
      .addColumn('to_rank', 'integer', (c) => c.notNull())
      // 'manual' or a trigger kind.
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('summary', t.json, (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('acknowledged_at', t.timestamp)
      .addColumn('acknowledged_by', 'text')
      // The event that made a trigger fire: one escalation per event, however often the job runs.
      .addColumn('source_event_id', 'text')
      // A waiting escalation that stopped waiting untaken (the case came down below it, or closed).
      .addColumn('superseded_at', t.timestamp)
      .execute();
    await db.schema.createIndex('case_escalations_case_idx').on('case_escalations').column('case_id').execute();
    await db.schema
      .createIndex('case_escalations_source_event_idx')
      .on('case_escalations')
      .column('source_event_id')
      .unique()
      .execute();
    await db.schema
      .createIndex('case_escalations_waiting_idx')
      .on('case_escalations')
      .columns(['to_rank', 'acknowledged_at'])
      .execute();

    await db.schema
      .createTable('compensations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('case_id', 'text', (c) => c.notNull())
      // refund, replacement, repair, voucher, money, goodwill.
      .addColumn('kind', 'text', (c) => c.notNull())
      // Minor units of `currency`; null for a remedy without an amount (a repair).
      .addColumn('amount', t.bigint)
      .addColumn('currency', 'text')
      .addColumn('description', 'text', (c) => c.notNull())
      // proposed → approved | rejected → accepted | declined → delivered.
      .addColumn('status', 'text', (c) => c.notNull())
      // The lowest ladder rank whose authority covers it.
      .addColumn('required_rank', 'integer', (c) => c.notNull())
      .addColumn('proposed_by', 'text')
      .addColumn('proposed_at', t.timestamp, (c) => c.notNull())
      .addColumn('decided_by', 'text')
      .addColumn('decided_at', t.timestamp)
      .addColumn('decision_note', 'text')
      .addColumn('customer_accepted', t.bool)
      .addColumn('customer_response_at', t.timestamp)
      // The day it was paid or delivered: what the follow-up waits for.
      .addColumn('delivered_at', t.timestamp)
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('compensations_case_idx').on('compensations').column('case_id').execute();
    await db.schema
      .createIndex('compensations_waiting_idx')
      .on('compensations')
      .columns(['status', 'required_rank'])
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('case_id', 'text')
      // The event that caused it: one notification per (user, event).
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('read_at', t.timestamp)
      // 'pending', 'sent', 'digest', 'skipped' or 'failed'.
      .addColumn('email_state', 'text', (c) => c.notNull())
      .addColumn('emailed_at', t.timestamp)
      .execute();
    await db.schema
      .createIndex('notifications_user_event_idx')
      .on('notifications')
      .columns(['user_id', 'event_id'])
      .unique()
      .execute();
    await db.schema
      .createIndex('notifications_user_idx')
      .on('notifications')
      .columns(['user_id', 'created_at'])
      .execute();
    await db.schema
      .createTable('notification_settings')
      .addColumn('user_id', 'text', (c) => c.primaryKey())
      // 'immediate', 'digest' or 'off'.
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .execute();
  },
};
