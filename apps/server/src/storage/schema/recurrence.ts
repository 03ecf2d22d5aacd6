import type { Bool, Timestamp } from './column-types.ts';

/** Case fingerprints for similar-case detection (MinHash bands) and the spikes raised per cluster. */
export interface RecurrenceTables {
  case_fingerprints: {
    case_id: string;
    version: number;
    /** Base64 of the MinHash values. */
    signature: string;
    shingles: number;
    category_id: string | null;
    product_key: string | null;
    case_created_at: Timestamp;
    updated_at: Timestamp;
  };
  case_fingerprint_bands: {
    case_id: string;
    band: number;
    /** Signed 32-bit LSH bucket of the band. */
    bucket: number;
  };
  recurrence_spikes: {
    id: string;
    cluster_key: string;
    period_start: Timestamp;
    period_end: Timestamp;
    current_count: number;
    baseline_count: number;
    baseline_periods: number;
    detected_at: Timestamp;
  };
  recurrence_spike_cases: {
    spike_id: string;
    case_id: string;
    current: Bool;
  };
}
