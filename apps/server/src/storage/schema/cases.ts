import type { ColumnType } from 'kysely';
import type { BigCount, Bool, Json, NullableTimestamp, Timestamp } from './column-types.ts';

/** Cases, their configuration (categories, root causes), tags, key people, links and internal tasks. */
export interface CaseTables {
  /** One row per year: the last sequence handed out for `C-<year>-<n>`. */
  case_ref_counters: {
    year: number;
    last: BigCount;
  };
  categories: {
    id: string;
    parent_id: string | null;
    /** `{ en, zh-TW?, zh-CN?, th? }` */
    names: Json;
    /** `product_quality` | `service_process` */
    kind: string;
    created_at: Timestamp;
    archived_at: NullableTimestamp;
  };
  root_causes: {
    id: string;
    code: string;
    names: Json;
    created_at: Timestamp;
    archived_at: NullableTimestamp;
  };
  cases: {
    id: string;
    ref: string;
    status: string;
    customer_id: string;
    channel: string;
    subject: string | null;
    description: string;
    language: string | null;
    category_id: string | null;
    severity: string;
    safety: Bool;
    priority: string;
    expected_remedy: string | null;
    product_ref: string | null;
    order_ref: string | null;
    site_id: string | null;
    owner_id: string;
    /** `{ text, kind, rootCauseId, recordedAt, recordedBy }` or null. */
    resolution: Json | null;
    /** `{ accepted, note, recordedAt, recordedBy }` or null. */
    customer_decision: Json | null;
    merged_into_id: string | null;
    /** The service policy that set its clocks (`pol_…`); null before one matched. */
    policy_id: string | null;
    /** The escalation ladder rank the case sits at; 0 is the front line. */
    escalation_level: ColumnType<number, number | undefined, number>;
    created_by: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
    closed_at: NullableTimestamp;
  };
  case_tags: {
    case_id: string;
    tag: string;
  };
  case_key_people: {
    id: string;
    case_id: string;
    /** `first_handler` | `authority` | `influencer` */
    role: string;
    user_id: string | null;
    name: string | null;
    /** For influencers: `relative` | `friend` | `adviser` | `authorised_representative`. */
    relationship: string | null;
    contact: string | null;
    consent: Bool | null;
    note: string | null;
    created_by: string | null;
    created_at: Timestamp;
  };
  case_links: {
    id: string;
    from_case_id: string;
    to_case_id: string;
    /** `related` | `duplicate` | `same_cause` */
    kind: string;
    merged: Bool;
    created_by: string | null;
    created_at: Timestamp;
  };
  internal_tasks: {
    id: string;
    case_id: string;
    assignee_team_id: string | null;
    assignee_user_id: string | null;
    question: string;
    due_at: Timestamp;
    /** `open` | `answered` */
    status: string;
    answer: string | null;
    answered_by: string | null;
    answered_at: NullableTimestamp;
    created_by: string | null;
    created_at: Timestamp;
  };
}
