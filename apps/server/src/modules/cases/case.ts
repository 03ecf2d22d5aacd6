import type {
  CaseChannel,
  CaseStatus,
  ExpectedRemedy,
  CasePriority,
  ResolutionKind,
  Severity,
} from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/** What the customer was offered and why it happened: every case ends with one (article 001). */
export interface Resolution {
  readonly text: string;
  readonly kind: ResolutionKind;
  readonly rootCauseId: string;
  readonly recordedAt: Date;
  readonly recordedBy: string | null;
}

/** The customer's answer to the decision: closing needs it, either way. */
export interface CustomerDecision {
  readonly accepted: boolean;
  readonly note: string | null;
  readonly recordedAt: Date;
  readonly recordedBy: string | null;
}

/** A complaint. Exactly one owner at any time; the timeline lives in the event log. */
export interface Case {
  readonly id: string;
  readonly ref: string;
  readonly status: CaseStatus;
  readonly customerId: string;
  readonly channel: CaseChannel;
  readonly subject: string | null;
  /** The customer's own words, kept as given. */
  readonly description: string;
  readonly language: string | null;
  readonly categoryId: string | null;
  readonly severity: Severity;
  readonly safety: boolean;
  readonly priority: CasePriority;
  readonly expectedRemedy: ExpectedRemedy | null;
  readonly productRef: string | null;
  readonly orderRef: string | null;
  readonly tags: readonly string[];
  readonly siteId: string | null;
  readonly ownerId: string;
  readonly resolution: Resolution | null;
  readonly customerDecision: CustomerDecision | null;
  /** Set when this case was merged into another as its duplicate. */
  readonly mergedIntoId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
}

/** An event as the pure core describes it; the service adds subject, actor and request. */
export interface CaseChange {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

const REF_PATTERN = /^C-(\d{4})-(\d{6,})$/;

/**
 * The human reference, `C-<year>-<6 digits>` (more digits past a million in one year), e.g.
 * `C-2026-000123`. `sequence` comes from the per-year counter allocated inside the creating
 * transaction.
 */
export const formatCaseRef = (year: number, sequence: number): string => {
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`Bad ref year ${year}`);
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`Bad ref sequence ${sequence}`);
  return `C-${year}-${String(sequence).padStart(6, '0')}`;
};

export const parseCaseRef = (ref: string): { year: number; sequence: number } | undefined => {
  const match = REF_PATTERN.exec(ref);
  if (!match?.[1] || !match[2]) return undefined;
  return { year: Number(match[1]), sequence: Number(match[2]) };
};

/** The counter year for a case created at `at`: the UTC calendar year. */
export const refYear = (at: Date): number => at.getUTCFullYear();

export const isFinal = (status: CaseStatus): boolean => status === 'closed';

/**
 * Hands ownership to `toUserId`. The summary is what makes the hand-off carry everything
 * (article 003): it is required and must say something.
 */
export const handOff = (
  current: Case,
  toUserId: string,
  summary: string,
  now: Date,
): { case: Case; events: CaseChange[] } => {
  const text = summary.trim();
  if (text.length === 0) {
    throw new AppError(ErrorCode.ValidationFailed, 'A hand-off needs a summary', [
      { field: '/body/summary', message: 'must say what the new owner needs to know' },
    ]);
  }
  if (current.status === 'closed') throw new AppError(ErrorCode.RuleViolated, 'A closed case cannot be handed off');
  if (toUserId === current.ownerId) {
    throw new AppError(ErrorCode.RuleViolated, 'The case already belongs to this user', [
      { field: '/body/toUserId', message: 'is already the owner' },
    ]);
  }
  return {
    case: { ...current, ownerId: toUserId, updatedAt: now },
    events: [{ type: 'case.handed_off', payload: { fromUserId: current.ownerId, toUserId, summary: text } }],
  };
};

/** The fields `PATCH /cases/:id` may change; each change becomes its own event. */
export const EDITABLE_FIELDS = [
  'subject',
  'categoryId',
  'severity',
  'safety',
  'priority',
  'expectedRemedy',
  'productRef',
  'orderRef',
  'language',
  'tags',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type CasePatch = { readonly [K in EditableField]?: Case[K] };

const same = (a: unknown, b: unknown): boolean =>
  Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((v, i) => v === b[i]) : a === b;

/** Applies a patch: one `case.field_changed` event (old and new value) per field that really changed. */
export const applyPatch = (current: Case, patch: CasePatch, now: Date): { case: Case; events: CaseChange[] } => {
  if (current.status === 'closed') throw new AppError(ErrorCode.RuleViolated, 'A closed case is not edited; reopen it');
  const events: CaseChange[] = [];
  let next: Case = current;
  for (const field of EDITABLE_FIELDS) {
    if (!(field in patch) || patch[field] === undefined) continue;
    const value = field === 'tags' ? [...new Set(patch.tags)].sort() : patch[field];
    if (same(current[field], value)) continue;
    next = { ...next, [field]: value };
    events.push({ type: 'case.field_changed', payload: { field, from: current[field], to: value } });
  }
  return { case: events.length > 0 ? { ...next, updatedAt: now } : current, events };
};
