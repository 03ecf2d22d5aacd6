import type { EscalationDirection, EscalationSummary, EscalationTrigger } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/** One step of a case up or down the ladder. Nobody is blamed: it records what, not who failed. */
export interface Escalation {
  readonly id: string;
  readonly caseId: string;
  readonly direction: EscalationDirection;
  readonly fromRank: number;
  readonly toRank: number;
  readonly trigger: EscalationTrigger;
  readonly reason: string | null;
  readonly summary: EscalationSummary;
  readonly actorId: string | null;
  readonly createdAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly acknowledgedBy: string | null;
  /** The event that fired a trigger; null for a person's escalation. */
  readonly sourceEventId: string | null;
}

/**
 * The rank an escalation goes to: `requested`, or one above `current`. Refused (coded) when it
 * would not go up or would go past the top of the ladder.
 */
export const escalationTarget = (current: number, top: number, requested: number | undefined): number => {
  const target = requested ?? current + 1;
  if (target > top) {
    throw new AppError(ErrorCode.RuleViolated, 'The case is already at the top of the ladder', [
      { field: '/body/toRank', message: `the top rank is ${top}` },
    ]);
  }
  if (target <= current) {
    throw new AppError(ErrorCode.RuleViolated, 'An escalation goes above the current level', [
      { field: '/body/toRank', message: `the case is at rank ${current}` },
    ]);
  }
  return target;
};

/** A de-escalation goes below the current level, never below the front line. */
export const deEscalationTarget = (current: number, requested: number): number => {
  if (requested >= current) {
    throw new AppError(ErrorCode.RuleViolated, 'A de-escalation goes below the current level', [
      { field: '/body/toRank', message: `the case is at rank ${current}` },
    ]);
  }
  return requested;
};

/** Marks an escalation acknowledged by `userId`; an escalation is acknowledged once. */
export const acknowledge = (escalation: Escalation, userId: string, now: Date): Escalation => {
  if (escalation.direction !== 'up') {
    throw new AppError(ErrorCode.RuleViolated, 'Only an escalation upward is acknowledged');
  }
  if (escalation.acknowledgedAt) throw new AppError(ErrorCode.RuleViolated, 'Already acknowledged');
  return { ...escalation, acknowledgedAt: now, acknowledgedBy: userId };
};
