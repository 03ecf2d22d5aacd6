import { sql } from 'kysely';
import type { Migration } from './types.ts';

/** Identity, the event log, the job queue (which is also the outbox) and the cron table. */
export const foundation: Migration = {
  id: '0001_foundation',
  async up(db, t) {
    const serialPk = (name: string) => (table: ReturnType<typeof db.schema.createTable>) =>
      table.addColumn(name, t.serial, (c) =>
        t.dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey(),
      );

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('email', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text')
      .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('updated_at', t.timestamp, (c) => c.notNull())
      .addColumn('disabled_at', t.timestamp)
      .execute();

    await db.schema
      .createTable('sessions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('expires_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_seen_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

    await db.schema
      .createTable('api_tokens')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_used_at', t.timestamp)
      .addColumn('revoked_at', t.timestamp)
      .execute();

    await serialPk('id')(db.schema.createTable('login_attempts'))
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('attempted_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('login_attempts_key_idx')
      .on('login_attempts')
      .columns(['key', 'attempted_at'])
      .execute();

    await serialPk('seq')(db.schema.createTable('events'))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('subject_type', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('occurred_at', t.timestamp, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('events_subject_idx')
      .on('events')
      .columns(['subject_type', 'subject_id', 'seq'])
      .execute();
    await db.schema.createIndex('events_type_idx').on('events').columns(['type', 'seq']).execute();

    await db.schema
      .createTable('jobs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('run_at', t.timestamp, (c) => c.notNull())
      .addColumn('attempts', t.bigint, (c) => c.notNull().defaultTo(0))
      .addColumn('max_attempts', t.bigint, (c) => c.notNull().defaultTo(5))
      .addColumn('locked_by', 'text')
      .addColumn('locked_until', t.timestamp)
      .addColumn('last_error', 'text')
      .addColumn('created_at', t.timestamp, (c) => c.notNull())
      .addColumn('finished_at', t.timestamp)
      .execute();
    // The claim query's path: due queued jobs in run order.
    await db.schema.createIndex('jobs_due_idx').on('jobs').columns(['status', 'run_at']).execute();

    await db.schema
      .createTable('cron_schedules')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('expression', 'text', (c) => c.notNull())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .addColumn('job_name', 'text', (c) => c.notNull())
      .addColumn('payload', t.json, (c) => c.notNull())
      .addColumn('enabled', t.bool, (c) =>
        c.notNull().defaultTo(sql`${sql.raw(t.dialect === 'postgres' ? 'true' : '1')}`),
      )
      .addColumn('next_run_at', t.timestamp, (c) => c.notNull())
      .addColumn('last_run_at', t.timestamp)
      .execute();
  },
};
