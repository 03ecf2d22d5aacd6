// How well case fingerprints group CFPB complaints. The headline is coherence against the data's own
// labels (Company, Issue, Sub-issue). The "template pair" rows (near-identical letters sent by many
// consumers) define their gold by exact Jaccard over the same shingles, so they measure how well
// MinHash/LSH approximates that Jaccard, not near-duplicate recall as a person would judge it.
// Reads the CFPB sample from the evaluation data folder; nothing is copied into the repository.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse/sync';
import { estimateSimilarity, bandBuckets } from '../apps/server/src/modules/recurrence/minhash.ts';
import { fingerprint, NEAR_DUPLICATE, SAME_CAUSE } from '../apps/server/src/modules/recurrence/recurrence.ts';
import { shinglesOf } from '../apps/server/src/modules/recurrence/shingles.ts';

const FILE = 'en_cfpb_complaints_sample.csv';

interface Letter {
  readonly id: string;
  readonly group: string;
  readonly issue: string;
  readonly shingles: Set<string>;
  readonly signature: Uint32Array;
}

const jaccard = (a: Set<string>, b: Set<string>): number => {
  let shared = 0;
  for (const s of a) if (b.has(s)) shared += 1;
  return shared / (a.size + b.size - shared || 1);
};

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);
const pairKey = (i: number, j: number): string => (i < j ? `${i}:${j}` : `${j}:${i}`);

/**
 * Markdown tables: first how coherent the near-duplicate and same-cause links are with the data's
 * Company / Issue / Sub-issue labels (the headline), then how closely the MinHash estimate and the
 * LSH bands approximate exact shingle Jaccard (≥ 0.8 within one Company + Issue + Sub-issue).
 */
export const evaluateRecurrence = async (dataDir: string): Promise<string> => {
  const path = join(dataDir, FILE);
  if (!existsSync(path)) return `## Similar cases\n\nSkipped: ${FILE} not found.\n`;
  const records = parse<Record<string, string>>(readFileSync(path, 'utf8'), { columns: true });
  const letters: Letter[] = [];
  const started = performance.now();
  for (const r of records) {
    const text = (r['Consumer complaint narrative'] ?? '').trim();
    if (text === '') continue;
    const found = fingerprint(text);
    if (!found) continue;
    const issue = `${r.Company} | ${r.Issue}`;
    letters.push({
      id: r['Complaint ID'] ?? '',
      issue,
      group: `${issue} | ${r['Sub-issue']}`,
      shingles: shinglesOf(text),
      signature: found.signature,
    });
  }
  const perLetterMs = (performance.now() - started) / Math.max(1, letters.length);

  // Ground truth: near-identical letters inside one Company + Issue + Sub-issue (exact Jaccard).
  const byGroup = new Map<string, number[]>();
  letters.forEach((l, i) => byGroup.set(l.group, [...(byGroup.get(l.group) ?? []), i]));
  const truth = new Set<string>();
  for (const members of byGroup.values()) {
    for (let a = 0; a < members.length; a += 1) {
      for (let b = a + 1; b < members.length; b += 1) {
        const i = members[a] as number;
        const j = members[b] as number;
        if (jaccard(letters[i]!.shingles, letters[j]!.shingles) >= NEAR_DUPLICATE) truth.add(pairKey(i, j));
      }
    }
  }

  // What the index finds: LSH candidates (any shared band), then the estimate.
  const buckets = new Map<string, number[]>();
  letters.forEach((l, i) =>
    bandBuckets(l.signature).forEach((bucket, band) => {
      const key = `${band}:${bucket}`;
      buckets.set(key, [...(buckets.get(key) ?? []), i]);
    }),
  );
  const candidates = new Set<string>();
  for (const members of buckets.values()) {
    for (let a = 0; a < members.length; a += 1) {
      for (let b = a + 1; b < members.length; b += 1) candidates.add(pairKey(members[a]!, members[b]!));
    }
  }
  let near = 0;
  let nearTrue = 0;
  let nearSameGroup = 0;
  let nearExact = 0;
  let same = 0;
  let sameIssue = 0;
  let foundTruth = 0;
  let absError = 0;
  for (const key of candidates) {
    const [i, j] = key.split(':').map(Number) as [number, number];
    const a = letters[i]!;
    const b = letters[j]!;
    const estimate = estimateSimilarity(a.signature, b.signature);
    const exact = jaccard(a.shingles, b.shingles);
    absError += Math.abs(estimate - exact);
    if (estimate >= NEAR_DUPLICATE) {
      near += 1;
      if (truth.has(key)) nearTrue += 1;
      if (a.group === b.group) nearSameGroup += 1;
      if (exact >= NEAR_DUPLICATE) nearExact += 1;
    } else if (estimate >= SAME_CAUSE) {
      same += 1;
      if (a.issue === b.issue) sameIssue += 1;
    }
    if (truth.has(key) && estimate >= NEAR_DUPLICATE) foundTruth += 1;
  }
  let truthCandidates = 0;
  for (const key of truth) if (candidates.has(key)) truthCandidates += 1;

  return [
    '## Similar cases (CFPB complaints)',
    '',
    `${letters.length} narratives fingerprinted (${perLetterMs.toFixed(3)} ms each on average, whole narratives).`,
    '',
    'Coherence of the links against labels the data carries (the CFPB filer chose the Company, Issue and',
    'Sub-issue; the shingles never saw them). This is the headline: it is the only measure here that',
    'checks the links against something other than the fingerprint itself.',
    '',
    '| measure | value |',
    '| --- | --- |',
    `| **same_cause links (${SAME_CAUSE}–${NEAR_DUPLICATE}) within one Company + Issue** | **${pct(sameIssue, same)}** (${sameIssue}/${same}) |`,
    `| near_duplicate links within one Company + Issue + Sub-issue (the rest: one letter sent to several companies or filed under another issue) | ${pct(nearSameGroup, near)} (${nearSameGroup}/${near}) |`,
    '',
    `How closely the index approximates exact shingle Jaccard. The "template pairs" are pairs with the same`,
    `Company + Issue + Sub-issue and exact Jaccard ≥ ${NEAR_DUPLICATE} over the very shingles being indexed, so the`,
    'recall rows measure the MinHash/LSH approximation of that Jaccard, not the recall of near-duplicate',
    'complaints as a person would judge them (a rewording that changes the shingles is missed by both).',
    '',
    '| measure (approximation of exact Jaccard) | value |',
    '| --- | --- |',
    `| template pairs (exact Jaccard ≥ ${NEAR_DUPLICATE}) that become LSH candidates | ${pct(truthCandidates, truth.size)} (${truthCandidates}/${truth.size}) |`,
    `| template pairs whose estimate reaches near_duplicate | ${pct(foundTruth, truth.size)} (${foundTruth}/${truth.size}) |`,
    `| near_duplicate links with exact Jaccard ≥ ${NEAR_DUPLICATE} (the estimate agrees) | ${pct(nearExact, near)} (${nearExact}/${near}) |`,
    `| near_duplicate links that are template pairs | ${pct(nearTrue, near)} (${nearTrue}/${near}) |`,
    `| candidate pairs compared, of all pairs | ${candidates.size} of ${(letters.length * (letters.length - 1)) / 2} |`,
    `| mean absolute error of the estimate on candidates | ${(absError / Math.max(1, candidates.size)).toFixed(3)} |`,
    '',
  ].join('\n');
};
