import type { BigCount, Timestamp } from './column-types.ts';

/** Files attached to cases (the bytes live in the file store) and the `Idempotency-Key` records. */
export interface AttachmentTables {
  attachments: {
    id: string;
    case_id: string;
    /** Sanitised display and download name. */
    filename: string;
    /** Sniffed from the bytes, e.g. `image/png`, `text/plain; charset=utf-8`. */
    content_type: string;
    size: BigCount;
    sha256: string;
    /** Where the file store keeps the bytes. */
    storage_key: string;
    uploaded_by: string | null;
    created_at: Timestamp;
  };
  idempotency_keys: {
    /** The user (or `system:<name>`) whose key it is: keys are scoped per actor. */
    actor_id: string;
    /** SHA-256 of the key: the table never holds the key, which also unlocks the stored response. */
    key_hash: string;
    method: string;
    route: string;
    /** Keyed hash of method, route and canonical body: a different request under the same key is refused. */
    request_hash: string;
    /** `pending` while the first request runs, then `done`. */
    state: string;
    response_status: BigCount | null;
    /** The stored response body, encrypted with a key derived from the Idempotency-Key. */
    response_body: string | null;
    created_at: Timestamp;
  };
}
