import type { LogCallBody } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import {
  appendCaseEvents,
  loadVisibleCase,
  openCaseWithin,
  visibilityFor,
  type Case,
  type CaseStore,
} from '../cases/index.ts';
import { normalizePhone } from '../customers/index.ts';

export interface LoggedCall {
  readonly case: Case;
  readonly created: boolean;
  readonly customerId: string;
  readonly known: boolean;
  readonly otherOpenCaseIds: readonly string[];
}

/** The customer a (possibly merged) customer now is. */
const survivorOf = async (customers: CaseStore['customers'], customerId: string): Promise<string> => {
  const found = await customers.findCustomer(customerId);
  return found?.mergedInto ?? customerId;
};

/** How many of the caller's open cases are looked at to pick the one the call is about. */
const OPEN_CASES_LOOKED_AT = 20;

const callEvent = (ctx: Context, input: LogCallBody, startedAt: Date) => ({
  type: 'case.call_logged',
  payload: {
    direction: input.direction ?? 'inbound',
    counterpart: input.name?.trim() || 'customer',
    agentId: actorId(ctx.actor),
    startedAt: startedAt.toISOString(),
    durationSeconds: input.durationSeconds,
    outcome: input.outcome,
    summary: input.summary ?? null,
  },
});

/**
 * Log a call: the caller matched by number, the call recorded on the right case — the one named,
 * or the caller's most recently active open case, or a new phone case — all in one transaction.
 */
export const createCallService = ({ store, clock }: { store: UnitOfWork<CaseStore>; clock: Clock }) => {
  const logCall = async (ctx: Context, input: LogCallBody): Promise<LoggedCall> => {
    requirePermission(ctx.actor, 'case:update');
    const startedAt = new Date(input.startedAt);
    if (Number.isNaN(startedAt.getTime())) {
      throw new AppError(ErrorCode.ValidationFailed, 'Not a time', [
        { field: '/body/startedAt', message: 'is not a time' },
      ]);
    }
    const phone = normalizePhone(input.phone, input.language, '/body/phone');
    const now = clock.now();
    return store.write(async (port) => {
      const { cases, customers } = port;
      const known = await customers.findByContact('phone', phone);
      // Contacts move to the survivor of a merge; the cases of those merged into it are theirs too.
      const customer = known?.mergedInto ? ((await customers.findCustomer(known.mergedInto)) ?? known) : known;
      const candidates = customer
        ? (
            await cases.listCases(visibilityFor(ctx.actor), {
              customerId: customer.id,
              notClosed: true,
              sort: 'updated_desc',
              limit: OPEN_CASES_LOOKED_AT,
            })
          ).items
        : [];
      // A case still being worked first; else one just resolved (a call about it cancels its follow-up).
      const open = candidates.filter((c) => c.status !== 'resolved');
      const chosen = open[0] ?? candidates[0];
      let target: Case | undefined;
      if (input.caseId) {
        target = await loadVisibleCase(cases, ctx, input.caseId, true).catch(() => {
          throw new AppError(ErrorCode.NotFound, 'No such case', [{ field: '/body/caseId', message: 'no such case' }]);
        });
        if (target.mergedIntoId) target = await loadVisibleCase(cases, ctx, target.mergedIntoId, true);
        if (customer && (await survivorOf(customers, target.customerId)) !== customer.id) {
          throw new AppError(ErrorCode.RuleViolated, "The case is another customer's", [
            { field: '/body/caseId', message: 'belongs to another customer than this number' },
          ]);
        }
      } else if (!input.newCase && chosen) {
        target = await loadVisibleCase(cases, ctx, chosen.id, true);
      }
      const event = callEvent(ctx, input, startedAt);
      if (target) {
        const updated = { ...target, updatedAt: now };
        await cases.saveCase(updated);
        await appendCaseEvents(cases, ctx, target.id, [event], now);
        return {
          case: updated,
          created: false,
          customerId: customer?.id ?? target.customerId,
          known: customer !== undefined,
          otherOpenCaseIds: open.filter((c) => c.id !== target.id).map((c) => c.id),
        };
      }
      if (!input.description) {
        throw new AppError(ErrorCode.ValidationFailed, 'What did the caller say? A new case needs it', [
          { field: '/body/description', message: 'is required: this caller has no open case' },
        ]);
      }
      const name = input.name?.trim() || customer?.name;
      if (!name) {
        throw new AppError(ErrorCode.ValidationFailed, 'A new caller needs a name', [
          { field: '/body/name', message: 'is required for a caller not known yet' },
        ]);
      }
      const opened = await openCaseWithin(
        port,
        ctx,
        {
          customer: { name, phone, language: input.language },
          channel: 'phone',
          description: input.description,
          subject: input.subject,
          categoryId: input.categoryId,
          siteId: input.siteId,
          language: input.language,
        },
        now,
      );
      await appendCaseEvents(cases, ctx, opened.case.id, [event], now);
      return {
        case: opened.case,
        created: true,
        customerId: opened.case.customerId,
        known: customer !== undefined,
        otherOpenCaseIds: open.map((c) => c.id),
      };
    });
  };
  return { logCall };
};

export type CallService = ReturnType<typeof createCallService>;
