import type { CompensationKind, CompensationStatus } from '@redress/contract';
import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { CaseRepository } from '../cases/index.ts';
import type { ClockRepository } from '../clocks/index.ts';
import type { Escalation } from './escalation.ts';
import type { LadderLevel } from './ladder.ts';
import type { EscalationTrigger } from './triggers.ts';

/** What hangs off a case, as the escalation summary and the triggers read it. */
export interface CaseRecord {
  readonly commitments: { id: string; text: string; dueAt: Date; status: string }[];
  readonly tasks: { question: string; status: string; answer: string | null }[];
  readonly compensations: {
    kind: CompensationKind;
    amount: number | null;
    currency: string | null;
    status: CompensationStatus;
  }[];
  readonly statusChanges: { from: string; to: string; at: Date }[];
  /** Bodies of the customer's inbound messages, oldest first. */
  readonly inboundMessages: string[];
}

/** The escalation module's port onto storage. */
export interface EscalationRepository {
  /** The ladder, lowest rank first. */
  listLevels(): Promise<LadderLevel[]>;
  /** Replaces the whole ladder. */
  replaceLevels(levels: readonly LadderLevel[], now: Date): Promise<void>;
  listTriggers(): Promise<EscalationTrigger[]>;
  replaceTriggers(triggers: readonly EscalationTrigger[], now: Date): Promise<void>;

  /** The rank a case stands at (`cases.escalation_level`). */
  caseLevel(caseId: string): Promise<number>;
  setCaseLevel(caseId: string, rank: number): Promise<void>;

  insertEscalation(escalation: Escalation): Promise<void>;
  /**
   * Records who took an escalation, only while it still waits (not acknowledged, not
   * superseded); false when someone else took it first or it stopped waiting.
   */
  acknowledgeEscalation(id: string, userId: string, at: Date): Promise<boolean>;
  /**
   * Marks the case's upward escalations that still wait, to a rank above `aboveRank`, as
   * superseded at `at` (use -1 for all of them, when the case closes); returns their ids.
   */
  supersedeWaiting(caseId: string, aboveRank: number, at: Date): Promise<string[]>;
  findEscalation(id: string): Promise<Escalation | undefined>;
  /** A case's escalations and de-escalations, oldest first. */
  listEscalations(caseId: string): Promise<Escalation[]>;
  /** True when a trigger already escalated a case because of this event. */
  firedBy(eventId: string): Promise<boolean>;

  caseRecord(caseId: string): Promise<CaseRecord>;
  /**
   * Inbound messages and inbound calls on the case, counted in the event log up to and including
   * the event with sequence number `uptoSeq` (all of them without it): a count as of that event,
   * the same however late its job runs.
   */
  countInboundContacts(caseId: string, uptoSeq?: number): Promise<number>;
  /** Compensation proposals plus the customer's declines on the case, up to `uptoSeq` likewise. */
  countNegotiationRounds(caseId: string, uptoSeq?: number): Promise<number>;

  appendEvent(event: NewEvent): Promise<void>;
}

/** Escalating changes a case and starts a response clock: one unit of work holds the three ports. */
export interface EscalationStore {
  readonly cases: CaseRepository;
  readonly escalation: EscalationRepository;
  readonly clocks: ClockRepository;
}
