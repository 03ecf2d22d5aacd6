import type { CommitmentFlagCode, CommitmentStatus, CompensationKind } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/** A remedy promised to the customer: amount in minor units of `currency` (null for e.g. a repair). */
export interface PromisedRemedy {
  readonly kind: CompensationKind;
  readonly amount: number | null;
  readonly currency: string | null;
}

/**
 * A promise to the customer (articles 000, 001): "report by 4 January", "call you back by 3 pm".
 * It has one promiser and a due time; it ends kept (on time or late), broken (an honest "we could
 * not"), or renegotiated into a successor with a new time. Instants are UTC.
 */
export interface Commitment {
  readonly id: string;
  readonly caseId: string;
  readonly text: string;
  /** The name of whoever was promised: the customer or a key person of the case. */
  readonly promisedTo: string;
  readonly keyPersonId: string | null;
  readonly dueAt: Date;
  readonly madeBy: string | null;
  readonly madeAt: Date;
  /** The case event (message or call) in which the promise was made. */
  readonly messageEventId: string | null;
  /** Internal task ids the promise depends on. */
  readonly dependsOn: readonly string[];
  readonly remedy: PromisedRemedy | null;
  /** Over-promise flags the promiser acknowledged when making it. */
  readonly flags: readonly CommitmentFlagCode[];
  readonly status: CommitmentStatus;
  readonly outcomeAt: Date | null;
  /** Set when kept: true if kept by the due time. */
  readonly keptOnTime: boolean | null;
  readonly renegotiatedFromId: string | null;
  readonly renegotiatedToId: string | null;
  /** When the owner was first warned that the promise may slip; set once. */
  readonly atRiskAt: Date | null;
  /** Where the promiser worked when it was made: the kept-on-time rate per site and team. */
  readonly siteId: string | null;
  readonly teamId: string | null;
}

/** An event as the pure core describes it; the service puts it on the case's timeline. */
export interface CommitmentChange {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

export interface NewCommitmentInput {
  readonly id: string;
  readonly caseId: string;
  readonly text: string;
  readonly promisedTo: string;
  readonly keyPersonId: string | null;
  readonly dueAt: Date;
  readonly madeBy: string | null;
  readonly messageEventId: string | null;
  readonly dependsOn: readonly string[];
  readonly remedy: PromisedRemedy | null;
  readonly flags: readonly CommitmentFlagCode[];
  readonly siteId: string | null;
  readonly teamId: string | null;
  readonly renegotiatedFromId?: string | null;
}

const blank = (field: string, what: string) =>
  new AppError(ErrorCode.ValidationFailed, what, [{ field, message: 'must not be blank' }]);

const requireText = (value: string, field: string, what: string): string => {
  const text = value.trim();
  if (!text) throw blank(field, what);
  return text;
};

const requireValidTime = (at: Date, field: string): void => {
  if (Number.isNaN(at.getTime())) {
    throw new AppError(ErrorCode.ValidationFailed, 'Not a valid time', [{ field, message: 'must be a date-time' }]);
  }
};

/** The facts of a promise as its events carry them (ISO instants). */
const describe = (c: Commitment): Record<string, unknown> => ({
  commitmentId: c.id,
  text: c.text,
  promisedTo: c.promisedTo,
  keyPersonId: c.keyPersonId,
  dueAt: c.dueAt.toISOString(),
  madeBy: c.madeBy,
  messageEventId: c.messageEventId,
  dependsOn: [...c.dependsOn],
  remedy: c.remedy,
  flags: [...c.flags],
  renegotiatedFromId: c.renegotiatedFromId,
});

/**
 * Makes a new open promise. The guard (`checkPromise`) has already run: a due time in the past
 * reaches this only acknowledged, so it is not refused here.
 */
export const makeCommitment = (
  input: NewCommitmentInput,
  now: Date,
): { commitment: Commitment; events: CommitmentChange[] } => {
  requireValidTime(input.dueAt, '/body/dueAt');
  const commitment: Commitment = {
    id: input.id,
    caseId: input.caseId,
    text: requireText(input.text, '/body/text', 'Say what was promised'),
    promisedTo: requireText(input.promisedTo, '/body/keyPersonId', 'Say who was promised'),
    keyPersonId: input.keyPersonId,
    dueAt: input.dueAt,
    madeBy: input.madeBy,
    madeAt: now,
    messageEventId: input.messageEventId,
    dependsOn: [...new Set(input.dependsOn)],
    remedy: input.remedy,
    flags: [...new Set(input.flags)],
    status: 'open',
    outcomeAt: null,
    keptOnTime: null,
    renegotiatedFromId: input.renegotiatedFromId ?? null,
    renegotiatedToId: null,
    atRiskAt: null,
    siteId: input.siteId,
    teamId: input.teamId,
  };
  return { commitment, events: [{ type: 'commitment.made', payload: describe(commitment) }] };
};

const requireOpen = (c: Commitment): void => {
  if (c.status !== 'open') {
    throw new AppError(ErrorCode.InvalidTransition, `This promise is already ${c.status}`);
  }
};

/** Records the promise as kept; on time when `now` is not after the due time. */
export const keepCommitment = (c: Commitment, now: Date): { commitment: Commitment; events: CommitmentChange[] } => {
  requireOpen(c);
  const onTime = now.getTime() <= c.dueAt.getTime();
  return {
    commitment: { ...c, status: 'kept', outcomeAt: now, keptOnTime: onTime },
    events: [
      { type: 'commitment.kept', payload: { commitmentId: c.id, text: c.text, onTime, dueAt: c.dueAt.toISOString() } },
    ],
  };
};

/**
 * Records the promise as broken: an honest "we could not" from the owner (`reason` given), or
 * the due time passing with the promise still open (`reason` null, `byClock` true).
 */
export const breakCommitment = (
  c: Commitment,
  reason: string | null,
  now: Date,
  byClock = false,
): { commitment: Commitment; events: CommitmentChange[] } => {
  requireOpen(c);
  const why = reason === null ? null : requireText(reason, '/body/reason', 'Say why the promise could not be kept');
  return {
    commitment: { ...c, status: 'broken', outcomeAt: now },
    events: [
      {
        type: 'commitment.broken',
        payload: { commitmentId: c.id, text: c.text, reason: why, dueAt: c.dueAt.toISOString(), byClock },
      },
    ],
  };
};

export interface RenegotiationInput {
  /** The successor's id. */
  readonly newId: string;
  readonly dueAt: Date;
  /** The new wording; the old one when absent. */
  readonly text?: string | undefined;
  readonly reason: string;
  readonly messageEventId?: string | null | undefined;
  readonly madeBy: string | null;
  readonly siteId: string | null;
  readonly teamId: string | null;
  /** The guard's flags on the new promise, acknowledged by the promiser. */
  readonly flags: readonly CommitmentFlagCode[];
}

/** A renegotiated time must lie ahead: an agreed new time that has already gone is no promise. */
export const requireFutureDueAt = (dueAt: Date, now: Date): void => {
  requireValidTime(dueAt, '/body/dueAt');
  if (dueAt.getTime() <= now.getTime()) {
    throw new AppError(ErrorCode.ValidationFailed, 'The new time must be in the future', [
      { field: '/body/dueAt', message: 'must be after now' },
    ]);
  }
};

/**
 * Agrees a new time with the customer: the promise is closed and a successor opened, linked both
 * ways. Before the due time this is an honest renegotiation (status `renegotiated`). After it —
 * or when the promise was already broken — it is broken-then-renegotiated: the old one stays (or
 * becomes) `broken`, with a `commitment.broken` event first when it was still open, and points to
 * its successor. A promise already replaced, or kept, cannot be renegotiated.
 */
export const renegotiateCommitment = (
  c: Commitment,
  input: RenegotiationInput,
  now: Date,
): { previous: Commitment; successor: Commitment; events: CommitmentChange[] } => {
  if (c.renegotiatedToId !== null || (c.status !== 'open' && c.status !== 'broken')) {
    throw new AppError(ErrorCode.InvalidTransition, `This promise is already ${c.status}`);
  }
  const reason = requireText(input.reason, '/body/reason', 'Say why the time changes');
  requireFutureDueAt(input.dueAt, now);
  const late = c.status === 'broken' || now.getTime() > c.dueAt.getTime();
  const events: CommitmentChange[] = [];
  let closed: Commitment;
  if (c.status === 'open' && late) {
    const broken = breakCommitment(c, reason, now);
    events.push(...broken.events);
    closed = broken.commitment;
  } else if (c.status === 'open') {
    closed = { ...c, status: 'renegotiated', outcomeAt: now };
  } else {
    closed = c;
  }
  const made = makeCommitment(
    {
      id: input.newId,
      caseId: c.caseId,
      text: input.text ?? c.text,
      promisedTo: c.promisedTo,
      keyPersonId: c.keyPersonId,
      dueAt: input.dueAt,
      madeBy: input.madeBy,
      messageEventId: input.messageEventId ?? null,
      dependsOn: c.dependsOn,
      remedy: c.remedy,
      flags: input.flags,
      siteId: input.siteId,
      teamId: input.teamId,
      renegotiatedFromId: c.id,
    },
    now,
  );
  events.push({
    type: 'commitment.renegotiated',
    payload: {
      commitmentId: c.id,
      newCommitmentId: made.commitment.id,
      text: c.text,
      previousDueAt: c.dueAt.toISOString(),
      newDueAt: input.dueAt.toISOString(),
      reason,
      afterDue: late,
    },
  });
  events.push(...made.events);
  return { previous: { ...closed, renegotiatedToId: made.commitment.id }, successor: made.commitment, events };
};

export interface AtRiskInput {
  /** When the customer will hear back, proposed to the owner (UTC). */
  readonly proposedDueAt: Date;
  readonly language: string;
  readonly draft: string;
  readonly timeZone: string;
  /** The clock warning that raised it. */
  readonly percent: number | null;
}

/**
 * Marks an open promise at risk — once. Returns null when there is nothing to record (already
 * marked, or no longer open), so a warning job that runs twice records one event.
 */
export const markAtRisk = (
  c: Commitment,
  input: AtRiskInput,
  now: Date,
): { commitment: Commitment; events: CommitmentChange[] } | null => {
  if (c.status !== 'open' || c.atRiskAt !== null) return null;
  return {
    commitment: { ...c, atRiskAt: now },
    events: [
      {
        type: 'commitment.at_risk',
        payload: {
          commitmentId: c.id,
          text: c.text,
          dueAt: c.dueAt.toISOString(),
          madeBy: c.madeBy,
          percent: input.percent,
          proposedDueAt: input.proposedDueAt.toISOString(),
          timeZone: input.timeZone,
          language: input.language,
          draft: input.draft,
        },
      },
    ],
  };
};

/** Rounds up to the next quarter hour (UTC), so a proposed time reads "by 17:00", not "by 16:47". */
const roundUpToQuarterHour = (at: Date): Date => {
  const quarter = 15 * 60_000;
  return new Date(Math.ceil(at.getTime() / quarter) * quarter);
};

const HOUR_MS = 60 * 60_000;

/**
 * The new time to offer the customer when a promise is at risk. When open internal tasks hold it
 * up: the latest of their due times plus room to pass the answer on (half the original lead time,
 * between one hour and one day). Otherwise `now` plus the original lead time (due − made), between
 * one hour and two days: a customer already waiting is not asked to wait as long again. Never
 * earlier than `now` plus an hour; rounded up to a quarter hour. UTC in, UTC out.
 */
export const proposeNewTime = (
  c: Pick<Commitment, 'dueAt' | 'madeAt'>,
  openDependencyDueTimes: readonly Date[],
  now: Date,
): Date => {
  const lead = c.dueAt.getTime() - c.madeAt.getTime();
  const clamp = (ms: number, min: number, max: number) => Math.min(Math.max(ms, min), max);
  const earliest = now.getTime() + HOUR_MS;
  const candidate =
    openDependencyDueTimes.length > 0
      ? Math.max(...openDependencyDueTimes.map((d) => d.getTime())) + clamp(lead / 2, HOUR_MS, 24 * HOUR_MS)
      : now.getTime() + clamp(lead, HOUR_MS, 48 * HOUR_MS);
  return roundUpToQuarterHour(new Date(Math.max(candidate, earliest)));
};
