import { EventType, type ContactKind } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Context } from '../../shared/unit-of-work.ts';
import {
  MAX_CONTACTS_PER_KIND,
  MAX_EXTERNAL_IDS,
  normalizeContact,
  normalizeExternalId,
  tryNormalizeEmail,
  tryNormalizePhone,
  type CustomerProduct,
  type CustomerProfile,
  type ExternalId,
} from './customer.ts';
import {
  notFound,
  profileOf,
  record,
  requirePermission,
  resolve,
  trimmedOrNull,
  type CustomerServiceDeps,
} from './customer-support.service.ts';

export interface AddProductInput {
  readonly product: string;
  readonly orderRef?: string | undefined;
  readonly purchasedAt?: string | undefined;
  readonly notes?: string | undefined;
}

/**
 * Contacts, external ids and products of one customer: each change an event and an audit row.
 */
export const customerDetails = ({ store, clock }: CustomerServiceDeps) => {
  /** Adds an e-mail or phone (a phone is read in the country of the customer's language). */
  const addContact = async (
    ctx: Context,
    id: string,
    input: { kind: ContactKind; value: string },
  ): Promise<CustomerProfile> => {
    requirePermission(ctx.actor, 'customer:write');
    const now = clock.now();
    return store.write(async (repo) => {
      const customer = await resolve(repo, id);
      if (!customer) throw notFound();
      const value = normalizeContact(input.kind, input.value, customer.language, '/body/value');
      const existing = input.kind === 'email' ? customer.emails : customer.phones;
      if (existing.includes(value)) return profileOf(repo, customer.id);
      if (existing.length >= MAX_CONTACTS_PER_KIND) {
        throw new AppError(ErrorCode.RuleViolated, `A customer keeps at most ${MAX_CONTACTS_PER_KIND} of each contact`);
      }
      if (!(await repo.addContact(customer.id, input.kind, value, now))) {
        const owner = await repo.findByContact(input.kind, value);
        throw new AppError(ErrorCode.Conflict, `This ${input.kind} belongs to another customer`, [
          { field: '/body/value', message: `already belongs to customer ${owner?.id ?? 'another'}` },
        ]);
      }
      await repo.updateCustomer(customer.id, {}, now);
      const { event, audit } = record(repo, ctx, now);
      await event(customer.id, EventType.CustomerContactAdded, { kind: input.kind, value });
      await audit(customer.id, 'update', `${input.kind} added`);
      return profileOf(repo, customer.id);
    });
  };

  /** Removes an e-mail or phone from the current record; the event log keeps that it was there. */
  const removeContact = async (
    ctx: Context,
    id: string,
    input: { kind: ContactKind; value: string },
  ): Promise<CustomerProfile> => {
    requirePermission(ctx.actor, 'customer:write');
    const now = clock.now();
    return store.write(async (repo) => {
      const customer = await resolve(repo, id);
      if (!customer) throw notFound();
      const value =
        input.kind === 'email' ? tryNormalizeEmail(input.value) : tryNormalizePhone(input.value, customer.language);
      if (!value || !(await repo.removeContact(customer.id, input.kind, value))) {
        throw new AppError(ErrorCode.NotFound, `This customer has no such ${input.kind}`);
      }
      await repo.updateCustomer(customer.id, {}, now);
      const { event, audit } = record(repo, ctx, now);
      await event(customer.id, EventType.CustomerContactRemoved, { kind: input.kind, value });
      await audit(customer.id, 'update', `${input.kind} removed`);
      return profileOf(repo, customer.id);
    });
  };

  const addExternalId = async (ctx: Context, id: string, input: ExternalId): Promise<CustomerProfile> => {
    requirePermission(ctx.actor, 'customer:write');
    const externalId = normalizeExternalId(input, '/body');
    const now = clock.now();
    return store.write(async (repo) => {
      const customer = await resolve(repo, id);
      if (!customer) throw notFound();
      if (customer.externalIds.some((x) => x.kind === externalId.kind && x.value === externalId.value)) {
        return profileOf(repo, customer.id);
      }
      if (customer.externalIds.length >= MAX_EXTERNAL_IDS) {
        throw new AppError(ErrorCode.RuleViolated, `A customer keeps at most ${MAX_EXTERNAL_IDS} external ids`);
      }
      if (!(await repo.addExternalId(customer.id, externalId, now))) {
        const owner = await repo.findByExternalId(externalId);
        throw new AppError(ErrorCode.Conflict, 'This external id belongs to another customer', [
          { field: '/body/value', message: `already belongs to customer ${owner?.id ?? 'another'}` },
        ]);
      }
      await repo.updateCustomer(customer.id, {}, now);
      const { event, audit } = record(repo, ctx, now);
      await event(customer.id, EventType.CustomerExternalIdAdded, { ...externalId });
      await audit(customer.id, 'update', 'external id added');
      return profileOf(repo, customer.id);
    });
  };

  /** Records a product or order the customer has, e.g. the kettle the complaint is about. */
  const addProduct = async (
    ctx: Context,
    id: string,
    input: AddProductInput,
  ): Promise<{ customer: CustomerProfile; product: CustomerProduct }> => {
    requirePermission(ctx.actor, 'customer:write');
    const product = trimmedOrNull(input.product);
    if (!product) {
      throw new AppError(ErrorCode.ValidationFailed, 'Name the product', [
        { field: '/body/product', message: 'cannot be empty' },
      ]);
    }
    const purchasedAt = input.purchasedAt ? new Date(input.purchasedAt) : null;
    if (purchasedAt && Number.isNaN(purchasedAt.getTime())) {
      throw new AppError(ErrorCode.ValidationFailed, 'Not a date', [
        { field: '/body/purchasedAt', message: 'not a date' },
      ]);
    }
    const now = clock.now();
    return store.write(async (repo) => {
      const customer = await resolve(repo, id);
      if (!customer) throw notFound();
      const added = await repo.addProduct(
        customer.id,
        { product, orderRef: trimmedOrNull(input.orderRef), purchasedAt, notes: trimmedOrNull(input.notes) },
        now,
      );
      await repo.updateCustomer(customer.id, {}, now);
      const { event, audit } = record(repo, ctx, now);
      await event(customer.id, EventType.CustomerProductAdded, {
        productId: added.id,
        product: added.product,
        orderRef: added.orderRef,
        purchasedAt: added.purchasedAt?.toISOString() ?? null,
      });
      await audit(customer.id, 'update', 'product added');
      return { customer: await profileOf(repo, customer.id), product: added };
    });
  };

  return { addContact, removeContact, addExternalId, addProduct };
};
