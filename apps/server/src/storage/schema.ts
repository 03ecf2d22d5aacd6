import type { AttachmentTables } from './schema/attachments.ts';
import type { CaseTables } from './schema/cases.ts';
import type { CustomerTables } from './schema/customers.ts';
import type { OrgTables } from './schema/org.ts';
import type { PromiseTables } from './schema/promises.ts';
import type { SearchTables } from './schema/search.ts';
import type { LanguageTables } from './schema/language.ts';
import type { RecurrenceTables } from './schema/recurrence.ts';
import type { WebhookTables } from './schema/webhooks.ts';
import type { CustomerSideTables } from './schema/customer-side.ts';
import type { KnowledgeTables } from './schema/knowledge.ts';

export type { BigCount, Bool, Json, NullableTimestamp, Serial, Timestamp } from './schema/column-types.ts';
import type { BigCount, Bool, Json, NullableTimestamp, Serial, Timestamp } from './schema/column-types.ts';

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  role: string;
  password_hash: string | null;
  locale: string;
  /** Home site; null for brand-wide users. */
  site_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  disabled_at: NullableTimestamp;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  created_at: Timestamp;
  expires_at: Timestamp;
  last_seen_at: Timestamp;
}

export interface ApiTokensTable {
  id: string;
  token_hash: string;
  user_id: string;
  name: string;
  created_at: Timestamp;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export interface LoginAttemptsTable {
  id: Serial;
  key: string;
  attempted_at: Timestamp;
}

export interface EventsTable {
  seq: Serial;
  id: string;
  type: string;
  subject_type: string;
  subject_id: string;
  actor_id: string | null;
  request_id: string | null;
  payload: Json;
  occurred_at: Timestamp;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: Json;
  status: string;
  run_at: Timestamp;
  attempts: BigCount;
  max_attempts: BigCount;
  locked_by: string | null;
  locked_until: NullableTimestamp;
  last_error: string | null;
  created_at: Timestamp;
  finished_at: NullableTimestamp;
}

export interface CronSchedulesTable {
  name: string;
  expression: string;
  time_zone: string;
  job_name: string;
  payload: Json;
  enabled: Bool;
  next_run_at: Timestamp;
  last_run_at: NullableTimestamp;
}

/**
 * Every table Redress stores; the one place column types are written down for the query builder.
 * Each area keeps its tables in `schema/<area>.ts`.
 */
export interface Schema
  extends
    OrgTables,
    CustomerTables,
    CaseTables,
    AttachmentTables,
    PromiseTables,
    SearchTables,
    LanguageTables,
    RecurrenceTables,
    WebhookTables,
    CustomerSideTables,
    KnowledgeTables {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  login_attempts: LoginAttemptsTable;
  events: EventsTable;
  jobs: JobsTable;
  cron_schedules: CronSchedulesTable;
}
