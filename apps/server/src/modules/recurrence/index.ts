/** The recurrence module's public door: similar cases ("is this one of many?") and spike warnings. */
export {
  createRecurrenceService,
  CANDIDATE_LIMIT,
  SIMILAR_WINDOW_DAYS,
  type RecurrenceService,
  type RecurrenceServiceDeps,
  type SimilarCase,
  type SimilarCases,
} from './recurrence.service.ts';
export type {
  CandidateCase,
  CandidateQuery,
  CaseText,
  FingerprintWrite,
  RecurrenceRepository,
  SiteScope,
  SpikeWrite,
  WindowFingerprint,
} from './recurrence.repository.ts';
export { decodeSignature, encodeSignature, SIGNATURE_VERSION } from './minhash.ts';
export { caseText, classify, fingerprint, NEAR_DUPLICATE, SAME_CAUSE } from './recurrence.ts';
export { recurrenceRoutes } from './recurrence.routes.ts';
export { FINGERPRINT_JOB, recurrenceJobs, SPIKE_JOB } from './recurrence.jobs.ts';
