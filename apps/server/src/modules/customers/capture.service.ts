import { EventType } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { IdPrefix, newId } from '../../shared/ids.ts';
import { actorId, type Context } from '../../shared/unit-of-work.ts';
import {
  EMPTY_CONSENT,
  EMPTY_WHAT_MATTERS,
  normalizeEmail,
  normalizeExternalId,
  normalizeName,
  normalizePhone,
  type Customer,
  type CustomerLanguage,
  type ExternalId,
  type MatchedBy,
} from './customer.ts';
import type { CustomerRepository } from './customer.repository.ts';

export interface CaptureCustomerInput {
  readonly name: string;
  readonly email?: string | undefined;
  readonly phone?: string | undefined;
  readonly language?: CustomerLanguage | undefined;
  /** Order or member numbers. */
  readonly externalIds?: readonly { readonly kind: string; readonly value: string }[] | undefined;
  /** How they want to be addressed. */
  readonly preferredName?: string | undefined;
}

export interface CaptureResult {
  readonly customer: Customer;
  readonly matchedBy: MatchedBy | null;
}

/**
 * Where capture's validation errors point: intake sends the customer as `{ customer: {…} }`
 * (`POST /api/v1/cases`), so a bad phone is `/body/customer/phone`.
 */
export const CAPTURE_FIELD_PREFIX = '/body/customer';

/** Capture input after normalisation: what matching and storing work with. */
export interface CaptureKeys {
  readonly name: string;
  readonly preferredName: string | null;
  readonly language: CustomerLanguage | null;
  readonly email: string | undefined;
  readonly phone: string | undefined;
  readonly externalIds: readonly ExternalId[];
}

const blank = (value: string | undefined): value is undefined => value === undefined || value.trim() === '';

/** Validates and normalises capture input; errors name the field under `prefix`. Pure. */
export const normalizeCaptureInput = (input: CaptureCustomerInput, prefix = CAPTURE_FIELD_PREFIX): CaptureKeys => {
  const name = normalizeName(input.name);
  if (name.length === 0 || name.length > 200) {
    throw new AppError(ErrorCode.ValidationFailed, 'The customer needs a name', [
      { field: `${prefix}/name`, message: 'must be 1 to 200 characters' },
    ]);
  }
  const language = input.language ?? null;
  const preferred = blank(input.preferredName) ? null : normalizeName(input.preferredName);
  const seen = new Set<string>();
  const externalIds: ExternalId[] = [];
  for (const [i, raw] of (input.externalIds ?? []).entries()) {
    const id = normalizeExternalId(raw, `${prefix}/externalIds/${i}`);
    const key = `${id.kind}\u0000${id.value}`;
    if (!seen.has(key)) externalIds.push(id);
    seen.add(key);
  }
  return {
    name,
    preferredName: preferred ? preferred.slice(0, 200) : null,
    language,
    email: blank(input.email) ? undefined : normalizeEmail(input.email, `${prefix}/email`),
    phone: blank(input.phone) ? undefined : normalizePhone(input.phone, language, `${prefix}/phone`),
    externalIds,
  };
};

/** The first customer any key points at, in matching order: e-mail, phone, external id. */
const findMatch = async (
  repo: CustomerRepository,
  keys: CaptureKeys,
): Promise<{ customer: Customer; matchedBy: MatchedBy } | undefined> => {
  if (keys.email) {
    const customer = await repo.findByContact('email', keys.email);
    if (customer) return { customer, matchedBy: 'email' };
  }
  if (keys.phone) {
    const customer = await repo.findByContact('phone', keys.phone);
    if (customer) return { customer, matchedBy: 'phone' };
  }
  for (const externalId of keys.externalIds) {
    const customer = await repo.findByExternalId(externalId);
    if (customer) return { customer, matchedBy: 'external_id' };
  }
  return undefined;
};

/**
 * A matched customer learns what intake told us that they did not have yet: a new e-mail, phone or
 * order number (unless it belongs to someone else), a preferred name or language where none was
 * recorded. Their name is never overwritten by intake. Returns the customer as it now stands.
 */
const enrich = async (
  repo: CustomerRepository,
  found: Customer,
  keys: CaptureKeys,
  ctx: Context,
  now: Date,
): Promise<Customer> => {
  const event = (type: string, payload: Record<string, unknown>) =>
    repo.appendEvent({
      type,
      subjectType: 'customer',
      subjectId: found.id,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload,
      occurredAt: now,
    });
  const emails = [...found.emails];
  const phones = [...found.phones];
  const externalIds = [...found.externalIds];
  const changed: string[] = [];
  if (keys.email && !emails.includes(keys.email) && (await repo.addContact(found.id, 'email', keys.email, now))) {
    emails.push(keys.email);
    changed.push('emails');
    await event(EventType.CustomerContactAdded, { kind: 'email', value: keys.email, via: 'capture' });
  }
  if (keys.phone && !phones.includes(keys.phone) && (await repo.addContact(found.id, 'phone', keys.phone, now))) {
    phones.push(keys.phone);
    changed.push('phones');
    await event(EventType.CustomerContactAdded, { kind: 'phone', value: keys.phone, via: 'capture' });
  }
  for (const externalId of keys.externalIds) {
    if (externalIds.some((x) => x.kind === externalId.kind && x.value === externalId.value)) continue;
    if (!(await repo.addExternalId(found.id, externalId, now))) continue;
    externalIds.push(externalId);
    if (!changed.includes('externalIds')) changed.push('externalIds');
    await event(EventType.CustomerExternalIdAdded, { ...externalId, via: 'capture' });
  }
  const fill: { preferredName?: string; language?: CustomerLanguage } = {};
  if (found.preferredName === null && keys.preferredName !== null) fill.preferredName = keys.preferredName;
  if (found.language === null && keys.language !== null) fill.language = keys.language;
  if (fill.preferredName !== undefined || fill.language !== undefined) {
    changed.push(...Object.keys(fill));
    await event(EventType.CustomerUpdated, { fields: Object.keys(fill), changes: fill, via: 'capture' });
  }
  if (changed.length === 0) return found;
  await repo.updateCustomer(found.id, fill, now);
  await repo.recordAccess([
    {
      customerId: found.id,
      actorId: actorId(ctx.actor),
      action: 'update',
      requestId: ctx.requestId,
      detail: `capture: ${changed.join(', ')}`,
      at: now,
    },
  ]);
  return { ...found, ...fill, emails, phones, externalIds, updatedAt: now };
};

/** Inserts a new customer with every key; false when a concurrent capture took one of them first. */
const tryCreate = async (
  repo: CustomerRepository,
  id: string,
  keys: CaptureKeys,
  ctx: Context,
  now: Date,
): Promise<Customer | undefined> => {
  await repo.insertCustomer({
    id,
    name: keys.name,
    preferredName: keys.preferredName,
    language: keys.language,
    whatMatters: EMPTY_WHAT_MATTERS,
    consent: EMPTY_CONSENT,
    createdAt: now,
  });
  const claimed =
    (!keys.email || (await repo.addContact(id, 'email', keys.email, now))) &&
    (!keys.phone || (await repo.addContact(id, 'phone', keys.phone, now)));
  let allIds = claimed;
  for (const externalId of keys.externalIds) {
    if (!allIds) break;
    allIds = await repo.addExternalId(id, externalId, now);
  }
  if (!allIds) {
    await repo.discardNewCustomer(id);
    return undefined;
  }
  const customer: Customer = {
    id,
    name: keys.name,
    preferredName: keys.preferredName,
    language: keys.language,
    emails: keys.email ? [keys.email] : [],
    phones: keys.phone ? [keys.phone] : [],
    externalIds: keys.externalIds,
    whatMatters: EMPTY_WHAT_MATTERS,
    consent: EMPTY_CONSENT,
    mergedInto: null,
    createdAt: now,
    updatedAt: now,
  };
  await repo.appendEvent({
    type: EventType.CustomerCreated,
    subjectType: 'customer',
    subjectId: id,
    actorId: actorId(ctx.actor),
    requestId: ctx.requestId,
    payload: {
      name: customer.name,
      preferredName: customer.preferredName,
      language: customer.language,
      emails: customer.emails,
      phones: customer.phones,
      externalIds: customer.externalIds,
      via: 'capture',
    },
    occurredAt: now,
  });
  await repo.recordAccess([
    {
      customerId: id,
      actorId: actorId(ctx.actor),
      action: 'create',
      requestId: ctx.requestId,
      detail: 'capture',
      at: now,
    },
  ]);
  return customer;
};

/**
 * Finds the customer by normalised e-mail, then phone (E.164, read in the country of their
 * language), then external id, or creates one; appends events and audit rows. Runs inside the
 * caller's unit of work (`repo` is bound to its transaction), so the customer commits with the
 * case that brought them. A bad e-mail or phone is `validation_failed` naming
 * `/body/customer/<field>`. Needs no permission check: the caller's use case has done that.
 */
export const captureCustomer = async (
  repo: CustomerRepository,
  input: CaptureCustomerInput,
  ctx: Context,
  now: Date,
): Promise<CaptureResult> => {
  const keys = normalizeCaptureInput(input);
  // Twice at most: if a concurrent capture claims one of our keys between lookup and insert, the
  // second lookup finds their customer (READ COMMITTED sees it once their insert has committed).
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const match = await findMatch(repo, keys);
    if (match) {
      let { customer } = match;
      if (customer.mergedInto) customer = (await repo.findCustomer(customer.mergedInto)) ?? customer;
      return { customer: await enrich(repo, customer, keys, ctx, now), matchedBy: match.matchedBy };
    }
    const created = await tryCreate(repo, newId(IdPrefix.customer, now), keys, ctx, now);
    if (created) return { customer: created, matchedBy: null };
  }
  throw new AppError(ErrorCode.Conflict, 'This customer is being captured by another request; try again');
};
