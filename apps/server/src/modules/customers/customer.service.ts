import { EventType, type ConsentKind, type Priority } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { IdPrefix, newId } from '../../shared/ids.ts';
import type { Context } from '../../shared/unit-of-work.ts';
import { normalizeCaptureInput } from './capture.service.ts';
import {
  applyConsent,
  checkMerge,
  EMPTY_CONSENT,
  EMPTY_WHAT_MATTERS,
  mergeFields,
  normalizeEmail,
  normalizeName,
  normalizePhone,
  normalizeWhatMatters,
  parseExternalIdQuery,
  phoneSearchCandidates,
  rankCandidates,
  sameWhatMatters,
  type Customer,
  type CustomerLanguage,
  type CustomerProfile,
  type ExternalId,
  type MatchedBy,
} from './customer.ts';
import type { AuditEntry, CustomerChanges } from './customer.repository.ts';
import { customerDetails } from './customer-details.service.ts';
import {
  notFound,
  profileOf,
  record,
  requirePermission,
  resolve,
  trimmedOrNull,
  type CustomerServiceDeps,
} from './customer-support.service.ts';

export type { AddProductInput } from './customer-details.service.ts';
export type { CustomerServiceDeps } from './customer-support.service.ts';

type ConsentInput = Partial<Record<ConsentKind, boolean>>;
interface WhatMattersInput {
  readonly priorities: readonly Priority[];
  readonly text?: string | null | undefined;
}

export interface CreateCustomerInput {
  readonly name: string;
  readonly preferredName?: string | undefined;
  readonly language?: CustomerLanguage | undefined;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly externalIds?: readonly ExternalId[] | undefined;
  readonly whatMatters?: WhatMattersInput | undefined;
  readonly consent?: ConsentInput | undefined;
}

export interface UpdateCustomerInput {
  readonly name?: string | undefined;
  readonly preferredName?: string | null | undefined;
  readonly language?: CustomerLanguage | null | undefined;
  readonly whatMatters?: WhatMattersInput | undefined;
  readonly consent?: ConsentInput | undefined;
}

export interface MatchInput {
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  /** `kind:value`, e.g. `order:A-1`. */
  readonly externalId?: string | undefined;
  /** Reads a national phone number in this language's country; without it every supported country is tried. */
  readonly language?: CustomerLanguage | undefined;
}

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

/**
 * Customer use cases. Every full read of a customer writes a `read` row to the personal-data audit
 * trail in the same unit of work that loads it; every change writes an event and an audit row.
 * Lists and matches show masked contacts (see the presenter) and are not audited per customer.
 */
export const createCustomerService = ({ store, clock }: CustomerServiceDeps) => {
  /** Creates a customer; 409 naming the field when an e-mail, phone or external id is someone else's. */
  const createCustomer = async (ctx: Context, input: CreateCustomerInput): Promise<CustomerProfile> => {
    requirePermission(ctx.actor, 'customer:write');
    const keys = normalizeCaptureInput(input, '/body');
    const now = clock.now();
    const whatMatters = input.whatMatters ? normalizeWhatMatters(input.whatMatters) : EMPTY_WHAT_MATTERS;
    const consent = applyConsent(EMPTY_CONSENT, input.consent ?? {}, now).consent;
    const id = newId(IdPrefix.customer, now);
    return store.write(async (repo) => {
      const taken = (field: string, owner: string) =>
        new AppError(ErrorCode.Conflict, `${field} already belongs to customer ${owner}`, [
          { field, message: `already belongs to customer ${owner}` },
        ]);
      if (keys.email) {
        const owner = await repo.findByContact('email', keys.email);
        if (owner) throw taken('/body/email', owner.id);
      }
      if (keys.phone) {
        const owner = await repo.findByContact('phone', keys.phone);
        if (owner) throw taken('/body/phone', owner.id);
      }
      for (const [i, externalId] of keys.externalIds.entries()) {
        const owner = await repo.findByExternalId(externalId);
        if (owner) throw taken(`/body/externalIds/${i}`, owner.id);
      }
      await repo.insertCustomer({
        id,
        name: keys.name,
        preferredName: keys.preferredName,
        language: keys.language,
        whatMatters,
        consent,
        createdAt: now,
      });
      // A concurrent request may have claimed a key since the checks above: then nothing commits.
      if (keys.email && !(await repo.addContact(id, 'email', keys.email, now))) throw taken('/body/email', 'another');
      if (keys.phone && !(await repo.addContact(id, 'phone', keys.phone, now))) throw taken('/body/phone', 'another');
      for (const [i, externalId] of keys.externalIds.entries()) {
        if (!(await repo.addExternalId(id, externalId, now))) throw taken(`/body/externalIds/${i}`, 'another');
      }
      const { event, audit } = record(repo, ctx, now);
      await event(id, EventType.CustomerCreated, {
        name: keys.name,
        preferredName: keys.preferredName,
        language: keys.language,
        emails: keys.email ? [keys.email] : [],
        phones: keys.phone ? [keys.phone] : [],
        externalIds: keys.externalIds,
        whatMatters,
        consent: Object.fromEntries(Object.entries(input.consent ?? {})),
      });
      await audit(id, 'create', null);
      return profileOf(repo, id);
    });
  };

  /** The full record (following merges to the survivor). Writes a `read` row to the audit trail. */
  const getCustomer = async (ctx: Context, id: string): Promise<CustomerProfile> => {
    requirePermission(ctx.actor, 'customer:read');
    const now = clock.now();
    return store.write(async (repo) => {
      const customer = await resolve(repo, id);
      if (!customer) throw notFound();
      await record(repo, ctx, now).audit(customer.id, 'read', customer.id === id ? null : `via merged ${id}`);
      return profileOf(repo, customer.id);
    });
  };

  /** Unmerged customers by id; `q` searches names, e-mails, phones and external ids. */
  const listCustomers = async (
    ctx: Context,
    input: { q?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
  ): Promise<Page<Customer>> => {
    requirePermission(ctx.actor, 'customer:read');
    const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 200);
    const q = input.q?.trim() || undefined;
    const rows = await store.read.listCustomers({
      q,
      phones: q ? phoneSearchCandidates(q) : [],
      cursor: input.cursor,
      limit: limit + 1,
    });
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  };

  /**
   * Who intake may be talking to: customers owning the e-mail, phone or external id given, best
   * match first (e-mail, then phone, then external id). Empty when nobody matches.
   */
  const matchCustomers = async (
    ctx: Context,
    input: MatchInput,
  ): Promise<{ customer: Customer; matchedBy: readonly MatchedBy[] }[]> => {
    requirePermission(ctx.actor, 'customer:read');
    const emails = input.email ? [normalizeEmail(input.email, '/querystring/email')] : [];
    let phones: string[] = [];
    if (input.phone) {
      phones = input.language
        ? [normalizePhone(input.phone, input.language, '/querystring/phone')]
        : phoneSearchCandidates(input.phone);
      if (phones.length === 0) normalizePhone(input.phone, null, '/querystring/phone');
    }
    const externalIds = input.externalId ? [parseExternalIdQuery(input.externalId)] : [];
    if (emails.length + phones.length + externalIds.length === 0) {
      throw new AppError(ErrorCode.ValidationFailed, 'Give an e-mail, phone or external id to match', [
        { field: '/querystring', message: 'needs email, phone or externalId' },
      ]);
    }
    const candidates = rankCandidates(await store.read.matchKeys({ emails, phones, externalIds }));
    const matches: { customer: Customer; matchedBy: readonly MatchedBy[] }[] = [];
    for (const candidate of candidates) {
      const customer = await store.read.findCustomer(candidate.customerId);
      if (customer) matches.push({ customer, matchedBy: candidate.matchedBy });
    }
    return matches;
  };

  /** Changes name, preferred name, language, what matters or consent; an unchanged field is no change. */
  const updateCustomer = async (ctx: Context, id: string, input: UpdateCustomerInput): Promise<CustomerProfile> => {
    requirePermission(ctx.actor, 'customer:write');
    const now = clock.now();
    const name = input.name === undefined ? undefined : normalizeName(input.name);
    if (name !== undefined && name.length === 0) {
      throw new AppError(ErrorCode.ValidationFailed, 'The name cannot be empty', [
        { field: '/body/name', message: 'cannot be empty' },
      ]);
    }
    return store.write(async (repo) => {
      const current = await resolve(repo, id);
      if (!current) throw notFound();
      const changes: { -readonly [K in keyof CustomerChanges]: CustomerChanges[K] } = {};
      const shown: Record<string, unknown> = {};
      if (name !== undefined && name !== current.name) changes.name = shown.name = name;
      if (input.preferredName !== undefined) {
        const preferred = input.preferredName === null ? null : trimmedOrNull(normalizeName(input.preferredName));
        if (preferred !== current.preferredName) changes.preferredName = shown.preferredName = preferred;
      }
      if (input.language !== undefined && input.language !== current.language) {
        changes.language = shown.language = input.language;
      }
      if (input.whatMatters) {
        const whatMatters = normalizeWhatMatters(input.whatMatters);
        if (!sameWhatMatters(whatMatters, current.whatMatters)) changes.whatMatters = shown.whatMatters = whatMatters;
      }
      if (input.consent) {
        const { consent, changed } = applyConsent(current.consent, input.consent, now);
        if (changed.length > 0) {
          changes.consent = consent;
          shown.consent = Object.fromEntries(changed.map((kind) => [kind, consent[kind]?.granted ?? null]));
        }
      }
      const fields = Object.keys(shown);
      if (fields.length === 0) return profileOf(repo, current.id);
      await repo.updateCustomer(current.id, changes, now);
      const { event, audit } = record(repo, ctx, now);
      await event(current.id, EventType.CustomerUpdated, { fields, changes: shown });
      await audit(current.id, 'update', fields.join(', '));
      return profileOf(repo, current.id);
    });
  };

  /**
   * Merges `duplicateId` into `survivorId`: the survivor keeps every e-mail, phone, external id,
   * product and note of both; the duplicate stays, pointing at the survivor, and its id keeps
   * resolving there. Events and audit rows on both.
   */
  const mergeCustomers = async (
    ctx: Context,
    survivorId: string,
    duplicateId: string,
    reason: string,
  ): Promise<CustomerProfile> => {
    requirePermission(ctx.actor, 'customer:merge');
    const why = reason.trim();
    if (why.length === 0) {
      throw new AppError(ErrorCode.ValidationFailed, 'Say why these are the same customer', [
        { field: '/body/reason', message: 'cannot be empty' },
      ]);
    }
    const now = clock.now();
    return store.write(async (repo) => {
      const survivor = await repo.findCustomer(survivorId);
      if (!survivor) throw notFound();
      const duplicate = await repo.findCustomer(duplicateId);
      if (!duplicate) {
        throw new AppError(ErrorCode.NotFound, 'No such customer', [
          { field: '/body/duplicateId', message: 'not found' },
        ]);
      }
      checkMerge(survivor, duplicate);
      const fields = mergeFields(survivor, duplicate);
      await repo.mergeInto(survivor.id, duplicate.id, now);
      await repo.updateCustomer(survivor.id, fields, now);
      const { event, audit } = record(repo, ctx, now);
      const payload = { survivorId: survivor.id, duplicateId: duplicate.id, reason: why };
      await event(survivor.id, EventType.CustomerMerged, {
        ...payload,
        role: 'survivor',
        absorbed: { emails: duplicate.emails, phones: duplicate.phones, externalIds: duplicate.externalIds },
      });
      await event(duplicate.id, EventType.CustomerMerged, { ...payload, role: 'duplicate' });
      await audit(survivor.id, 'merge', `absorbed ${duplicate.id}`);
      await audit(duplicate.id, 'merge', `merged into ${survivor.id}`);
      return profileOf(repo, survivor.id);
    });
  };

  /** Who read or changed this customer's personal data, newest first. */
  const listAudit = async (
    ctx: Context,
    id: string,
    input: { cursor?: string | undefined; limit?: number | undefined },
  ): Promise<Page<AuditEntry>> => {
    requirePermission(ctx.actor, 'audit:read');
    const limit = Math.min(Math.max(Math.trunc(input.limit ?? 50), 1), 200);
    let before: number | undefined;
    if (input.cursor !== undefined) {
      before = /^\d{1,15}$/u.test(input.cursor) ? Number(input.cursor) : Number.NaN;
      if (Number.isNaN(before)) {
        throw new AppError(ErrorCode.ValidationFailed, 'Not a cursor from this list', [
          { field: '/querystring/cursor', message: 'is not a cursor from this list' },
        ]);
      }
    }
    if (!(await store.read.findCustomer(id))) throw notFound();
    const rows = await store.read.listAccess(id, limit + 1, before);
    const items = rows.slice(0, limit);
    const last = items.at(-1);
    return { items, nextCursor: rows.length > limit && last ? String(last.id) : null };
  };

  return {
    createCustomer,
    getCustomer,
    listCustomers,
    matchCustomers,
    updateCustomer,
    ...customerDetails({ store, clock }),
    mergeCustomers,
    listAudit,
  };
};

export type CustomerService = ReturnType<typeof createCustomerService>;
