import type { CaseRepository } from '../cases/index.ts';
import type { OpenCommitment } from './reply-coach.ts';

/** What the coach reads of a case: who the customer is, their own words, and the open promises. */
export interface ReplyFacts {
  readonly customerName: string;
  /** The name they prefer to be called by, when recorded. */
  readonly preferredName: string | null;
  /** The case's language, else the customer's preferred one; null when neither is known. */
  readonly language: string | null;
  /** The case site's IANA zone; null for a case without a site. */
  readonly timeZone: string | null;
  /** Subject, description and the latest inbound messages, oldest first. */
  readonly customerWords: readonly string[];
  /** The case's open commitments. */
  readonly openCommitments: readonly OpenCommitment[];
}

/** The coach module's port onto storage. */
export interface CoachRepository {
  replyFacts(caseId: string): Promise<ReplyFacts | undefined>;
}

/** A draft is checked on a case the caller may see: one unit of work holds both ports. */
export interface CoachStore {
  readonly cases: CaseRepository;
  readonly coach: CoachRepository;
}
