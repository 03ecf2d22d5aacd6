import type { Bool, Json, NullableTimestamp, Timestamp } from './column-types.ts';

/** Webhook subscriptions and their delivery log (migration 0010). */
export interface WebhookTables {
  webhook_subscriptions: {
    id: string;
    url: string;
    /** JSON array of event types, or `["*"]`. */
    event_types: Json;
    secret: string;
    enabled: Bool;
    created_by: string | null;
    created_at: Timestamp;
    deleted_at: NullableTimestamp;
  };
  webhook_deliveries: {
    id: string;
    subscription_id: string;
    event_id: string;
    event_type: string;
    status: string;
    attempts: number;
    next_attempt_at: NullableTimestamp;
    last_status_code: number | null;
    last_error: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
}
