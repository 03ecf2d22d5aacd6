import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  BANDS,
  bandBuckets,
  decodeSignature,
  encodeSignature,
  estimateSimilarity,
  fmix32,
  hash32,
  SIGNATURE_SIZE,
  signatureOf,
} from './minhash.ts';

/** Two sets of `size` elements sharing `shared` of them: Jaccard = shared / (2·size − shared). */
const pair = (size: number, shared: number, salt: string): [string[], string[]] => {
  const common = Array.from({ length: shared }, (_, i) => `${salt}-common-${i}`);
  const a = [...common, ...Array.from({ length: size - shared }, (_, i) => `${salt}-a-${i}`)];
  const b = [...common, ...Array.from({ length: size - shared }, (_, i) => `${salt}-b-${i}`)];
  return [a, b];
};

describe('MinHash', () => {
  test('the hashes are fixed 32-bit values (stored signatures depend on them)', () => {
    assert.equal(fmix32(0), 0);
    assert.equal(hash32('退款'), hash32('退款'));
    assert.notEqual(hash32('退款'), hash32('退貨'));
    for (const text of ['', 'a', 'mango', 'มะม่วง']) {
      const h = hash32(text);
      assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 32, `${text}: ${h}`);
    }
  });

  test('an empty set has no signature; equal sets have equal signatures', () => {
    assert.equal(signatureOf([]), null);
    const a = signatureOf(['x', 'y', 'z']);
    const b = signatureOf(['z', 'y', 'x', 'x']);
    assert.ok(a && b);
    assert.equal(a.length, SIGNATURE_SIZE);
    assert.deepEqual(a, b);
    assert.equal(estimateSimilarity(a, b), 1);
  });

  test('the estimate tracks the true Jaccard similarity (mean error over many pairs under 0.03)', () => {
    for (const [size, shared] of [
      [60, 60],
      [60, 48],
      [60, 30],
      [60, 15],
      [60, 0],
    ] as const) {
      const truth = shared / (2 * size - shared);
      let totalError = 0;
      const trials = 40;
      for (let trial = 0; trial < trials; trial += 1) {
        const [a, b] = pair(size, shared, `${size}-${shared}-${trial}`);
        const estimate = estimateSimilarity(signatureOf(a) as Uint32Array, signatureOf(b) as Uint32Array);
        totalError += estimate - truth;
        assert.ok(Math.abs(estimate - truth) < 0.2, `J=${truth.toFixed(2)} estimated ${estimate}`);
      }
      assert.ok(Math.abs(totalError / trials) < 0.03, `bias at J=${truth.toFixed(2)}: ${totalError / trials}`);
    }
  });

  test('bands: identical signatures share every bucket, unrelated ones almost none', () => {
    const [a, b] = pair(40, 0, 'bands');
    const sa = signatureOf(a) as Uint32Array;
    const sb = signatureOf(b) as Uint32Array;
    const ba = bandBuckets(sa);
    assert.equal(ba.length, BANDS);
    assert.deepEqual(bandBuckets(Uint32Array.from(sa)), ba);
    const bb = bandBuckets(sb);
    assert.ok(ba.filter((bucket, i) => bucket === bb[i]).length <= 1);
    for (const bucket of ba) assert.ok(bucket >= -(2 ** 31) && bucket < 2 ** 31);
  });

  test('a signature survives storage as text; anything else does not decode', () => {
    const signature = signatureOf(['a', 'b', 'c']) as Uint32Array;
    const text = encodeSignature(signature);
    assert.deepEqual(decodeSignature(text), signature);
    assert.equal(decodeSignature('AAAA'), null);
    assert.equal(decodeSignature(''), null);
  });
});
