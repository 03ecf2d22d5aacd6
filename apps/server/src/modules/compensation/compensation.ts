import type { CompensationKind, CompensationStatus } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/** A remedy offered on a case (article 003), from proposal to the day it reached the customer. */
export interface Compensation {
  readonly id: string;
  readonly caseId: string;
  readonly kind: CompensationKind;
  /**
   * Minor units of `currency`: the money for a refund, money, voucher or goodwill; the estimated
   * value for a replacement or a repair. Required on every new proposal; null only on records
   * written before that rule.
   */
  readonly amount: number | null;
  readonly currency: string | null;
  readonly description: string;
  readonly status: CompensationStatus;
  /** The lowest ladder rank whose authority covers it. */
  readonly requiredRank: number;
  readonly proposedBy: string | null;
  readonly proposedAt: Date;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly decisionNote: string | null;
  readonly customerAccepted: boolean | null;
  readonly customerResponseAt: Date | null;
  /** When it was paid or delivered (UTC): what the follow-up waits for. */
  readonly deliveredAt: Date | null;
}

export interface CompensationChange {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/**
 * Checks a proposal's amount and currency. EVERY kind needs both: money remedies (refund, money,
 * voucher, goodwill) their sum, non-monetary ones (replacement, repair) their estimated value —
 * authority is a limit on value, and a remedy without one would pass any limit ("goodwill:
 * NT$1,000,000 cash" written in the description). (Non-negative integers within a trillion minor
 * units, and the ISO shape, are the schema's.)
 */
export const checkRemedy = (input: {
  kind: CompensationKind;
  amount: number | null;
  currency: string | null;
}): void => {
  if (input.amount === null) {
    const what = input.kind === 'replacement' || input.kind === 'repair' ? 'an estimated value' : 'an amount';
    throw new AppError(ErrorCode.ValidationFailed, `A ${input.kind} needs ${what}`, [
      { field: '/body/amount', message: 'is required (minor units; the estimated value for a replacement or repair)' },
    ]);
  }
  if (input.currency === null) {
    throw new AppError(ErrorCode.ValidationFailed, 'An amount needs its currency', [
      { field: '/body/currency', message: 'is required with an amount' },
    ]);
  }
  if (input.amount !== null && (!Number.isSafeInteger(input.amount) || input.amount < 0)) {
    throw new AppError(ErrorCode.ValidationFailed, 'Not an amount', [
      { field: '/body/amount', message: 'must be a non-negative integer of minor units' },
    ]);
  }
};

const proposedPayload = (c: Compensation) => ({
  compensationId: c.id,
  kind: c.kind,
  amount: c.amount,
  currency: c.currency,
  requiredRank: c.requiredRank,
  status: c.status,
});

/**
 * A new proposal. When the proposer's own level covers it (`approvedNow`), it is approved in the
 * same step: authority is the right to decide, and making someone wait for their own approval
 * adds a step and nothing else. The events still show who proposed and who decided.
 */
export const proposeCompensation = (
  input: Omit<
    Compensation,
    'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'customerAccepted' | 'customerResponseAt' | 'deliveredAt'
  >,
  approvedNow: boolean,
): { compensation: Compensation; events: CompensationChange[] } => {
  checkRemedy(input);
  const proposed: Compensation = {
    ...input,
    status: 'proposed',
    decidedBy: null,
    decidedAt: null,
    decisionNote: null,
    customerAccepted: null,
    customerResponseAt: null,
    deliveredAt: null,
  };
  if (!approvedNow) {
    return { compensation: proposed, events: [{ type: 'compensation.proposed', payload: proposedPayload(proposed) }] };
  }
  const approved: Compensation = {
    ...proposed,
    status: 'approved',
    decidedBy: input.proposedBy,
    decidedAt: input.proposedAt,
  };
  return {
    compensation: approved,
    events: [
      { type: 'compensation.proposed', payload: proposedPayload(approved) },
      {
        type: 'compensation.approved',
        payload: { compensationId: approved.id, requiredRank: approved.requiredRank, withinOwnAuthority: true },
      },
    ],
  };
};

/** Approves or rejects a waiting proposal. Authority is checked by the caller against the ladder. */
export const decideCompensation = (
  current: Compensation,
  decision: 'approve' | 'reject',
  by: string | null,
  note: string | null,
  now: Date,
): { compensation: Compensation; events: CompensationChange[] } => {
  if (current.status !== 'proposed') {
    throw new AppError(ErrorCode.RuleViolated, `The proposal is already ${current.status}`);
  }
  const status = decision === 'approve' ? 'approved' : 'rejected';
  return {
    compensation: { ...current, status, decidedBy: by, decidedAt: now, decisionNote: note },
    events: [
      {
        type: decision === 'approve' ? 'compensation.approved' : 'compensation.rejected',
        payload: { compensationId: current.id, requiredRank: current.requiredRank, note },
      },
    ],
  };
};

/** The customer accepts or declines an approved remedy. */
export const recordCustomerResponse = (
  current: Compensation,
  accepted: boolean,
  note: string | null,
  now: Date,
): { compensation: Compensation; events: CompensationChange[] } => {
  if (current.status !== 'approved') {
    throw new AppError(ErrorCode.RuleViolated, 'Only an approved remedy is put to the customer');
  }
  return {
    compensation: {
      ...current,
      status: accepted ? 'accepted' : 'declined',
      customerAccepted: accepted,
      customerResponseAt: now,
    },
    events: [{ type: 'compensation.customer_responded', payload: { compensationId: current.id, accepted, note } }],
  };
};

/**
 * Records the day an accepted remedy was paid or delivered. It cannot be in the future (the
 * follow-up waits for it) nor before the proposal.
 */
export const recordDelivery = (
  current: Compensation,
  deliveredAt: Date,
  now: Date,
): { compensation: Compensation; events: CompensationChange[] } => {
  if (current.status !== 'accepted') {
    throw new AppError(ErrorCode.RuleViolated, 'Only a remedy the customer accepted is delivered');
  }
  if (Number.isNaN(deliveredAt.getTime()) || deliveredAt > now || deliveredAt < current.proposedAt) {
    throw new AppError(ErrorCode.ValidationFailed, 'Not a delivery time', [
      { field: '/body/deliveredAt', message: 'must be between the proposal and now' },
    ]);
  }
  return {
    compensation: { ...current, status: 'delivered', deliveredAt },
    events: [
      {
        type: 'compensation.delivered',
        payload: { compensationId: current.id, deliveredAt: deliveredAt.toISOString() },
      },
    ],
  };
};
