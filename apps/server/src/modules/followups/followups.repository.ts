import type { FollowUpStatus } from '@redress/contract';
import type { CaseRepository } from '../cases/index.ts';
import type { TaskRepository } from '../tasks/index.ts';
import type { CancelReason, FollowUp, RemedyFacts, Survey } from './followup.ts';

/** What a follow-up needs to know of the case's customer, as merged: the survivor's facts. */
export interface CustomerFacts {
  /** The survivor when the case's customer was merged into another; else the case's customer. */
  readonly customerId: string;
  readonly language: string | null;
  /** An e-mail address is on file and the customer has not refused contact by e-mail. */
  readonly hasEmail: boolean;
}

/** The follow-ups module's port onto storage. Implemented in `storage/repositories/followups.repository.ts`. */
export interface FollowUpRepository {
  /** The stored `org_settings` value for `key` (raw JSON), or undefined. */
  readSetting(key: string): Promise<unknown>;
  saveSetting(key: string, value: unknown, by: string | null, now: Date): Promise<void>;

  /** Inserts the follow-up; false (nothing written) when its source event already scheduled one. */
  insertFollowUp(followUp: FollowUp): Promise<boolean>;
  /** Stores a change only while the stored status is still `expected`; false when another writer was first. */
  saveFollowUp(followUp: FollowUp, expected: FollowUpStatus): Promise<boolean>;
  findFollowUp(id: string): Promise<FollowUp | undefined>;
  /** The case's follow-ups still waiting or scheduled. */
  pendingForCase(caseId: string): Promise<FollowUp[]>;
  listForCase(caseId: string): Promise<FollowUp[]>;
  /**
   * Scheduled follow-ups due at or before `now`, oldest due first (then by id); with `after`, only
   * those after that position, so a sweep that cannot send one moves past it.
   */
  due(now: Date, limit: number, after?: { readonly dueAt: Date; readonly id: string }): Promise<FollowUp[]>;
  /** Follow-ups waiting for a remedy whose longest wait ended at or before `now`. */
  waitOver(now: Date, limit: number): Promise<FollowUp[]>;

  /** The case's remedies (the compensation records), oldest first. */
  remediesOf(caseId: string): Promise<RemedyFacts[]>;
  customerOf(caseId: string): Promise<CustomerFacts | undefined>;
  /**
   * What happened on the case after event `afterSeq` that makes a follow-up for that resolution
   * pointless, the first of: the customer wrote in (`customer_wrote`), called in
   * (`customer_called`), or the case's status moved other than to closed (`case_reopened`: a reopen,
   * and any later resolution after it). Undefined when nothing did.
   */
  activityAfter(caseId: string, afterSeq: number): Promise<CancelReason | undefined>;

  insertSurvey(survey: Survey): Promise<void>;
  /** Marks the case's open surveys expired (a newer resolution or survey replaces them); how many. */
  expireOpenSurveys(caseId: string): Promise<number>;
  /** `forUpdate` locks the row for the rest of the unit of work (PostgreSQL). */
  findSurvey(id: string, forUpdate?: boolean): Promise<Survey | undefined>;
  /** Stores the answer only while the survey is still open; false when it was answered first. */
  saveAnswer(survey: Survey): Promise<boolean>;
  listSurveys(caseId: string): Promise<Survey[]>;
}

/** A follow-up changes the case (events, a call task, a reopen): one unit of work holds all three. */
export interface FollowUpStore {
  readonly cases: CaseRepository;
  readonly tasks: TaskRepository;
  readonly followups: FollowUpRepository;
}
