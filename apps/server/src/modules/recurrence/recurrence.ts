import { bandBuckets, estimateSimilarity, signatureOf } from './minhash.ts';
import { shinglesOf } from './shingles.ts';

/**
 * "Is this one of many?" (pure). Only about one in twenty unhappy customers complains, so a
 * complaint that resembles others may stand for many more who said nothing.
 *
 * Two cases are linked when
 * - near_duplicate: estimated Jaccard similarity of their shingles ≥ NEAR_DUPLICATE (0.8) — the same
 *   letter sent again, a template dispute letter, one complaint filed twice;
 * - same_cause: similarity ≥ SAME_CAUSE (0.4) — largely the same wording of the same problem — or
 *   the same category AND the same product reference (the organisation's own classification says
 *   they are the same problem, whatever the words).
 *
 * A cluster, for the early warning, is a connected group of cases over such links among the cases
 * of the look-back window; it is named by its earliest case (its key).
 */

/** Estimated similarity at which two cases are near-duplicates. */
export const NEAR_DUPLICATE = 0.8;
/** Estimated similarity at which two cases are taken to share a cause. */
export const SAME_CAUSE = 0.4;
/** Fewer shingles than this and a text is too short to compare ("refund" alone matches everything). */
export const MIN_SHINGLES = 3;

export type SimilarityKind = 'near_duplicate' | 'same_cause';

/** The fingerprint of one case: its signature and LSH buckets. */
export interface Fingerprint {
  readonly signature: Uint32Array;
  readonly buckets: readonly number[];
  readonly shingles: number;
}

/** The text a case is compared by: its subject and description. */
export const caseText = (subject: string | null, description: string): string =>
  subject ? `${subject}\n${description}` : description;

/** Fingerprints a case's text; null when it has too little to compare (see MIN_SHINGLES). */
export const fingerprint = (text: string): Fingerprint | null => {
  const shingles = shinglesOf(text);
  if (shingles.size < MIN_SHINGLES) return null;
  const signature = signatureOf(shingles);
  return signature ? { signature, buckets: bandBuckets(signature), shingles: shingles.size } : null;
};

/** The case facts classification reads besides the signature. */
export interface Comparable {
  readonly signature: Uint32Array;
  readonly categoryId: string | null;
  /** Folded (trimmed, lower case); null when the case names no product. */
  readonly productKey: string | null;
}

/** Folds a product reference for comparison: trimmed, lower case; empty means none. */
export const productKeyOf = (productRef: string | null | undefined): string | null => {
  const key = productRef?.trim().toLowerCase() ?? '';
  return key === '' ? null : key;
};

/** How two cases relate, if at all: the similarity estimate and the kind of link. */
export const classify = (a: Comparable, b: Comparable): { similarity: number; kind: SimilarityKind } | null => {
  const similarity = estimateSimilarity(a.signature, b.signature);
  if (similarity >= NEAR_DUPLICATE) return { similarity, kind: 'near_duplicate' };
  if (similarity >= SAME_CAUSE) return { similarity, kind: 'same_cause' };
  const sameProduct =
    a.categoryId !== null && a.categoryId === b.categoryId && a.productKey !== null && a.productKey === b.productKey;
  return sameProduct ? { similarity, kind: 'same_cause' } : null;
};

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;

/** Monday 00:00 UTC of the ISO week holding `at`. */
export const isoWeekStart = (at: Date): Date => {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return new Date(day - weekday * DAY_MS);
};

/** The ISO week label of `at` in UTC, e.g. `2026-W10` (the year is the ISO week-numbering year). */
export const isoWeekLabel = (at: Date): string => {
  const thursday = new Date(isoWeekStart(at).getTime() + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / WEEK_MS) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
};

export interface WeekCount {
  readonly week: string;
  /** Monday 00:00 UTC. */
  readonly start: Date;
  readonly count: number;
}

/** Weeks shown with a case's similar cases: this ISO week and the seven before it. */
export const WEEKS_SHOWN = 8;

/** The first instant counted in `weeklyCounts(…, now, weeks)`. */
export const weeksSince = (now: Date, weeks = WEEKS_SHOWN): Date =>
  new Date(isoWeekStart(now).getTime() - (weeks - 1) * WEEK_MS);

/**
 * How many of `dates` fall in each of the last `weeks` ISO weeks (UTC) up to `now`, oldest first;
 * dates outside those weeks are not counted.
 */
export const weeklyCounts = (dates: readonly Date[], now: Date, weeks = WEEKS_SHOWN): WeekCount[] => {
  const first = weeksSince(now, weeks).getTime();
  const counts: WeekCount[] = Array.from({ length: weeks }, (_, i) => {
    const start = new Date(first + i * WEEK_MS);
    return { week: isoWeekLabel(start), start, count: 0 };
  });
  for (const at of dates) {
    const index = Math.floor((isoWeekStart(at).getTime() - first) / WEEK_MS);
    const slot = counts[index];
    if (slot && at.getTime() <= now.getTime()) counts[index] = { ...slot, count: slot.count + 1 };
  }
  return counts;
};
