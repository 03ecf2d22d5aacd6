import type {
  CaseChannel,
  CaseStatus,
  CompensationKind,
  CompensationStatus,
  EscalationDirection,
  EscalationSummary,
  ExpectedRemedy,
  Severity,
} from '@redress/contract';
import type { SignalMatch } from './triggers.ts';

/** How much of the customer's description travels in the summary (characters). */
export const EXCERPT_LENGTH = 600;

/** Everything a summary is composed from: the case and what hangs off it. */
export interface SummarySource {
  readonly case: {
    readonly ref: string;
    readonly subject: string | null;
    readonly description: string;
    readonly categoryId: string | null;
    readonly channel: CaseChannel;
    readonly status: CaseStatus;
    readonly severity: Severity;
    readonly safety: boolean;
    readonly expectedRemedy: ExpectedRemedy | null;
    readonly createdAt: Date;
  };
  /** Signals heard in the customer's own words (description and inbound messages). */
  readonly signals: readonly SignalMatch[];
  readonly commitments: readonly { id: string; text: string; dueAt: Date; status: string }[];
  readonly tasks: readonly { question: string; status: string; answer: string | null }[];
  readonly compensations: readonly {
    kind: CompensationKind;
    amount: number | null;
    currency: string | null;
    status: CompensationStatus;
  }[];
  readonly escalations: readonly {
    direction: EscalationDirection;
    fromRank: number;
    toRank: number;
    trigger: string;
    reason: string | null;
    createdAt: Date;
  }[];
  readonly statusChanges: readonly { from: string; to: string; at: Date }[];
}

const excerpt = (text: string): string => {
  const trimmed = text.trim();
  const chars = [...trimmed];
  return chars.length <= EXCERPT_LENGTH ? trimmed : `${chars.slice(0, EXCERPT_LENGTH).join('')}…`;
};

/** Each signal once, the first cue heard for it. */
const distinctSignals = (signals: readonly SignalMatch[]): SignalMatch[] => {
  const seen = new Map<string, SignalMatch>();
  for (const match of signals) if (!seen.has(match.signal)) seen.set(match.signal, match);
  return [...seen.values()];
};

/**
 * The summary that goes upward with an escalation (article 004: complete information, so the
 * level above never asks the customer again): what happened, what the customer wants, what was
 * promised (open and broken promises), and what was tried. Instants are written as UTC ISO strings.
 */
export const composeSummary = (source: SummarySource): EscalationSummary => ({
  whatHappened: {
    ref: source.case.ref,
    subject: source.case.subject,
    excerpt: excerpt(source.case.description),
    categoryId: source.case.categoryId,
    channel: source.case.channel,
    status: source.case.status,
    severity: source.case.severity,
    safety: source.case.safety,
    openedAt: source.case.createdAt.toISOString(),
  },
  customerWants: {
    expectedRemedy: source.case.expectedRemedy,
    signals: distinctSignals(source.signals).map(({ signal, cue }) => ({ signal, cue })),
  },
  promised: source.commitments
    .filter((c) => c.status === 'open' || c.status === 'broken')
    .map((c) => ({ id: c.id, text: c.text, dueAt: c.dueAt.toISOString(), status: c.status })),
  tried: {
    tasks: source.tasks.map((t) => ({ question: t.question, status: t.status, answer: t.answer })),
    compensations: source.compensations.map((c) => ({
      kind: c.kind,
      amount: c.amount,
      currency: c.currency,
      status: c.status,
    })),
    escalations: source.escalations.map((e) => ({
      direction: e.direction,
      fromRank: e.fromRank,
      toRank: e.toRank,
      trigger: e.trigger,
      reason: e.reason,
      at: e.createdAt.toISOString(),
    })),
    statusHistory: source.statusChanges.map((s) => ({ from: s.from, to: s.to, at: s.at.toISOString() })),
  },
});
