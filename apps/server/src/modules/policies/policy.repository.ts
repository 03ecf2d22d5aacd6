import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { StoredPolicy } from './policy-rules.ts';

/** The service policies port: rows of `service_policies`, and whether a calendar exists. */
export interface PolicyRepository {
  /** Every policy, enabled or not, by rank then creation. */
  listPolicies(): Promise<StoredPolicy[]>;
  findPolicy(id: string): Promise<StoredPolicy | undefined>;
  insertPolicy(policy: StoredPolicy): Promise<void>;
  updatePolicy(policy: StoredPolicy): Promise<void>;
  /** The highest rank in use, or null when there is no policy. */
  maxRank(): Promise<number | null>;
  calendarExists(id: string): Promise<boolean>;
  appendEvent(event: NewEvent): Promise<void>;
}
