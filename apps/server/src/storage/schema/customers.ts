import type { Json, NullableTimestamp, Serial, Timestamp } from './column-types.ts';

/** Customers, their contacts, external ids and products, and the personal-data audit trail. */
export interface CustomerTables {
  customers: {
    /** `cus_…` */
    id: string;
    name: string;
    preferred_name: string | null;
    /** en | zh-TW | zh-CN | th, or null when unknown. */
    language: string | null;
    /** Name and preferred name folded (NFKC) and lower-cased: what name search compares against. */
    search_name: string;
    /** `{ priorities: ('price'|'time'|'attention')[], text: string|null }` (article 003). */
    notes_what_matters: Json;
    /** `{ contactEmail|contactPhone|marketing|dataProcessing: { granted, changedAt } | null }`. */
    consent: Json;
    /** The survivor this customer was merged into; null unless merged. Merged rows are never deleted. */
    merged_into: string | null;
    /** A service tier (e.g. `gold`) that policies may select on; null when none. */
    tier: string | null;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  customer_contacts: {
    customer_id: string;
    /** `email` (lower-case) or `phone` (E.164). */
    kind: string;
    value: string;
    created_at: Timestamp;
  };
  customer_external_ids: {
    customer_id: string;
    /** e.g. `order`, `member`. */
    kind: string;
    value: string;
    created_at: Timestamp;
  };
  customer_products: {
    id: Serial;
    customer_id: string;
    product: string;
    order_ref: string | null;
    purchased_at: NullableTimestamp;
    notes: string | null;
    created_at: Timestamp;
  };
  /** Who read or changed whose personal data, and when. Append-only. */
  personal_data_access: {
    id: Serial;
    customer_id: string;
    /** The user; null for the system. */
    actor_id: string | null;
    /** read | update | merge | export | create */
    action: string;
    request_id: string | null;
    detail: string | null;
    at: Timestamp;
  };
}
