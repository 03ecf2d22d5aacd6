import type { AuditAction, ConsentKind, ContactKind, Priority } from '@redress/contract';
import { sql, type Expression, type ExpressionBuilder, type Selectable, type SqlBool } from 'kysely';
import {
  nameSearchKey,
  type Consent,
  type ConsentFlag,
  type Customer,
  type CustomerLanguage,
  type CustomerProduct,
  type CustomerRepository,
  type ExternalId,
  type MatchHit,
  type WhatMatters,
} from '../../modules/customers/index.ts';
import { readInt, readJson, readOptionalTime, readTime, toDbJson, toDbTime } from '../codec.ts';
import type { Tx } from '../database.ts';
import { appendEvent } from '../events.ts';
import type { Schema } from '../schema.ts';

type CustomerRow = Selectable<Schema['customers']>;
type StoredConsent = Partial<Record<ConsentKind, { granted: boolean; changedAt: string } | null>>;
type StoredWhatMatters = { priorities?: Priority[]; text?: string | null } | null;

const CONSENT_KINDS: readonly ConsentKind[] = ['contactEmail', 'contactPhone', 'marketing', 'dataProcessing'];

const consentToDb = (consent: Consent): string =>
  toDbJson(
    Object.fromEntries(
      CONSENT_KINDS.map((kind) => {
        const flag = consent[kind];
        return [kind, flag ? { granted: flag.granted, changedAt: toDbTime(flag.changedAt) } : null];
      }),
    ),
  );

const consentFromDb = (value: unknown): Consent => {
  const stored = readJson<StoredConsent | null>(value) ?? {};
  const flag = (kind: ConsentKind): ConsentFlag | null => {
    const f = stored[kind];
    return f ? { granted: f.granted, changedAt: readTime(f.changedAt) } : null;
  };
  return {
    contactEmail: flag('contactEmail'),
    contactPhone: flag('contactPhone'),
    marketing: flag('marketing'),
    dataProcessing: flag('dataProcessing'),
  };
};

const whatMattersFromDb = (value: unknown): WhatMatters => {
  const stored = readJson<StoredWhatMatters>(value);
  return { priorities: stored?.priorities ?? [], text: stored?.text ?? null };
};

/** `%`, `_` and `\` match themselves in LIKE patterns built from user input. */
const likeEscape = (text: string): string => text.replace(/[\\%_]/gu, (c) => `\\${c}`);

/** Digits of a phone-looking query (`234-5678` → `2345678`), or undefined. */
const phoneDigits = (q: string): string | undefined => {
  if (!/^[+\d\s().-]+$/u.test(q)) return undefined;
  const digits = q.replace(/\D/gu, '');
  return digits.length >= 4 ? digits : undefined;
};

/** The customers port over Kysely; `tx` is either the read side or an open transaction. */
export const customersRepository = (tx: Tx): CustomerRepository => {
  /** Rows → customers with their contacts and external ids: three queries whatever the count. */
  const hydrate = async (rows: readonly CustomerRow[]): Promise<Customer[]> => {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const contacts = await tx
      .selectFrom('customer_contacts')
      .select(['customer_id', 'kind', 'value'])
      .where('customer_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('value')
      .execute();
    const externalIds = await tx
      .selectFrom('customer_external_ids')
      .select(['customer_id', 'kind', 'value'])
      .where('customer_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('kind')
      .orderBy('value')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      preferredName: row.preferred_name,
      language: row.language as CustomerLanguage | null,
      emails: contacts.filter((c) => c.customer_id === row.id && c.kind === 'email').map((c) => c.value),
      phones: contacts.filter((c) => c.customer_id === row.id && c.kind === 'phone').map((c) => c.value),
      externalIds: externalIds
        .filter((x) => x.customer_id === row.id)
        .map((x): ExternalId => ({ kind: x.kind, value: x.value })),
      whatMatters: whatMattersFromDb(row.notes_what_matters),
      consent: consentFromDb(row.consent),
      mergedInto: row.merged_into,
      createdAt: readTime(row.created_at),
      updatedAt: readTime(row.updated_at),
    }));
  };

  const findCustomer = async (id: string): Promise<Customer | undefined> => {
    const row = await tx.selectFrom('customers').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? (await hydrate([row]))[0] : undefined;
  };

  return {
    findCustomer,

    async findProfile(id) {
      const customer = await findCustomer(id);
      if (!customer) return undefined;
      const products = await tx
        .selectFrom('customer_products')
        .selectAll()
        .where('customer_id', '=', id)
        .orderBy('id')
        .execute();
      const merged = await tx
        .selectFrom('customers')
        .select('id')
        .where('merged_into', '=', id)
        .orderBy('id')
        .execute();
      return {
        ...customer,
        products: products.map((p): CustomerProduct => ({
          id: readInt(p.id),
          product: p.product,
          orderRef: p.order_ref,
          purchasedAt: readOptionalTime(p.purchased_at),
          notes: p.notes,
          addedAt: readTime(p.created_at),
        })),
        mergedFrom: merged.map((m) => m.id),
      };
    },

    async findByContact(kind, value) {
      const row = await tx
        .selectFrom('customer_contacts')
        .innerJoin('customers', 'customers.id', 'customer_contacts.customer_id')
        .selectAll('customers')
        .where('customer_contacts.kind', '=', kind)
        .where('customer_contacts.value', '=', value)
        .executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },

    async findByExternalId(externalId) {
      const row = await tx
        .selectFrom('customer_external_ids')
        .innerJoin('customers', 'customers.id', 'customer_external_ids.customer_id')
        .selectAll('customers')
        .where('customer_external_ids.kind', '=', externalId.kind)
        .where('customer_external_ids.value', '=', externalId.value)
        .executeTakeFirst();
      return row ? (await hydrate([row]))[0] : undefined;
    },

    async matchKeys(keys) {
      const hits: MatchHit[] = [];
      const contactKeys = [
        ...keys.emails.map((value) => ({ kind: 'email' as const, value })),
        ...keys.phones.map((value) => ({ kind: 'phone' as const, value })),
      ];
      if (contactKeys.length > 0) {
        const rows = await tx
          .selectFrom('customer_contacts')
          .select(['customer_id', 'kind'])
          .where((eb) => eb.or(contactKeys.map((k) => eb.and([eb('kind', '=', k.kind), eb('value', '=', k.value)]))))
          .orderBy('customer_id')
          .execute();
        for (const row of rows) hits.push({ customerId: row.customer_id, matchedBy: row.kind as ContactKind });
      }
      if (keys.externalIds.length > 0) {
        const rows = await tx
          .selectFrom('customer_external_ids')
          .select('customer_id')
          .where((eb) =>
            eb.or(keys.externalIds.map((k) => eb.and([eb('kind', '=', k.kind), eb('value', '=', k.value)]))),
          )
          .orderBy('customer_id')
          .execute();
        for (const row of rows) hits.push({ customerId: row.customer_id, matchedBy: 'external_id' });
      }
      return hits;
    },

    async listCustomers(search) {
      let query = tx
        .selectFrom('customers')
        .selectAll()
        .where('merged_into', 'is', null)
        .orderBy('id')
        .limit(search.limit);
      if (search.cursor) query = query.where('id', '>', search.cursor);
      const q = search.q?.normalize('NFKC').trim().toLowerCase();
      if (q) {
        const contains = `%${likeEscape(q)}%`;
        const phones = search.phones ?? [];
        // A whole number is compared exactly (so 081… does not also find +86 138 1234 5678);
        // a fragment of digits ("the last four") as text.
        const digits = phones.length === 0 ? phoneDigits(q) : undefined;
        const like = (ref: Expression<unknown>, pattern: string) => sql<SqlBool>`${ref} like ${pattern} escape '\\'`;
        query = query.where((eb: ExpressionBuilder<Schema, 'customers'>) =>
          eb.or([
            like(eb.ref('customers.search_name'), contains),
            eb.exists(
              eb
                .selectFrom('customer_contacts')
                .select(sql`1`.as('one'))
                .whereRef('customer_contacts.customer_id', '=', 'customers.id')
                .where((c) =>
                  c.or([
                    like(c.ref('customer_contacts.value'), contains),
                    ...(digits ? [like(c.ref('customer_contacts.value'), `%${digits}%`)] : []),
                    ...(phones.length > 0
                      ? [c.and([c('customer_contacts.kind', '=', 'phone'), c('customer_contacts.value', 'in', phones)])]
                      : []),
                  ]),
                ),
            ),
            eb.exists(
              eb
                .selectFrom('customer_external_ids')
                .select(sql`1`.as('one'))
                .whereRef('customer_external_ids.customer_id', '=', 'customers.id')
                .where((c) => like(c.ref('customer_external_ids.value'), `${likeEscape(q.toUpperCase())}%`)),
            ),
          ]),
        );
      }
      return hydrate(await query.execute());
    },

    async insertCustomer(customer) {
      const at = toDbTime(customer.createdAt);
      await tx
        .insertInto('customers')
        .values({
          id: customer.id,
          name: customer.name,
          preferred_name: customer.preferredName,
          language: customer.language,
          search_name: nameSearchKey(customer.name, customer.preferredName),
          notes_what_matters: toDbJson(customer.whatMatters),
          consent: consentToDb(customer.consent),
          merged_into: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
    },

    async discardNewCustomer(id) {
      await tx.deleteFrom('customer_contacts').where('customer_id', '=', id).execute();
      await tx.deleteFrom('customer_external_ids').where('customer_id', '=', id).execute();
      await tx.deleteFrom('customers').where('id', '=', id).execute();
    },

    async updateCustomer(id, changes, at) {
      const set: {
        name?: string;
        preferred_name?: string | null;
        language?: string | null;
        search_name?: string;
        notes_what_matters?: string;
        consent?: string;
        updated_at: string;
      } = { updated_at: toDbTime(at) };
      if (changes.name !== undefined) set.name = changes.name;
      if (changes.preferredName !== undefined) set.preferred_name = changes.preferredName;
      if (changes.language !== undefined) set.language = changes.language;
      if (changes.whatMatters !== undefined) set.notes_what_matters = toDbJson(changes.whatMatters);
      if (changes.consent !== undefined) set.consent = consentToDb(changes.consent);
      if (changes.name !== undefined || changes.preferredName !== undefined) {
        const current = await tx
          .selectFrom('customers')
          .select(['name', 'preferred_name'])
          .where('id', '=', id)
          .executeTakeFirst();
        if (current) {
          set.search_name = nameSearchKey(
            changes.name ?? current.name,
            changes.preferredName !== undefined ? changes.preferredName : current.preferred_name,
          );
        }
      }
      await tx.updateTable('customers').set(set).where('id', '=', id).execute();
    },

    async addContact(customerId, kind, value, at) {
      const inserted = await tx
        .insertInto('customer_contacts')
        .values({ customer_id: customerId, kind, value, created_at: toDbTime(at) })
        .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
        .returning('value')
        .execute();
      return inserted.length > 0;
    },

    async removeContact(customerId, kind, value) {
      const result = await tx
        .deleteFrom('customer_contacts')
        .where('customer_id', '=', customerId)
        .where('kind', '=', kind)
        .where('value', '=', value)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async addExternalId(customerId, externalId, at) {
      const inserted = await tx
        .insertInto('customer_external_ids')
        .values({ customer_id: customerId, kind: externalId.kind, value: externalId.value, created_at: toDbTime(at) })
        .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
        .returning('value')
        .execute();
      return inserted.length > 0;
    },

    async addProduct(customerId, product, at) {
      const row = await tx
        .insertInto('customer_products')
        .values({
          customer_id: customerId,
          product: product.product,
          order_ref: product.orderRef,
          purchased_at: product.purchasedAt ? toDbTime(product.purchasedAt) : null,
          notes: product.notes,
          created_at: toDbTime(at),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id: readInt(row.id), ...product, addedAt: at };
    },

    async mergeInto(survivorId, duplicateId, at) {
      for (const table of ['customer_contacts', 'customer_external_ids', 'customer_products'] as const) {
        await tx.updateTable(table).set({ customer_id: survivorId }).where('customer_id', '=', duplicateId).execute();
      }
      await tx
        .updateTable('customers')
        .set({ merged_into: survivorId, updated_at: toDbTime(at) })
        .where((eb) => eb.or([eb('id', '=', duplicateId), eb('merged_into', '=', duplicateId)]))
        .execute();
    },

    async recordAccess(entries) {
      if (entries.length === 0) return;
      await tx
        .insertInto('personal_data_access')
        .values(
          entries.map((e) => ({
            customer_id: e.customerId,
            actor_id: e.actorId,
            action: e.action,
            request_id: e.requestId,
            detail: e.detail,
            at: toDbTime(e.at),
          })),
        )
        .execute();
    },

    async listAccess(customerId, limit, before) {
      let query = tx
        .selectFrom('personal_data_access')
        .selectAll()
        .where('customer_id', '=', customerId)
        .orderBy('id', 'desc')
        .limit(limit);
      if (before !== undefined) query = query.where('id', '<', before);
      return (await query.execute()).map((row) => ({
        id: readInt(row.id),
        customerId: row.customer_id,
        actorId: row.actor_id,
        action: row.action as AuditAction,
        requestId: row.request_id,
        detail: row.detail,
        at: readTime(row.at),
      }));
    },

    async appendEvent(event) {
      await appendEvent(tx, event);
    },
  };
};
