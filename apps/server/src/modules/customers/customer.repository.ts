import type { AuditAction, ContactKind } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type {
  Consent,
  Customer,
  CustomerLanguage,
  CustomerProduct,
  CustomerProfile,
  ExternalId,
  MatchHit,
  MatchKeys,
  WhatMatters,
} from './customer.ts';

export interface NewCustomer {
  readonly id: string;
  readonly name: string;
  readonly preferredName: string | null;
  readonly language: CustomerLanguage | null;
  readonly whatMatters: WhatMatters;
  readonly consent: Consent;
  readonly createdAt: Date;
}

export interface CustomerChanges {
  readonly name?: string;
  readonly preferredName?: string | null;
  readonly language?: CustomerLanguage | null;
  readonly whatMatters?: WhatMatters;
  readonly consent?: Consent;
}

export interface NewProduct {
  readonly product: string;
  readonly orderRef: string | null;
  readonly purchasedAt: Date | null;
  readonly notes: string | null;
}

/** One row of the personal-data audit trail: who touched whose data, how, and when. */
export interface AuditEntry {
  readonly id: number;
  readonly customerId: string;
  /** The user; null for the system (jobs, imports). */
  readonly actorId: string | null;
  readonly action: AuditAction;
  readonly requestId: string | null;
  /** A short note: which fields changed, which customer was merged. Never the personal data itself. */
  readonly detail: string | null;
  readonly at: Date;
}

export type NewAuditEntry = Omit<AuditEntry, 'id'>;

export interface CustomerSearch {
  /** Name contains (case- and width-insensitive), e-mail, phone digits or external id value. */
  readonly q?: string | undefined;
  /** E.164 numbers `q` may mean (`phoneSearchCandidates`): matched exactly instead of as digits. */
  readonly phones?: readonly string[] | undefined;
  /** Customers with ids after this one (exclusive). */
  readonly cursor?: string | undefined;
  readonly limit: number;
}

/**
 * The customers module's port onto storage. Implemented in `storage/repositories/`. Contact and
 * external-id keys are unique across all customers: a merge moves the duplicate's keys to the
 * survivor, so every key always points at a customer that has not been merged away.
 */
export interface CustomerRepository {
  /** The customer as stored (a merged one included; see `mergedInto`). */
  findCustomer(id: string): Promise<Customer | undefined>;
  /** The customer with products and the ids merged into it. */
  findProfile(id: string): Promise<CustomerProfile | undefined>;
  /** Who owns this normalised contact (`email` lower-case, `phone` E.164). */
  findByContact(kind: ContactKind, value: string): Promise<Customer | undefined>;
  findByExternalId(id: ExternalId): Promise<Customer | undefined>;
  /** Every customer any of the keys points at, one hit per key that matched. */
  matchKeys(keys: MatchKeys): Promise<MatchHit[]>;
  /** Unmerged customers ordered by id, narrowed by `search` in SQL. */
  listCustomers(search: CustomerSearch): Promise<Customer[]>;

  insertCustomer(customer: NewCustomer): Promise<void>;
  /**
   * Removes a customer inserted earlier in THIS unit of work (a concurrent capture won the race
   * for its e-mail or phone). Committed customers are never deleted; they are merged.
   */
  discardNewCustomer(id: string): Promise<void>;
  updateCustomer(id: string, changes: CustomerChanges, at: Date): Promise<void>;

  /** Adds a contact; false when the key already belongs to someone (this customer included). */
  addContact(customerId: string, kind: ContactKind, value: string, at: Date): Promise<boolean>;
  /** Removes a contact from this customer; false when it was not theirs. */
  removeContact(customerId: string, kind: ContactKind, value: string): Promise<boolean>;
  /** Adds an external id; false when it already belongs to someone. */
  addExternalId(customerId: string, externalId: ExternalId, at: Date): Promise<boolean>;
  addProduct(customerId: string, product: NewProduct, at: Date): Promise<CustomerProduct>;

  /**
   * Moves the duplicate's contacts, external ids and products to the survivor, points the
   * duplicate (and anything already merged into it) at the survivor. Deletes nothing.
   */
  mergeInto(survivorId: string, duplicateId: string, at: Date): Promise<void>;

  recordAccess(entries: readonly NewAuditEntry[]): Promise<void>;
  /** Audit rows of one customer, newest first, with ids below `before` (exclusive). */
  listAccess(customerId: string, limit: number, before: number | undefined): Promise<AuditEntry[]>;

  appendEvent(event: NewEvent): Promise<void>;
}
