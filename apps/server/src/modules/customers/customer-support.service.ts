import type { AuditAction } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import type { Customer, CustomerProfile } from './customer.ts';
import type { CustomerRepository } from './customer.repository.ts';

export interface CustomerServiceDeps {
  readonly store: UnitOfWork<CustomerRepository>;
  readonly clock: Clock;
}

// What the customer use cases share: permission checks, following merges, and recording a change.

export { requirePermission } from '../access/index.ts';

export const notFound = (): AppError => new AppError(ErrorCode.NotFound, 'No such customer');

/** Follows `mergedInto` to the survivor: a merged customer's id keeps working. */
export const resolve = async (repo: CustomerRepository, id: string): Promise<Customer | undefined> => {
  let customer = await repo.findCustomer(id);
  for (let hops = 0; customer?.mergedInto && hops < 10; hops += 1) {
    customer = await repo.findCustomer(customer.mergedInto);
  }
  return customer;
};

export const profileOf = async (repo: CustomerRepository, id: string): Promise<CustomerProfile> => {
  const profile = await repo.findProfile(id);
  if (!profile) throw notFound();
  return profile;
};

export const trimmedOrNull = (text: string | undefined): string | null => {
  const value = text?.trim() ?? '';
  return value.length > 0 ? value : null;
};

/** Events and audit rows for one change of one customer, in the open unit of work. */
export const record = (repo: CustomerRepository, ctx: Context, now: Date) => ({
  event: (customerId: string, type: string, payload: Record<string, unknown>) =>
    repo.appendEvent({
      type,
      subjectType: 'customer',
      subjectId: customerId,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload,
      occurredAt: now,
    }),
  audit: (customerId: string, action: AuditAction, detail: string | null) =>
    repo.recordAccess([{ customerId, actorId: actorId(ctx.actor), action, requestId: ctx.requestId, detail, at: now }]),
});
