import type { CaseChannel, CasePriority, ExpectedRemedy, Locale, Severity } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, scopeOf, type Context } from '../../shared/unit-of-work.ts';
import { can, scopeCoversSite } from '../access/index.ts';
import { captureCustomer } from '../customers/index.ts';
import { formatCaseRef, refYear, type Case } from './case.ts';
import type { CaseView } from './case.presenter.ts';
import type { CaseStore } from './case.repository.ts';
import { appendCaseEvents, requirePermission, userCanWorkAt } from './case-support.service.ts';

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

/**
 * Opens a case from a complaint inside the caller's unit of work: the customer is matched or
 * created, the reference taken, the first handler recorded and `case.created` appended. Intake
 * paths that store rows of their own with the case (e-mail, the portal, a logged call) call this
 * with their port so everything commits together.
 */
export const openCaseWithin = async (
  port: CaseStore,
  ctx: Context,
  input: OpenCaseInput,
  now: Date,
): Promise<CaseView> => {
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
  const id = newId('case', now);
  const { cases, customers } = port;
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
};
