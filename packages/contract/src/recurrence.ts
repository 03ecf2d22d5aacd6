import { Type, type Static } from 'typebox';
import { Nullable } from './nullable.ts';
import { CaseStatuses } from './cases.ts';

/**
 * "Is this one of many?" (article 003: only about one unhappy customer in twenty complains, so one
 * complaint may stand for many). Similar cases are found by MinHash over the complaint's words and
 * characters, in any of the four languages and either Chinese script.
 */

const DateTime = Type.String({ format: 'date-time' });

/**
 * `near_duplicate`: estimated similarity ≥ 0.8 (the same letter again, a template letter);
 * `same_cause`: ≥ 0.4, or the same category and the same product reference.
 */
export const SimilarityKinds = ['near_duplicate', 'same_cause'] as const;
export type SimilarityKind = (typeof SimilarityKinds)[number];

export const SimilarCasesQuery = Type.Object(
  {
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Similar cases listed, most similar first.' }),
    ),
  },
  { additionalProperties: false },
);
export type SimilarCasesQuery = Static<typeof SimilarCasesQuery>;

export const SimilarCaseDto = Type.Object({
  caseId: Type.String(),
  caseRef: Type.String(),
  subject: Nullable(Type.String()),
  status: Type.Enum(CaseStatuses),
  siteId: Nullable(Type.String()),
  createdAt: DateTime,
  /** Estimated Jaccard similarity of the two complaints' shingles, 0–1. */
  similarity: Type.Number({ minimum: 0, maximum: 1 }),
  kind: Type.Enum(SimilarityKinds),
  /** Linked (also) because both name the same category and product. */
  sameCategoryAndProduct: Type.Boolean(),
});
export type SimilarCaseDto = Static<typeof SimilarCaseDto>;

/** How many cases of the cluster (this case and its similar cases) were opened in one ISO week (UTC). */
export const WeekCountDto = Type.Object({
  /** ISO week, e.g. `2026-W10`. */
  week: Type.String(),
  /** Monday 00:00 UTC. */
  start: DateTime,
  count: Type.Integer({ minimum: 0 }),
});
export type WeekCountDto = Static<typeof WeekCountDto>;

export const SimilarCasesDto = Type.Object({
  caseId: Type.String(),
  /** False when the complaint is too short to compare: nothing is listed then. */
  comparable: Type.Boolean(),
  /** Similar cases still open or opened in the last `windowDays` days, at the caller's sites. */
  items: Type.Array(SimilarCaseDto),
  /** How many similar cases there are (items is bounded by `limit`). */
  total: Type.Integer({ minimum: 0 }),
  windowDays: Type.Integer(),
  /** The last eight ISO weeks, oldest first, counting this case and its similar cases. */
  weeks: Type.Array(WeekCountDto),
  /** The counts of the current and the previous ISO week ("one of many: 14 this week, 3 last week"). */
  thisWeek: Type.Integer({ minimum: 0 }),
  lastWeek: Type.Integer({ minimum: 0 }),
});
export type SimilarCasesDto = Static<typeof SimilarCasesDto>;

/**
 * A burst of similar complaints, raised once per cluster (see `recurrence.spike_detected`). The
 * cluster spans the organisation, so only its counts are shown beyond the caller's sites: no case
 * id of another site (the cluster's key is its earliest case, which may be anywhere).
 */
export const SpikeDto = Type.Object({
  spikeId: Type.String(),
  /** The cluster's latest case at the caller's sites, to open from the board. */
  caseId: Type.String(),
  caseRef: Type.String(),
  subject: Nullable(Type.String()),
  periodStart: DateTime,
  periodEnd: DateTime,
  /** Cases of the cluster in the period when it was raised, organisation-wide (all sites, not only the caller's). */
  currentCount: Type.Integer({ minimum: 0 }),
  /** The average per period over the periods before, organisation-wide. */
  baselineAverage: Type.Number({ minimum: 0 }),
  /** Of the cluster's cases in the period, how many are at the caller's sites. */
  atMySites: Type.Integer({ minimum: 0 }),
  detectedAt: DateTime,
});
export type SpikeDto = Static<typeof SpikeDto>;
