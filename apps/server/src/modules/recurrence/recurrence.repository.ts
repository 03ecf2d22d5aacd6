import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { CaseStatus } from '@redress/contract';

/** Which sites a query counts: every site, or these (possibly none). */
export interface SiteScope {
  readonly all: boolean;
  readonly siteIds: readonly string[];
}

/** What a case is compared by, as stored on the case. */
export interface CaseText {
  readonly id: string;
  readonly subject: string | null;
  readonly description: string;
  readonly categoryId: string | null;
  readonly productRef: string | null;
  readonly createdAt: Date;
}

/** A fingerprint to store; `signature` null when the text is too short to compare. */
export interface FingerprintWrite {
  readonly caseId: string;
  readonly version: number;
  readonly signature: Uint32Array | null;
  readonly buckets: readonly number[];
  readonly shingles: number;
  readonly categoryId: string | null;
  readonly productKey: string | null;
  readonly caseCreatedAt: Date;
  readonly updatedAt: Date;
}

/** A stored fingerprint with the case facts the similar-cases list shows. */
export interface CandidateCase {
  readonly caseId: string;
  readonly ref: string;
  readonly subject: string | null;
  readonly status: CaseStatus;
  readonly siteId: string | null;
  readonly createdAt: Date;
  readonly signature: Uint32Array;
  readonly categoryId: string | null;
  readonly productKey: string | null;
}

/** Where to look for a case's similar cases. */
export interface CandidateQuery {
  /** The case itself: never its own candidate. */
  readonly caseId: string;
  /** Its LSH buckets, band by band. */
  readonly buckets: readonly number[];
  /** With `productKey`: cases of the same category and product are candidates too. */
  readonly categoryId: string | null;
  readonly productKey: string | null;
  /** Cases opened since then, or still open (not closed, not merged). */
  readonly since: Date;
  readonly sites: SiteScope;
  /** At most this many candidates, the most recent first. */
  readonly limit: number;
}

/** A case of the look-back window as clustering sees it. */
export interface WindowFingerprint {
  readonly caseId: string;
  readonly createdAt: Date;
  readonly signature: Uint32Array;
  readonly categoryId: string | null;
  readonly productKey: string | null;
}

/** A spike to record, with the cluster's cases. */
export interface SpikeWrite {
  readonly id: string;
  readonly clusterKey: string;
  readonly periodStart: Date;
  readonly periodEnd: Date;
  readonly currentIds: readonly string[];
  readonly baselineIds: readonly string[];
  readonly baselinePeriods: number;
  readonly detectedAt: Date;
}

/** The recurrence module's port. Every query skips merged cases (their primary case counts). */
export interface RecurrenceRepository {
  findCaseText(caseId: string): Promise<CaseText | undefined>;
  /** Inserts or replaces a case's fingerprint and its band rows. */
  saveFingerprint(write: FingerprintWrite): Promise<void>;
  /**
   * Stored fingerprints sharing a bucket in any band with `query.buckets` (through the band index),
   * or of the same category and product, narrowed in SQL to the sites, to open or recent cases.
   * Fingerprints of another signature version are left out.
   */
  candidates(query: CandidateQuery, version: number): Promise<CandidateCase[]>;
  /** Every comparable fingerprint of a case opened after `since`. */
  fingerprintsSince(since: Date, version: number): Promise<WindowFingerprint[]>;
  /** Cases opened after `since` with no fingerprint of `version` yet (opened before this feature, or a lost job). */
  casesWithoutFingerprint(since: Date, version: number, limit: number): Promise<CaseText[]>;
  /** Of `caseIds`, those already in a spike detected after `since`. */
  casesInSpikesSince(caseIds: readonly string[], since: Date): Promise<Set<string>>;
  insertSpike(spike: SpikeWrite): Promise<void>;
  appendEvent(event: NewEvent): Promise<void>;
}
