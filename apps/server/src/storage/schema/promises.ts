import type { ColumnType } from 'kysely';
import type { BigCount, Bool, Json, NullableTimestamp, Timestamp } from './column-types.ts';

/** An integer column with a database default: optional on insert. */
type DefaultInt = ColumnType<number, number | undefined, number>;

/**
 * Promises and early warning (migration 0006): calendars, policies, service clocks, commitments,
 * the escalation ladder, compensation and notifications.
 */
export interface PromiseTables {
  calendars: {
    /** `cal_…` */
    id: string;
    name: string;
    /** IANA zone, e.g. `Asia/Taipei`. */
    time_zone: string;
    /** `[[start, end], …] × 7`, Monday first, minutes after local midnight. */
    week: Json;
    preset: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  calendar_days: {
    calendar_id: string;
    /** Local `YYYY-MM-DD`. */
    day: string;
    /** `holiday` | `working`. */
    kind: string;
    name: string;
    /** `[[start, end], …]` or null for the usual weekday hours. */
    hours: Json | null;
    /** `preset` | `ical` | `manual`. */
    source: string;
  };
  service_policies: {
    /** `pol_…` */
    id: string;
    name: string;
    rank: number;
    conditions: Json;
    calendar_id: string | null;
    targets: Json;
    regulatory: Json | null;
    pause_statuses: Json;
    warn_percents: Json;
    preset: string | null;
    enabled: Bool;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  service_clocks: {
    /** `clk_…` */
    id: string;
    case_id: string;
    key: string;
    kind: string;
    subject_id: string | null;
    cycle: DefaultInt;
    policy_id: string | null;
    calendar_id: string | null;
    started_at: Timestamp;
    target_unit: string | null;
    target_amount: number | null;
    target_minutes: number | null;
    paused_at: NullableTimestamp;
    paused_minutes: DefaultInt;
    due_at: Timestamp;
    warn_percents: Json;
    warnings_sent: DefaultInt;
    next_alert_at: NullableTimestamp;
    /** `running` | `paused` | `met` | `cancelled`. */
    state: string;
    breached_at: NullableTimestamp;
    settled_at: NullableTimestamp;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  commitments: {
    /** `cmt_…` */
    id: string;
    case_id: string;
    text: string;
    promised_to: string;
    key_person_id: string | null;
    due_at: Timestamp;
    made_by: string | null;
    made_at: Timestamp;
    message_event_id: string | null;
    depends_on: Json;
    remedy: Json | null;
    flags: Json;
    /** `open` | `kept` | `broken` | `renegotiated`. */
    status: string;
    outcome_at: NullableTimestamp;
    kept_on_time: Bool | null;
    renegotiated_from_id: string | null;
    renegotiated_to_id: string | null;
    at_risk_at: NullableTimestamp;
    site_id: string | null;
    team_id: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  escalation_levels: {
    /** `lvl_…` */
    id: string;
    rank: number;
    /** `{ en, 'zh-TW', 'zh-CN', th }`. */
    names: Json;
    roles: Json;
    team_id: string | null;
    max_compensation: BigCount | null;
    currency: string | null;
    remedies: Json;
    response_minutes: number;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  escalation_triggers: {
    /** `trg_…` */
    id: string;
    kind: string;
    settings: Json;
    to_rank: number | null;
    enabled: Bool;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  case_escalations: {
    /** `esc_…` */
    id: string;
    case_id: string;
    direction: string;
    from_rank: number;
    to_rank: number;
    trigger: string;
    reason: string | null;
    summary: Json;
    actor_id: string | null;
    created_at: Timestamp;
    acknowledged_at: NullableTimestamp;
    acknowledged_by: string | null;
    /** The event that fired the trigger; null for a person's escalation. */
    source_event_id: string | null;
    /** Set when a waiting escalation stopped waiting untaken (de-escalated below it, case closed). */
    superseded_at: NullableTimestamp;
  };
  compensations: {
    /** `cmp_…` */
    id: string;
    case_id: string;
    kind: string;
    amount: BigCount | null;
    currency: string | null;
    description: string;
    status: string;
    required_rank: number;
    proposed_by: string | null;
    proposed_at: Timestamp;
    decided_by: string | null;
    decided_at: NullableTimestamp;
    decision_note: string | null;
    customer_accepted: Bool | null;
    customer_response_at: NullableTimestamp;
    delivered_at: NullableTimestamp;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  notifications: {
    /** `ntf_…` */
    id: string;
    user_id: string;
    kind: string;
    case_id: string | null;
    event_id: string;
    payload: Json;
    created_at: Timestamp;
    read_at: NullableTimestamp;
    /** `pending` | `sent` | `digest` | `skipped` | `failed`. */
    email_state: string;
    emailed_at: NullableTimestamp;
  };
  notification_settings: {
    user_id: string;
    /** `immediate` | `digest` | `off`. */
    email: string;
    updated_at: Timestamp;
  };
}
