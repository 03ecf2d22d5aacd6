import type { CaseChannel, CaseListQuery, CasePriority, ExpectedRemedy, Locale, Severity } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, scopeOf, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { can, scopeCoversSite } from '../access/index.ts';
import { captureCustomer, type Customer } from '../customers/index.ts';
import { formatCaseRef, refYear, type Case } from './case.ts';
import { allowedActions } from './case.lifecycle.ts';
import { mayActAsOwner, visibilityFor } from './case.policy.ts';
import type { CaseView } from './case.presenter.ts';
import type { CaseStore } from './case.repository.ts';
import { caseCommands } from './case-commands.service.ts';
import {
  appendCaseEvents,
  loadVisibleCase,
  requirePermission,
  TIMELINE_LIMIT,
  userCanWorkAt,
} from './case-support.service.ts';
import { caseConfiguration } from './case-config.service.ts';

export interface CaseServiceDeps {
  readonly store: UnitOfWork<CaseStore>;
  readonly clock: Clock;
}

export interface OpenCaseInput {
  readonly customer: {
    readonly name: string;
    readonly email?: string | undefined;
    readonly phone?: string | undefined;
    readonly language?: Locale | undefined;
  };
  readonly channel: CaseChannel;
  readonly subject?: string | undefined;
  readonly description: string;
  readonly language?: Locale | undefined;
  readonly categoryId?: string | undefined;
  readonly severity?: Severity | undefined;
  readonly safety?: boolean | undefined;
  readonly priority?: CasePriority | undefined;
  readonly expectedRemedy?: ExpectedRemedy | undefined;
  readonly productRef?: string | undefined;
  readonly orderRef?: string | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly siteId?: string | undefined;
  readonly ownerId?: string | undefined;
}

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
  const openCase = async (ctx: Context, input: OpenCaseInput): Promise<CaseView> => {
    requirePermission(ctx.actor, 'case:create');
    const scope = scopeOf(ctx.actor);
    const siteId = input.siteId ?? scope.siteIds[0] ?? null;
    if (input.siteId && !scopeCoversSite(scope, input.siteId)) {
      throw new AppError(ErrorCode.NotFound, 'No such site', [{ field: '/body/siteId', message: 'no such site' }]);
    }
    const creatorId = actorId(ctx.actor);
    const ownerId = input.ownerId ?? creatorId;
    if (!ownerId) {
      throw new AppError(ErrorCode.ValidationFailed, 'A case needs an owner', [
        { field: '/body/ownerId', message: 'is required when the system opens a case' },
      ]);
    }
    if (input.ownerId && input.ownerId !== creatorId) requirePermission(ctx.actor, 'case:assign');
    const now = clock.now();
    const id = newId('case', now);
    return store.write(async ({ cases, customers }) => {
      if (siteId && input.siteId && !(await cases.siteExists(siteId))) {
        throw new AppError(ErrorCode.NotFound, 'No such site', [{ field: '/body/siteId', message: 'no such site' }]);
      }
      let ownerName: string | null = null;
      if (input.ownerId && input.ownerId !== creatorId) {
        const owner = await cases.findUser(input.ownerId);
        if (!owner || !userCanWorkAt(owner, siteId, 'case:update')) {
          throw new AppError(ErrorCode.ValidationFailed, 'The owner cannot work cases at this site', [
            { field: '/body/ownerId', message: 'cannot own a case at this site' },
          ]);
        }
        ownerName = owner.name;
      }
      let categoryKind: CaseView['categoryKind'] = null;
      if (input.categoryId) {
        const category = await cases.findCategory(input.categoryId);
        if (!category) {
          throw new AppError(ErrorCode.ValidationFailed, 'No such category', [
            { field: '/body/categoryId', message: 'no such category' },
          ]);
        }
        categoryKind = category.kind;
      }
      const { customer, matchedBy } = await captureCustomer(
        customers,
        {
          name: input.customer.name,
          email: input.customer.email,
          phone: input.customer.phone,
          language: input.customer.language ?? input.language,
        },
        ctx,
        now,
      );
      const year = refYear(now);
      const ref = formatCaseRef(year, await cases.nextRefSequence(year));
      const record: Case = {
        id,
        ref,
        status: 'new',
        customerId: customer.id,
        channel: input.channel,
        subject: input.subject?.trim() || null,
        description: input.description,
        language: input.language ?? input.customer.language ?? customer.language ?? null,
        categoryId: input.categoryId ?? null,
        severity: input.severity ?? (input.safety ? 'high' : 'medium'),
        safety: input.safety ?? false,
        priority: input.priority ?? 'normal',
        expectedRemedy: input.expectedRemedy ?? null,
        productRef: input.productRef?.trim() || null,
        orderRef: input.orderRef?.trim() || null,
        tags: [...new Set(input.tags ?? [])].sort(),
        siteId,
        ownerId,
        resolution: null,
        customerDecision: null,
        mergedIntoId: null,
        createdAt: now,
        updatedAt: now,
        closedAt: null,
      };
      await cases.insertCase(record, creatorId);
      if (creatorId) {
        await cases.insertKeyPerson({
          id: newId('kp', now),
          caseId: id,
          role: 'first_handler',
          userId: creatorId,
          name: null,
          relationship: null,
          contact: null,
          consent: null,
          note: null,
          createdBy: creatorId,
          createdAt: now,
        });
      }
      await appendCaseEvents(
        cases,
        ctx,
        id,
        [
          {
            type: 'case.created',
            payload: {
              ref,
              channel: record.channel,
              customerId: customer.id,
              matchedBy,
              siteId,
              ownerId,
              severity: record.severity,
              safety: record.safety,
              expectedRemedy: record.expectedRemedy,
            },
          },
        ],
        now,
        record,
      );
      const showContacts = can(ctx.actor, 'customer:read');
      if (showContacts && matchedBy !== null && ctx.actor.kind === 'user') {
        // A matched customer's stored contacts come back with the new case: that is a read of personal data.
        await customers.recordAccess([
          {
            customerId: customer.id,
            actorId: ctx.actor.userId,
            action: 'read',
            requestId: ctx.requestId,
            detail: `via intake ${ref}`,
            at: now,
          },
        ]);
      }
      return { case: record, customer, matchedBy, ownerName, categoryKind, showContacts };
    });
  };

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

  /** Cases the caller may see, narrowed in SQL; newest first unless `sort` says otherwise. */
  const listCases = async (ctx: Context, query: CaseListQuery) => {
    requirePermission(ctx.actor, 'case:read');
    return store.read.cases.listCases(visibilityFor(ctx.actor), {
      q: query.q,
      status: query.status,
      siteId: query.siteId,
      ownerId: query.ownerId,
      categoryId: query.categoryId,
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
