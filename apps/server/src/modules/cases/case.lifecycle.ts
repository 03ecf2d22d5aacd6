import type { CaseAction, CaseStatus, ResolutionKind } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Case, CaseChange, CustomerDecision, Resolution } from './case.ts';

/**
 * The lifecycle as data: for each action, the states it may start from and the state it leads to.
 * Anything not listed is refused with `invalid_transition` naming from and to.
 *
 *   new → acknowledged → investigating ⇄ waiting_on_customer / waiting_on_internal
 *       → resolution_proposed → resolved → closed;  resolved / closed → reopen → investigating
 */
export const TRANSITIONS: Readonly<
  Record<CaseAction, { readonly from: readonly CaseStatus[]; readonly to: CaseStatus }>
> = {
  acknowledge: { from: ['new'], to: 'acknowledged' },
  start_investigation: { from: ['new', 'acknowledged'], to: 'investigating' },
  wait_on_customer: {
    from: ['investigating', 'waiting_on_internal', 'resolution_proposed'],
    to: 'waiting_on_customer',
  },
  wait_on_internal: {
    from: ['new', 'acknowledged', 'investigating', 'waiting_on_customer', 'resolution_proposed'],
    to: 'waiting_on_internal',
  },
  resume: { from: ['waiting_on_customer', 'waiting_on_internal', 'resolution_proposed'], to: 'investigating' },
  propose_resolution: {
    from: ['investigating', 'waiting_on_customer', 'waiting_on_internal'],
    to: 'resolution_proposed',
  },
  resolve: { from: ['investigating', 'resolution_proposed', 'waiting_on_customer'], to: 'resolved' },
  close: { from: ['resolved'], to: 'closed' },
  reopen: { from: ['resolved', 'closed'], to: 'investigating' },
};

export interface TransitionInput {
  /** A resolution given with `propose_resolution` or `resolve`; otherwise the recorded one counts. */
  readonly resolution?: { readonly text: string; readonly kind: ResolutionKind; readonly rootCauseId: string };
  readonly reason?: string;
  readonly actorId?: string | null;
}

const invalid = (from: CaseStatus, action: string, to: CaseStatus | null): AppError =>
  new AppError(
    ErrorCode.InvalidTransition,
    to ? `A case that is ${from} cannot go to ${to} (${action})` : `Unknown action ${action} from ${from}`,
    [{ field: '/body/action', message: `not allowed from ${from}` }],
  );

/** The actions allowed from `status`, in catalogue order — what the console offers. */
export const allowedActions = (status: CaseStatus): CaseAction[] =>
  (Object.keys(TRANSITIONS) as CaseAction[]).filter((action) => TRANSITIONS[action].from.includes(status));

/**
 * Moves a case through its lifecycle. Pure: returns the new case and the events to append, or
 * throws `invalid_transition` (naming from and to) or `rule_violated` (a precondition missing).
 */
export const transition = (
  current: Case,
  action: CaseAction,
  input: TransitionInput,
  now: Date,
): { case: Case; events: CaseChange[] } => {
  const rule = Object.hasOwn(TRANSITIONS, action) ? TRANSITIONS[action] : undefined;
  if (!rule) throw invalid(current.status, String(action), null);
  if (!rule.from.includes(current.status)) throw invalid(current.status, action, rule.to);

  const events: CaseChange[] = [];
  let next: Case = current;

  if (input.resolution && (action === 'propose_resolution' || action === 'resolve')) {
    const recorded = recordResolution(next, input.resolution, input.actorId ?? null, now);
    next = recorded.case;
    events.push(...recorded.events);
  }
  if (action === 'resolve' && !next.resolution) {
    throw new AppError(ErrorCode.RuleViolated, 'Record a resolution and its root cause before resolving', [
      { field: '/body/resolution', message: 'is required to resolve' },
    ]);
  }
  if (action === 'propose_resolution' && !next.resolution) {
    throw new AppError(ErrorCode.RuleViolated, 'Record the resolution you propose', [
      { field: '/body/resolution', message: 'is required to propose a resolution' },
    ]);
  }
  if (action === 'close' && !next.customerDecision) {
    throw new AppError(
      ErrorCode.RuleViolated,
      "Record the customer's acceptance or rejection of the decision before closing",
      [{ field: '/body/action', message: 'needs the customer decision first' }],
    );
  }

  const closing = rule.to === 'closed';
  next = {
    ...next,
    status: rule.to,
    updatedAt: now,
    closedAt: closing ? now : rule.to === 'investigating' ? null : next.closedAt,
    // A reopened case needs a new resolution and a new answer from the customer.
    ...(action === 'reopen' ? { resolution: null, customerDecision: null } : {}),
  };
  events.push({
    type: 'case.status_changed',
    payload: { action, from: current.status, to: rule.to, ...(input.reason ? { reason: input.reason } : {}) },
  });
  return { case: next, events };
};

/**
 * Records (or replaces) the resolution. It may be temporary (article 001: even a temporary fix is a
 * resolution) and always names a root cause. Recording does not change the status by itself.
 */
export const recordResolution = (
  current: Case,
  resolution: { readonly text: string; readonly kind: ResolutionKind; readonly rootCauseId: string },
  actorId: string | null,
  now: Date,
): { case: Case; events: CaseChange[] } => {
  if (current.status === 'closed')
    throw new AppError(ErrorCode.RuleViolated, 'A closed case is not changed; reopen it');
  const text = resolution.text.trim();
  if (!text) {
    throw new AppError(ErrorCode.ValidationFailed, 'A resolution needs text', [
      { field: '/body/text', message: 'must not be blank' },
    ]);
  }
  if (!resolution.rootCauseId) {
    throw new AppError(ErrorCode.ValidationFailed, 'A resolution names its root cause', [
      { field: '/body/rootCauseId', message: 'is required' },
    ]);
  }
  const recorded: Resolution = {
    text,
    kind: resolution.kind,
    rootCauseId: resolution.rootCauseId,
    recordedAt: now,
    recordedBy: actorId,
  };
  return {
    case: { ...current, resolution: recorded, customerDecision: null, updatedAt: now },
    events: [
      {
        type: 'case.resolution_recorded',
        payload: {
          text,
          kind: resolution.kind,
          rootCauseId: resolution.rootCauseId,
          replaced: current.resolution !== null,
        },
      },
    ],
  };
};

/** Records the customer's acceptance or rejection of the proposed or final decision. */
export const recordCustomerDecision = (
  current: Case,
  decision: { readonly accepted: boolean; readonly note?: string | null | undefined },
  actorId: string | null,
  now: Date,
): { case: Case; events: CaseChange[] } => {
  if (current.status !== 'resolution_proposed' && current.status !== 'resolved') {
    throw new AppError(
      ErrorCode.InvalidTransition,
      `The customer decides on a proposed or resolved case, not one that is ${current.status}`,
    );
  }
  if (!current.resolution) throw new AppError(ErrorCode.RuleViolated, 'There is no resolution to decide on');
  const note = decision.note?.trim() || null;
  const recorded: CustomerDecision = { accepted: decision.accepted, note, recordedAt: now, recordedBy: actorId };
  return {
    case: { ...current, customerDecision: recorded, updatedAt: now },
    events: [{ type: 'case.customer_decision_recorded', payload: { accepted: decision.accepted, note } }],
  };
};

/** Closes a duplicate as merged into `intoCaseId`; its timeline stays and is shown on the survivor. */
export const closeAsMerged = (current: Case, intoCaseId: string, now: Date): { case: Case; events: CaseChange[] } => {
  if (current.status === 'closed') throw invalid(current.status, 'merge', 'closed');
  if (current.id === intoCaseId) {
    throw new AppError(ErrorCode.RuleViolated, 'A case cannot be merged into itself', [
      { field: '/body/duplicateId', message: 'is the same case' },
    ]);
  }
  return {
    case: { ...current, status: 'closed', mergedIntoId: intoCaseId, closedAt: now, updatedAt: now },
    events: [
      { type: 'case.merged', payload: { intoCaseId } },
      { type: 'case.status_changed', payload: { action: 'merge', from: current.status, to: 'closed' } },
    ],
  };
};
