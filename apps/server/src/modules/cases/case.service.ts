import type { CaseListQuery } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { can } from '../access/index.ts';
import { type Customer } from '../customers/index.ts';
import { allowedActions } from './case.lifecycle.ts';
import { mayActAsOwner, visibilityFor } from './case.policy.ts';
import type { CaseView } from './case.presenter.ts';
import type { CaseStore } from './case.repository.ts';
import { caseCommands } from './case-commands.service.ts';
import { openCaseWithin, type OpenCaseInput } from './case-open.service.ts';
import { loadVisibleCase, requirePermission, TIMELINE_LIMIT } from './case-support.service.ts';
import { caseConfiguration } from './case-config.service.ts';
import { queueFilterFor } from './case-queues.ts';

export interface CaseServiceDeps {
  readonly store: UnitOfWork<CaseStore>;
  readonly clock: Clock;
}

export type { OpenCaseInput } from './case-open.service.ts';

/** The case a caller may see, as other modules need it (attachments, idempotency). */
export interface VisibleCase {
  readonly id: string;
  readonly ref: string;
  readonly siteId: string | null;
  readonly ownerId: string;
  readonly status: string;
}

/**
 * Cases: intake (customer captured in the same transaction), reading with the timeline, listing
 * narrowed by scope in SQL, and every command that changes a case (see case-commands.service.ts).
 */
export const createCaseService = ({ store, clock }: CaseServiceDeps) => {
  /** Opens a case from a complaint; the customer is matched or created in the same transaction. */
  const openCase = async (ctx: Context, input: OpenCaseInput): Promise<CaseView> =>
    store.write((port) => openCaseWithin(port, ctx, input, clock.now()));

  /** One case with its customer, owner, key people, links and the full timeline (merged duplicates included). */
  const getCase = async (ctx: Context, id: string): Promise<CaseView> => {
    requirePermission(ctx.actor, 'case:read');
    const { cases, customers } = store.read;
    const record = await loadVisibleCase(cases, ctx, id);
    const merged = await cases.mergedInto(record.id);
    const [timeline, keyPeople, links, names, category] = await Promise.all([
      cases.timeline([record.id, ...merged], TIMELINE_LIMIT),
      cases.listKeyPeople(record.id),
      cases.listLinks(record.id),
      cases.userNames([record.ownerId]),
      record.categoryId ? cases.findCategory(record.categoryId) : Promise.resolve(undefined),
    ]);
    let customer: Customer | undefined = await customers.findCustomer(record.customerId);
    if (customer?.mergedInto) customer = (await customers.findCustomer(customer.mergedInto)) ?? customer;
    const showContacts = can(ctx.actor, 'customer:read');
    if (showContacts && customer && ctx.actor.kind === 'user') {
      // Contact details are personal data: the audit trail records who saw them, and when.
      const entry = {
        customerId: customer.id,
        actorId: ctx.actor.userId,
        action: 'read' as const,
        requestId: ctx.requestId,
        detail: `via case ${record.ref}`,
        at: clock.now(),
      };
      await store.write((repo) => repo.customers.recordAccess([entry]));
    }
    return {
      case: record,
      customer,
      ownerName: names.get(record.ownerId) ?? null,
      categoryKind: category?.kind ?? null,
      showContacts,
      timeline,
      keyPeople,
      links,
      allowedActions: can(ctx.actor, 'case:transition') ? allowedActions(record.status) : [],
    };
  };

  /**
   * Cases the caller may see, narrowed in SQL; newest first unless `sort` says otherwise. `queue`
   * keeps one of the agent's queues (`due_soon` soonest due first); each item carries its next due
   * time, escalation rank and customer's name.
   */
  const listCases = async (ctx: Context, query: CaseListQuery) => {
    requirePermission(ctx.actor, 'case:read');
    return store.read.cases.listCases(visibilityFor(ctx.actor), {
      queue: query.queue ? queueFilterFor(ctx.actor, query.queue, clock.now(), query.hours) : undefined,
      q: query.q,
      status: query.status,
      siteId: query.siteId,
      ownerId: query.ownerId,
      categoryId: query.categoryId,
      customerId: query.customerId,
      openOnly: query.open,
      cursor: query.cursor,
      sort: query.sort ?? 'created_desc',
      limit: query.limit ?? 50,
    });
  };

  /**
   * For other modules (attachments, idempotency): the case when the caller may read it, else
   * `not_found` — whether it is missing or outside the caller's scope.
   */
  const requireVisibleCase = async (ctx: Context, caseId: string): Promise<VisibleCase> => {
    requirePermission(ctx.actor, 'case:read');
    const found = await loadVisibleCase(store.read.cases, ctx, caseId);
    return { id: found.id, ref: found.ref, siteId: found.siteId, ownerId: found.ownerId, status: found.status };
  };

  const deps = { store, clock, getCase };
  return {
    openCase,
    getCase,
    listCases,
    requireVisibleCase,
    mayActAsOwner,
    ...caseCommands(deps),
    ...caseConfiguration({ store, clock }),
  };
};

export type CaseService = ReturnType<typeof createCaseService>;
