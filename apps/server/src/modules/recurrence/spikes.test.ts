import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fingerprint } from './recurrence.ts';
import { assessSpike, findClusters, MIN_SPIKE_CASES, spikeWindows, type ClusterMember } from './spikes.ts';

const NOW = new Date('2026-03-04T10:00:00Z');
const daysAgo = (days: number): Date => new Date(NOW.getTime() - days * 86_400_000);

const heater = (n: number) =>
  `The RC-500 rice cooker I bought stopped heating after ${n} days and the bottom smells burnt. I want a replacement or a refund, order ${1000 + n}.`;
const parcel = (n: number) => `พัสดุหมายเลข ${n} ยังไม่ได้รับเลย โทรหาบริษัทขนส่งหลายครั้งแต่ไม่มีใครรับสาย ขอให้ตรวจสอบและคืนเงินด้วย`;
const others = [
  'The waiter was rude to my mother and the soup arrived cold.',
  '櫃檯人員態度很差，對我母親大聲說話，等了一個小時。',
  '快递员没有送货上门，直接把包裹放在小区门口，结果包裹被雨淋湿了。',
];

const member = (caseId: string, text: string, createdAt: Date, extra: Partial<ClusterMember> = {}): ClusterMember => {
  const found = fingerprint(text);
  assert.ok(found);
  return { caseId, createdAt, signature: found.signature, categoryId: null, productKey: null, ...extra };
};

describe('clusters and spikes', () => {
  const { since } = spikeWindows(NOW);

  test('a burst this week is one cluster keyed by its earliest case, and spikes', () => {
    const members = [
      member('case_old', heater(40), daysAgo(20)),
      ...Array.from({ length: 7 }, (_, i) => member(`case_new${i}`, heater(i + 1), daysAgo(6 - i * 0.5))),
      ...others.map((text, i) => member(`case_other${i}`, text, daysAgo(1))),
    ];
    const clusters = findClusters(members, since);
    const burst = clusters[0];
    assert.ok(burst);
    assert.equal(burst.key, 'case_old');
    assert.deepEqual(burst.baselineIds, ['case_old']);
    assert.equal(burst.currentIds.length, 7);
    assert.deepEqual(assessSpike(burst), { current: 7, baseline: 0.25, spike: true });
    // Each unrelated complaint stands alone and does not spike.
    assert.equal(clusters.length, 4);
    for (const single of clusters.slice(1)) {
      assert.equal(single.caseIds.length, 1);
      assert.equal(assessSpike(single).spike, false);
    }
  });

  test('a steady trickle is a cluster but not a spike, however long it has run', () => {
    // Six a week for five weeks, evenly spread.
    const members = Array.from({ length: 5 * 6 }, (_, i) =>
      member(`case_${i}`, parcel(i), daysAgo(((i + 0.5) * 7) / 6)),
    );
    const clusters = findClusters(members, since);
    assert.equal(clusters.length, 1);
    const verdict = assessSpike(clusters[0]!);
    assert.equal(verdict.current, 6);
    assert.equal(verdict.baseline, 6);
    assert.equal(verdict.spike, false);
  });

  test('too few cases are not a spike even from nothing', () => {
    const members = Array.from({ length: MIN_SPIKE_CASES - 1 }, (_, i) => member(`case_${i}`, parcel(i), daysAgo(i)));
    const [cluster] = findClusters(members, since);
    assert.equal(assessSpike(cluster!).spike, false);
  });

  test('a cluster needs a case this week; old cases alone make none', () => {
    const members = Array.from({ length: 6 }, (_, i) => member(`case_${i}`, heater(i), daysAgo(10 + i)));
    assert.deepEqual(findClusters(members, since), []);
  });

  test('same category and product joins otherwise different complaints', () => {
    const members = [
      member('case_a', heater(1), daysAgo(1), { categoryId: 'cat_1', productKey: 'rc-500' }),
      member('case_b', others[0]!, daysAgo(9), { categoryId: 'cat_1', productKey: 'rc-500' }),
      member('case_c', others[1]!, daysAgo(2), { categoryId: 'cat_2', productKey: 'rc-500' }),
    ];
    const clusters = findClusters(members, since);
    assert.deepEqual(
      clusters.map((c) => c.caseIds),
      [['case_b', 'case_a'], ['case_c']],
    );
  });
});
