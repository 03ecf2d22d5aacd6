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
  /**
   * When an escalation still waiting for its level stopped waiting without being taken: the case
   * came back down below it, or was closed. Null while it waits, and for one that was taken.
   */
  readonly supersededAt: Date | null;
}

/**
 * The rank an escalation goes to: `requested`, or one above `current`. Refused (coded) when it
 * would not go up or would go past the top of the ladder. `seen` is the rank the caller saw the
 * case at (a double click, or two people escalating at once, would otherwise climb twice): when
 * given and the case has moved since, a coded `conflict`.
 */
export const escalationTarget = (
  current: number,
  top: number,
  requested: number | undefined,
  seen?: number,
): number => {
  if (seen !== undefined && seen !== current) {
    throw new AppError(ErrorCode.Conflict, 'The case moved on the ladder since you looked; reload it', [
      { field: '/body/fromRank', message: `the case is now at rank ${current}` },
    ]);
  }
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
  if (escalation.supersededAt) {
    throw new AppError(ErrorCode.RuleViolated, 'The case came down or closed; this escalation no longer waits');
  }
  return { ...escalation, acknowledgedAt: now, acknowledgedBy: userId };
};
