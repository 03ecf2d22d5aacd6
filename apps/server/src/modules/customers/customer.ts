import type { ConsentKind, ContactKind, Locale, Priority } from '@redress/contract';
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/**
 * Customers as the domain sees them, and the pure rules: how contact details are normalised, how
 * an incoming contact is matched to a known customer, and what a merge keeps. No I/O, no clock.
 */

export type CustomerLanguage = Locale;

export interface ExternalId {
  readonly kind: string;
  readonly value: string;
}

export interface WhatMatters {
  readonly priorities: readonly Priority[];
  readonly text: string | null;
}

export interface ConsentFlag {
  readonly granted: boolean;
  readonly changedAt: Date;
}

/** Each flag is null until the customer has been asked. */
export type Consent = Readonly<Record<ConsentKind, ConsentFlag | null>>;

export interface Customer {
  /** `cus_…` */
  readonly id: string;
  readonly name: string;
  /** How they want to be addressed; null when they did not say. */
  readonly preferredName: string | null;
  readonly language: CustomerLanguage | null;
  /** Normalised: NFKC, trimmed, lower-case. */
  readonly emails: readonly string[];
  /** E.164, e.g. `+66812345678`. */
  readonly phones: readonly string[];
  readonly externalIds: readonly ExternalId[];
  readonly whatMatters: WhatMatters;
  readonly consent: Consent;
  /** The survivor this customer was merged into; null unless merged. */
  readonly mergedInto: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface CustomerProduct {
  readonly id: number;
  readonly product: string;
  readonly orderRef: string | null;
  readonly purchasedAt: Date | null;
  readonly notes: string | null;
  readonly addedAt: Date;
}

/** The full record shown to someone allowed to read personal data. */
export interface CustomerProfile extends Customer {
  readonly products: readonly CustomerProduct[];
  /** Customers merged into this one (their ids keep resolving here). */
  readonly mergedFrom: readonly string[];
}

export type MatchedBy = 'email' | 'phone' | 'external_id';

/** Matching tries these in order; the first that finds someone wins. */
export const MATCH_ORDER: readonly MatchedBy[] = ['email', 'phone', 'external_id'];

export const EMPTY_WHAT_MATTERS: WhatMatters = { priorities: [], text: null };
export const EMPTY_CONSENT: Consent = { contactEmail: null, contactPhone: null, marketing: null, dataProcessing: null };

/** Limits that keep one record bounded, whatever a client sends. */
export const MAX_CONTACTS_PER_KIND = 20;
export const MAX_EXTERNAL_IDS = 50;

// ---------------------------------------------------------------------------------------------
// Normalisation

const invalid = (field: string, message: string): AppError =>
  new AppError(ErrorCode.ValidationFailed, `${field} ${message}`, [{ field, message }]);

/** Folds full-width letters, digits and spaces (common from CJK and Thai keyboards) and trims. */
const fold = (value: string): string => value.normalize('NFKC').trim();

/** Names keep their script; only spacing is tidied. */
export const normalizeName = (name: string): string => name.normalize('NFC').trim().replace(/\s+/gu, ' ');

/** The lower-case, folded form of a name that search compares against. */
export const nameSearchKey = (name: string, preferredName: string | null): string =>
  fold([name, preferredName ?? ''].join(' '))
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;

/** `normalizeEmail(' Chen.MeiLing@Example.TEST ')` → `chen.meiling@example.test`; undefined if it is not an address. */
export const tryNormalizeEmail = (email: string): string | undefined => {
  const value = fold(email).toLowerCase();
  return value.length <= 254 && EMAIL.test(value) ? value : undefined;
};

/** Like `tryNormalizeEmail`, but a bad address is a `validation_failed` naming `field`. */
export const normalizeEmail = (email: string, field = '/body/email'): string => {
  const value = tryNormalizeEmail(email);
  if (!value) throw invalid(field, 'is not an e-mail address');
  return value;
};

/**
 * The country a national number (without `+`) is read in, from the customer's language: a Thai
 * speaker's `081…` is Thai, a zh-TW speaker's `09…` Taiwanese, a zh-CN speaker's `13…` Chinese.
 * English gives no country, so only international (`+…`) numbers are accepted.
 */
export const defaultCountry = (language: CustomerLanguage | null | undefined): CountryCode | undefined => {
  switch (language) {
    case 'th':
      return 'TH';
    case 'zh-TW':
      return 'TW';
    case 'zh-CN':
      return 'CN';
    default:
      return undefined;
  }
};

/** A phone number in E.164 (`+66812345678`), or undefined when it cannot be read as a valid number. */
export const tryNormalizePhone = (phone: string, language?: CustomerLanguage | null): string | undefined => {
  const value = fold(phone).replace(/[\s\u00a0().\-–]/gu, '');
  if (!/^\+?\d{3,20}$/u.test(value)) return undefined;
  const country = defaultCountry(language);
  if (!value.startsWith('+') && !country) return undefined;
  const parsed = parsePhoneNumberFromString(value, country);
  return parsed?.isValid() ? parsed.number : undefined;
};

/** Like `tryNormalizePhone`, but an unreadable number is a `validation_failed` naming `field`. */
export const normalizePhone = (phone: string, language?: CustomerLanguage | null, field = '/body/phone'): string => {
  const value = tryNormalizePhone(phone, language);
  if (value) return value;
  const hint = defaultCountry(language)
    ? 'is not a valid phone number'
    : 'is not a valid phone number: give it with its country code, e.g. +44 20 7946 0958';
  throw invalid(field, hint);
};

/**
 * The E.164 numbers a search text could mean: as typed when it starts with `+`, else read as a Thai,
 * Taiwanese or Chinese national number (the languages that imply a country). Empty when it is not
 * a phone number — the search then compares digits as text.
 */
export const phoneSearchCandidates = (q: string): string[] => {
  const found = new Set<string>();
  for (const language of [null, 'th', 'zh-TW', 'zh-CN'] as const) {
    const phone = tryNormalizePhone(q, language);
    if (phone) found.add(phone);
  }
  return [...found];
};

/** Kinds are lower-case; values are folded, trimmed, spaces collapsed and upper-case (`ord-1` = `ORD-1`). */
export const normalizeExternalId = (input: ExternalId, field = '/body/externalIds'): ExternalId => {
  const kind = fold(input.kind).toLowerCase();
  const value = fold(input.value).replace(/\s+/gu, ' ').toUpperCase();
  if (!/^[a-z0-9_.-]{1,40}$/u.test(kind)) throw invalid(`${field}/kind`, 'must be letters, digits, _ . or -');
  if (value.length === 0 || value.length > 100) throw invalid(`${field}/value`, 'must be 1 to 100 characters');
  return { kind, value };
};

/** `order:A-1` → `{ kind: 'order', value: 'A-1' }` (split at the first colon). */
export const parseExternalIdQuery = (text: string, field = '/querystring/externalId'): ExternalId => {
  const at = text.indexOf(':');
  if (at <= 0) throw invalid(field, 'must be kind:value, e.g. order:A-1');
  return normalizeExternalId({ kind: text.slice(0, at), value: text.slice(at + 1) }, field);
};

export const normalizeContact = (
  kind: ContactKind,
  value: string,
  language: CustomerLanguage | null,
  field: string,
): string => (kind === 'email' ? normalizeEmail(value, field) : normalizePhone(value, language, field));

// ---------------------------------------------------------------------------------------------
// Matching

/** What intake knows about the person in front of it, already normalised. */
export interface MatchKeys {
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly externalIds: readonly ExternalId[];
}

/** One hit from storage: this customer owns this key. */
export interface MatchHit {
  readonly customerId: string;
  readonly matchedBy: MatchedBy;
}

export interface MatchCandidate {
  readonly customerId: string;
  /** Every kind of key that pointed at this customer, best first. */
  readonly matchedBy: readonly MatchedBy[];
}

const rank = (by: MatchedBy): number => MATCH_ORDER.indexOf(by);

/**
 * Orders candidates: the customer found by the best key first (e-mail, then phone, then external
 * id); a customer found by several keys lists them all. Ties keep the order storage returned.
 */
export const rankCandidates = (hits: readonly MatchHit[]): MatchCandidate[] => {
  const byCustomer = new Map<string, Set<MatchedBy>>();
  for (const hit of hits) {
    const set = byCustomer.get(hit.customerId) ?? new Set<MatchedBy>();
    set.add(hit.matchedBy);
    byCustomer.set(hit.customerId, set);
  }
  const candidates = [...byCustomer.entries()].map(([customerId, set]) => ({
    customerId,
    matchedBy: [...set].sort((a, b) => rank(a) - rank(b)),
  }));
  return candidates
    .map((c, index) => ({ c, index }))
    .sort(
      (a, b) => rank(a.c.matchedBy[0] ?? 'external_id') - rank(b.c.matchedBy[0] ?? 'external_id') || a.index - b.index,
    )
    .map(({ c }) => c);
};

// ---------------------------------------------------------------------------------------------
// Updates and merges

/**
 * The consent after a change: only flags whose answer changed get a new `changedAt`, so the
 * timestamps say when the customer last changed their mind, not when a form was re-saved.
 */
export const applyConsent = (
  current: Consent,
  input: Partial<Record<ConsentKind, boolean>>,
  now: Date,
): { consent: Consent; changed: ConsentKind[] } => {
  const next: Record<ConsentKind, ConsentFlag | null> = { ...current };
  const changed: ConsentKind[] = [];
  for (const kind of Object.keys(EMPTY_CONSENT) as ConsentKind[]) {
    const granted = input[kind];
    if (granted === undefined) continue;
    if (current[kind]?.granted === granted) continue;
    next[kind] = { granted, changedAt: now };
    changed.push(kind);
  }
  return { consent: next, changed };
};

export const sameWhatMatters = (a: WhatMatters, b: WhatMatters): boolean =>
  a.text === b.text &&
  a.priorities.length === b.priorities.length &&
  a.priorities.every((p, i) => b.priorities[i] === p);

/** Tidies what-matters input: priorities de-duplicated in the order given, empty text is null. */
export const normalizeWhatMatters = (input: { priorities: readonly Priority[]; text?: string | null }): WhatMatters => {
  const text = input.text?.trim() ?? '';
  return { priorities: [...new Set(input.priorities)], text: text.length > 0 ? text : null };
};

/** What the survivor looks like after absorbing a duplicate (contacts and products move in storage). */
export interface MergedFields {
  readonly preferredName: string | null;
  readonly language: CustomerLanguage | null;
  readonly whatMatters: WhatMatters;
  readonly consent: Consent;
}

/**
 * Merge rules. The survivor keeps its own name; it takes the duplicate's preferred name and
 * language only where it has none; what matters is the union of priorities (survivor's first) and
 * both texts; for each consent flag the most recent answer wins — the customer's latest word.
 * E-mails, phones, external ids and products of both end up on the survivor (storage moves them);
 * the duplicate is never deleted and points at the survivor.
 */
export const mergeFields = (survivor: Customer, duplicate: Customer): MergedFields => {
  const texts = [survivor.whatMatters.text, duplicate.whatMatters.text].filter(
    (t, i, all): t is string => t !== null && all.indexOf(t) === i,
  );
  const consent: Record<ConsentKind, ConsentFlag | null> = { ...survivor.consent };
  for (const kind of Object.keys(EMPTY_CONSENT) as ConsentKind[]) {
    const mine = survivor.consent[kind];
    const theirs = duplicate.consent[kind];
    if (theirs && (!mine || theirs.changedAt.getTime() > mine.changedAt.getTime())) consent[kind] = theirs;
  }
  return {
    preferredName: survivor.preferredName ?? duplicate.preferredName,
    language: survivor.language ?? duplicate.language,
    whatMatters: {
      priorities: [...new Set([...survivor.whatMatters.priorities, ...duplicate.whatMatters.priorities])],
      text: texts.length > 0 ? texts.join('\n\n') : null,
    },
    consent,
  };
};

/** Refuses merges that cannot be right, before anything is written. */
export const checkMerge = (survivor: Customer, duplicate: Customer): void => {
  if (survivor.id === duplicate.id) {
    throw invalid('/body/duplicateId', 'is the same customer');
  }
  if (survivor.mergedInto) {
    throw new AppError(ErrorCode.Conflict, `This customer was already merged into ${survivor.mergedInto}`);
  }
  if (duplicate.mergedInto) {
    throw new AppError(ErrorCode.Conflict, `The duplicate was already merged into ${duplicate.mergedInto}`, [
      { field: '/body/duplicateId', message: 'already merged' },
    ]);
  }
};

// ---------------------------------------------------------------------------------------------
// Masking for lists

/** `sarah.mitchell@example.com` → `s***@example.com`: enough to recognise, not to contact. */
export const maskEmail = (email: string): string => {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  return `${[...email.slice(0, at)][0] ?? ''}***${email.slice(at)}`;
};

/** `+66812345678` → `+66•••••5678` (country code and last four digits). */
export const maskPhone = (phone: string): string => {
  const parsed = parsePhoneNumberFromString(phone);
  const cc = parsed ? `+${parsed.countryCallingCode}` : phone.slice(0, 3);
  const rest = phone.slice(cc.length);
  return `${cc}${'•'.repeat(Math.max(0, rest.length - 4))}${rest.slice(-4)}`;
};
