import type { CommitmentFlagCode } from '@redress/contract';

/**
 * The over-promise guard (articles 000, 001): "不做無法履行的承諾" — make no promise that cannot be
 * kept. Before a promise is recorded it is checked against what the case already knows: the
 * internal tasks it waits on, the promiser's authority, the case's own deadlines and the clock.
 * Pure: every fact is gathered by the caller; instants are UTC.
 */

export interface DependencyTask {
  readonly id: string;
  readonly dueAt: Date;
  /** `open` (unanswered) or `answered`. */
  readonly status: string;
}

/** A case deadline the promise must not outrun: the resolve clock or a regulator's. */
export interface CaseDeadline {
  readonly kind: string;
  readonly dueAt: Date;
}

export interface PromiseFacts {
  readonly dueAt: Date;
  readonly dependencies: readonly DependencyTask[];
  /**
   * Whether the promiser's ladder level may approve the promised remedy; null when there is no
   * remedy or no ladder to judge by. `level` names the level (null: the role stands on none).
   */
  readonly authority: { readonly covers: boolean; readonly level: string | null } | null;
  readonly deadlines: readonly CaseDeadline[];
  /** Whether the due time falls in the case calendar's working time; null when no calendar applies. */
  readonly dueInWorkingHours: boolean | null;
}

export interface PromiseFlag {
  readonly code: CommitmentFlagCode;
  readonly message: string;
  readonly taskId?: string;
  readonly limitAt?: Date;
}

/**
 * How far ahead a promise may fall due without a flag: a year. Complaints are answered in days or
 * weeks; a later due time is almost always a typo (year 9999), and where it is meant (a repair
 * after a long-lead part) the promiser acknowledges it like any other flag.
 */
export const PROMISE_HORIZON_MS = 365 * 24 * 60 * 60_000;

/**
 * Flags a promise before it is made; an empty list means nothing stands against it. Answered
 * tasks no longer hold a promise back. Each code appears at most once, with the tightest cause.
 */
export const checkPromise = (facts: PromiseFacts, now: Date): PromiseFlag[] => {
  const flags: PromiseFlag[] = [];
  const due = facts.dueAt.getTime();

  if (due <= now.getTime()) {
    flags.push({ code: 'in_the_past', message: 'The due time has already passed', limitAt: now });
  }

  const open = facts.dependencies.filter((task) => task.status === 'open');
  const overdue = open.find((task) => task.dueAt.getTime() <= now.getTime());
  const latest = [...open].sort((a, b) => b.dueAt.getTime() - a.dueAt.getTime())[0];
  if (overdue) {
    flags.push({
      code: 'depends_on_later_task',
      message: 'An internal task this promise depends on is unanswered and overdue',
      taskId: overdue.id,
      limitAt: overdue.dueAt,
    });
  } else if (latest && latest.dueAt.getTime() > due) {
    flags.push({
      code: 'depends_on_later_task',
      message: 'The promise is due before an internal task it depends on is due',
      taskId: latest.id,
      limitAt: latest.dueAt,
    });
  }

  if (facts.authority && !facts.authority.covers) {
    flags.push({
      code: 'beyond_authority',
      message: facts.authority.level
        ? `The remedy is beyond what the ${facts.authority.level} level may approve`
        : 'The promiser stands on no level of the escalation ladder that may approve this remedy',
    });
  }

  const earliest = [...facts.deadlines].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0];
  if (earliest && due > earliest.dueAt.getTime()) {
    flags.push({
      code: 'after_case_deadline',
      message: `The promise is due after the case's ${earliest.kind} deadline`,
      limitAt: earliest.dueAt,
    });
  }

  if (due > now.getTime() + PROMISE_HORIZON_MS) {
    flags.push({
      code: 'too_far',
      message: 'The due time is more than a year ahead',
      limitAt: new Date(now.getTime() + PROMISE_HORIZON_MS),
    });
  }

  if (facts.dueInWorkingHours === false) {
    flags.push({ code: 'outside_working_hours', message: 'The due time falls outside working hours' });
  }
  return flags;
};

/**
 * The flags raised that the promiser has not acknowledged. A flagged promise is recorded only
 * when every raised flag is named — a blanket "I accept" would defeat the guard.
 */
export const unacknowledged = (
  flags: readonly PromiseFlag[],
  acknowledged: readonly CommitmentFlagCode[],
): PromiseFlag[] => flags.filter((flag) => !acknowledged.includes(flag.code));
