import { bandBuckets } from './minhash.ts';
import { classify, type Comparable } from './recurrence.ts';

/**
 * Spike early warning (pure). Every run looks at the cases of the last BASELINE_PERIODS + 1
 * periods of SPIKE_PERIOD_DAYS days before `now`:
 *
 * - A cluster is a connected group over near-duplicate / same-cause links (recurrence.ts) where
 *   every link has at least one end in the current period (the last 7 days): this week's cases,
 *   joined with each other and with the earlier cases they resemble. Its key is its earliest case.
 * - It spikes when its cases of the current period number at least MIN_SPIKE_CASES and at least
 *   SPIKE_FACTOR times the average per period of the baseline (the four periods before): a burst
 *   of eight this week against one a week before is a spike; a steady trickle, however long, is not.
 * - Each spike is raised once: a cluster sharing a case with a spike raised in the last period is
 *   not raised again (the service checks that against what it stored).
 */

/** The length of one period, in days: the current one ends at `now`. */
export const SPIKE_PERIOD_DAYS = 7;
/** Periods before the current one that make the baseline. */
export const BASELINE_PERIODS = 4;
/** The fewest cases in the current period that can be a spike. */
export const MIN_SPIKE_CASES = 5;
/** How many times the baseline average the current period must reach. */
export const SPIKE_FACTOR = 3;

const PERIOD_MS = SPIKE_PERIOD_DAYS * 86_400_000;

/** The windows of a run at `now`: the current period starts at `since`, the baseline at `baselineSince`. */
export const spikeWindows = (now: Date): { since: Date; baselineSince: Date } => ({
  since: new Date(now.getTime() - PERIOD_MS),
  baselineSince: new Date(now.getTime() - (BASELINE_PERIODS + 1) * PERIOD_MS),
});

/** A case of the look-back window, as clustering needs it. */
export interface ClusterMember extends Comparable {
  readonly caseId: string;
  readonly createdAt: Date;
}

/** One cluster: its key (earliest case), its cases, and which of them are in the current period. */
export interface Cluster {
  readonly key: string;
  readonly caseIds: readonly string[];
  readonly currentIds: readonly string[];
  readonly baselineIds: readonly string[];
}

const earlier = (a: ClusterMember, b: ClusterMember): number =>
  a.createdAt.getTime() - b.createdAt.getTime() || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0);

/**
 * The clusters that have a case in the current period (created after `since`), each listing its
 * cases oldest first. Neighbours are found with an in-memory LSH index over `members` and, for the
 * category-and-product rule, a grouping by both.
 */
export const findClusters = (members: readonly ClusterMember[], since: Date): Cluster[] => {
  const parent = members.map((_, i) => i);
  const root = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] as number;
    for (let j = i; parent[j] !== r;) {
      const next = parent[j] as number;
      parent[j] = r;
      j = next;
    }
    return r;
  };
  const join = (a: number, b: number): void => {
    const ra = root(a);
    const rb = root(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  const byBucket = new Map<string, number[]>();
  const byProduct = new Map<string, number[]>();
  const buckets = members.map((m) => bandBuckets(m.signature));
  members.forEach((member, i) => {
    (buckets[i] as number[]).forEach((bucket, band) => {
      const key = `${band}:${bucket}`;
      const list = byBucket.get(key);
      if (list) list.push(i);
      else byBucket.set(key, [i]);
    });
    if (member.categoryId !== null && member.productKey !== null) {
      const key = `${member.categoryId}\u0000${member.productKey}`;
      const list = byProduct.get(key);
      if (list) list.push(i);
      else byProduct.set(key, [i]);
    }
  });

  const isCurrent = (i: number): boolean => (members[i] as ClusterMember).createdAt.getTime() > since.getTime();
  // Same category and product: every case of the group is linked to its current ones.
  for (const group of byProduct.values()) {
    const current = group.find(isCurrent);
    if (current !== undefined) for (const i of group) join(current, i);
  }
  members.forEach((member, i) => {
    if (!isCurrent(i)) return;
    const seen = new Set<number>([i]);
    (buckets[i] as number[]).forEach((bucket, band) => {
      for (const j of byBucket.get(`${band}:${bucket}`) ?? []) {
        if (seen.has(j)) continue;
        seen.add(j);
        if (root(i) !== root(j) && classify(member, members[j] as ClusterMember)) join(i, j);
      }
    });
  });

  const groups = new Map<number, ClusterMember[]>();
  members.forEach((member, i) => {
    const r = root(i);
    const list = groups.get(r);
    if (list) list.push(member);
    else groups.set(r, [member]);
  });
  const clusters: Cluster[] = [];
  for (const group of groups.values()) {
    const current = group.filter((m) => m.createdAt.getTime() > since.getTime());
    if (current.length === 0) continue;
    const sorted = [...group].sort(earlier);
    clusters.push({
      key: (sorted[0] as ClusterMember).caseId,
      caseIds: sorted.map((m) => m.caseId),
      currentIds: current.sort(earlier).map((m) => m.caseId),
      baselineIds: sorted.filter((m) => m.createdAt.getTime() <= since.getTime()).map((m) => m.caseId),
    });
  }
  return clusters.sort((a, b) => b.currentIds.length - a.currentIds.length || (a.key < b.key ? -1 : 1));
};

/** The verdict on one cluster: its current count, the baseline average per period, and whether it spikes. */
export const assessSpike = (cluster: Pick<Cluster, 'currentIds' | 'baselineIds'>) => {
  const current = cluster.currentIds.length;
  const baseline = cluster.baselineIds.length / BASELINE_PERIODS;
  return { current, baseline, spike: current >= MIN_SPIKE_CASES && current >= SPIKE_FACTOR * baseline };
};
