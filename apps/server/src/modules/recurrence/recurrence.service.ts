import type { SimilarCasesQuery } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { newId } from '../../shared/ids.ts';
import type { Context, UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import { visibilityFor } from '../cases/index.ts';
import { SIGNATURE_VERSION } from './minhash.ts';
import {
  caseText,
  classify,
  fingerprint,
  isoWeekLabel,
  productKeyOf,
  weeklyCounts,
  type Comparable,
  type SimilarityKind,
  type WeekCount,
} from './recurrence.ts';
import type { CandidateCase, CaseText, FingerprintWrite, RecurrenceRepository } from './recurrence.repository.ts';
import { assessSpike, BASELINE_PERIODS, findClusters, spikeWindows } from './spikes.ts';

/** Days back a closed case still counts as recent for the similar-cases list. */
export const SIMILAR_WINDOW_DAYS = 90;
/**
 * Candidates compared per request, most recent first: a bound on the work of one request when a
 * template letter has thousands of copies (the list and the week counts then cover the newest).
 */
export const CANDIDATE_LIMIT = 2_000;
/** Cases fingerprinted per spike run that have none yet (opened before this feature, or a lost job). */
export const BACKFILL_BATCH = 1_000;
/** At most this many case ids are named in a spike event (all are stored with the spike). */
const EVENT_CASE_IDS = 50;

const DAY_MS = 86_400_000;

export interface RecurrenceServiceDeps {
  readonly store: UnitOfWork<RecurrenceRepository>;
  readonly clock: Clock;
  /** The cases module's visibility check: not-found and forbidden look the same. */
  readonly requireVisibleCase: (ctx: Context, caseId: string) => Promise<unknown>;
}

/** One similar case, with how and how much it resembles. */
export interface SimilarCase extends CandidateCase {
  readonly similarity: number;
  readonly kind: SimilarityKind;
  readonly sameCategoryAndProduct: boolean;
}

export interface SimilarCases {
  readonly caseId: string;
  readonly comparable: boolean;
  readonly items: SimilarCase[];
  readonly total: number;
  readonly windowDays: number;
  readonly weeks: WeekCount[];
  readonly thisWeek: number;
  readonly lastWeek: number;
}

/** A case's fingerprint, ready to store (too short to compare: stored without a signature). */
const fingerprintWrite = (text: CaseText, now: Date): FingerprintWrite => {
  const found = fingerprint(caseText(text.subject, text.description));
  return {
    caseId: text.id,
    version: SIGNATURE_VERSION,
    signature: found?.signature ?? null,
    buckets: found?.buckets ?? [],
    shingles: found?.shingles ?? 0,
    categoryId: text.categoryId,
    productKey: productKeyOf(text.productRef),
    caseCreatedAt: text.createdAt,
    updatedAt: now,
  };
};

/** Similar cases of one case, and the early warning when one kind of complaint bursts. */
export const createRecurrenceService = ({ store, clock, requireVisibleCase }: RecurrenceServiceDeps) => {
  /**
   * (Re)computes a case's fingerprint from its current subject and description. Idempotent: the
   * same text gives the same rows. Returns false when the case does not exist.
   */
  const fingerprintCase = (caseId: string): Promise<boolean> =>
    store.write(async (repo) => {
      const text = await repo.findCaseText(caseId);
      if (!text) return false;
      await repo.saveFingerprint(fingerprintWrite(text, clock.now()));
      return true;
    });

  /**
   * The cases like `caseId` that the caller may see at their sites, still open or opened in the
   * last SIMILAR_WINDOW_DAYS days, most similar first; and how many of the cluster (this case and
   * those) were opened in each of the last eight ISO weeks. The case's own fingerprint is computed
   * here from its current text, so the answer does not wait for the fingerprint job.
   */
  const similarCases = async (ctx: Context, caseId: string, query: SimilarCasesQuery): Promise<SimilarCases> => {
    requirePermission(ctx.actor, 'case:read');
    await requireVisibleCase(ctx, caseId);
    const text = await store.read.findCaseText(caseId);
    const now = clock.now();
    const own = text ? fingerprintWrite(text, now) : undefined;
    const summary = (items: SimilarCase[], comparable: boolean): SimilarCases => {
      const weeks = weeklyCounts([...(text ? [text.createdAt] : []), ...items.map((i) => i.createdAt)], now);
      const count = (week: string) => weeks.find((w) => w.week === week)?.count ?? 0;
      return {
        caseId,
        comparable,
        items: items.slice(0, query.limit ?? 20),
        total: items.length,
        windowDays: SIMILAR_WINDOW_DAYS,
        weeks,
        thisWeek: count(isoWeekLabel(now)),
        lastWeek: count(isoWeekLabel(new Date(now.getTime() - 7 * DAY_MS))),
      };
    };
    if (!own?.signature) return summary([], false);

    const visibility = visibilityFor(ctx.actor);
    const candidates = await store.read.candidates(
      {
        caseId,
        buckets: own.buckets,
        categoryId: own.categoryId,
        productKey: own.productKey,
        since: new Date(now.getTime() - SIMILAR_WINDOW_DAYS * DAY_MS),
        // Listed only from the caller's sites (brand-wide roles: all). Department members, who
        // see cases through their tasks rather than by site, are listed none.
        sites: { all: visibility.all, siteIds: visibility.siteIds },
        limit: CANDIDATE_LIMIT,
      },
      SIGNATURE_VERSION,
    );
    const self: Comparable = { signature: own.signature, categoryId: own.categoryId, productKey: own.productKey };
    const items: SimilarCase[] = [];
    for (const candidate of candidates) {
      const link = classify(self, candidate);
      if (!link) continue;
      const sameCategoryAndProduct =
        self.categoryId !== null &&
        self.categoryId === candidate.categoryId &&
        self.productKey === candidate.productKey;
      items.push({ ...candidate, ...link, sameCategoryAndProduct });
    }
    items.sort(
      (a, b) =>
        b.similarity - a.similarity || b.createdAt.getTime() - a.createdAt.getTime() || (a.caseId < b.caseId ? -1 : 1),
    );
    return summary(items, true);
  };

  /**
   * The early-warning sweep: fingerprints what is missing, clusters the cases of the last five
   * periods and records each cluster that spikes (spikes.ts) with a `recurrence.spike_detected`
   * event — once: a cluster with a case in a spike of the last period is not raised again, so a
   * second run, or the next hour's, raises nothing new for the same burst.
   */
  const detectSpikes = async (ctx: Context) => {
    requirePermission(ctx.actor, 'case:read');
    const now = clock.now();
    const { since, baselineSince } = spikeWindows(now);
    const missing = await store.read.casesWithoutFingerprint(baselineSince, SIGNATURE_VERSION, BACKFILL_BATCH);
    if (missing.length > 0) {
      await store.write(async (repo) => {
        for (const text of missing) await repo.saveFingerprint(fingerprintWrite(text, now));
      });
    }
    const members = await store.read.fingerprintsSince(baselineSince, SIGNATURE_VERSION);
    const clusters = findClusters(members, since);
    const raised: { spikeId: string; clusterKey: string; current: number; baseline: number }[] = [];
    for (const cluster of clusters) {
      const verdict = assessSpike(cluster);
      if (!verdict.spike) continue;
      const spikeId = await store.write(async (repo) => {
        const already = await repo.casesInSpikesSince(cluster.caseIds, since);
        if (already.size > 0) return null;
        const id = newId('spk', now);
        await repo.insertSpike({
          id,
          clusterKey: cluster.key,
          periodStart: since,
          periodEnd: now,
          currentIds: cluster.currentIds,
          baselineIds: cluster.baselineIds,
          baselinePeriods: BASELINE_PERIODS,
          detectedAt: now,
        });
        await repo.appendEvent({
          type: 'recurrence.spike_detected',
          subjectType: 'recurrence_spike',
          subjectId: id,
          actorId: null,
          requestId: ctx.requestId,
          payload: {
            clusterKey: cluster.key,
            periodStart: since.toISOString(),
            periodEnd: now.toISOString(),
            currentCount: verdict.current,
            baselineCount: cluster.baselineIds.length,
            baselinePeriods: BASELINE_PERIODS,
            baselineAverage: verdict.baseline,
            caseIds: cluster.currentIds.slice(-EVENT_CASE_IDS),
          },
          occurredAt: now,
        });
        return id;
      });
      if (spikeId)
        raised.push({ spikeId, clusterKey: cluster.key, current: verdict.current, baseline: verdict.baseline });
    }
    return { fingerprinted: missing.length, examined: members.length, clusters: clusters.length, raised };
  };

  return { fingerprintCase, similarCases, detectSpikes };
};

export type RecurrenceService = ReturnType<typeof createRecurrenceService>;
