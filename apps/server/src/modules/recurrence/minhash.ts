/**
 * MinHash signatures and LSH banding (pure). A signature keeps, for each of SIGNATURE_SIZE hash
 * functions, the smallest hash over a text's shingles; the share of positions where two signatures
 * agree estimates the Jaccard similarity of the two shingle sets (standard error
 * √(J(1−J)/128) ≤ 0.045). LSH cuts the signature into BANDS bands of ROWS values: two texts become
 * candidates when any band is equal, which happens with probability 1 − (1 − J^ROWS)^BANDS —
 * 32 × 4 puts the knee near J ≈ 0.42: ~0.56 at 0.4, ~0.87 at 0.5, > 0.99 at 0.6 and above, and
 * ~0.003 at 0.1, so near-duplicates are always found and unrelated complaints rarely fetched.
 *
 * The hashes are fixed (FNV-1a over the shingle, then the MurmurHash3 finaliser with one seed per
 * position): stored signatures stay comparable. Changing any constant here means a new
 * SIGNATURE_VERSION, and stored fingerprints of another version are computed again.
 */

/** Hash functions per signature. */
export const SIGNATURE_SIZE = 128;
/** LSH bands; BANDS × ROWS = SIGNATURE_SIZE. */
export const BANDS = 32;
/** Signature values per band. */
export const ROWS = 4;
/** Bumped whenever the shingles, hashes or sizes change. */
export const SIGNATURE_VERSION = 1;

/** MurmurHash3's 32-bit finaliser: a fast bijection that spreads every input bit. */
export const fmix32 = (value: number): number => {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
};

/** FNV-1a over the UTF-16 units of `text`, finalised: an unsigned 32-bit hash. */
export const hash32 = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
};

/** One seed per signature position, from the golden-ratio sequence. */
const SEEDS = Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32(Math.imul(i + 1, 0x9e3779b9)));

/**
 * The MinHash signature of a shingle set; null when the set is empty (nothing to compare).
 * Each position i hashes a shingle's base hash h as fmix32(h ⊕ seedᵢ).
 */
export const signatureOf = (shingles: Iterable<string>): Uint32Array | null => {
  const signature = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
  let any = false;
  for (const shingle of shingles) {
    any = true;
    const base = hash32(shingle);
    for (let i = 0; i < SIGNATURE_SIZE; i += 1) {
      const value = fmix32(base ^ (SEEDS[i] as number));
      if (value < (signature[i] as number)) signature[i] = value;
    }
  }
  return any ? signature : null;
};

/** Estimated Jaccard similarity, 0–1: the share of positions where the signatures agree. */
export const estimateSimilarity = (a: Uint32Array, b: Uint32Array): number => {
  const size = Math.min(a.length, b.length);
  if (size === 0) return 0;
  let same = 0;
  for (let i = 0; i < size; i += 1) if (a[i] === b[i]) same += 1;
  return same / size;
};

/**
 * The LSH bucket of each band: a signed 32-bit hash of the band's ROWS values (signed, so it fits
 * an `integer` column on both databases). Equal bands give equal buckets; unequal bands collide
 * with probability 2⁻³², which costs one needless comparison.
 */
export const bandBuckets = (signature: Uint32Array): number[] => {
  const buckets: number[] = [];
  for (let band = 0; band < BANDS; band += 1) {
    let h = fmix32(0x811c9dc5 ^ band);
    for (let row = 0; row < ROWS; row += 1)
      h = fmix32(Math.imul(h ^ (signature[band * ROWS + row] as number), 0x01000193));
    buckets.push(h | 0);
  }
  return buckets;
};

/** A signature as text for storage: base64 of its values, little-endian. */
export const encodeSignature = (signature: Uint32Array): string => {
  const bytes = new Uint8Array(signature.length * 4);
  const view = new DataView(bytes.buffer);
  signature.forEach((value, i) => view.setUint32(i * 4, value, true));
  return Buffer.from(bytes).toString('base64');
};

/** The inverse of `encodeSignature`; null when the text is not a signature of this size. */
export const decodeSignature = (text: string): Uint32Array | null => {
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length !== SIGNATURE_SIZE * 4) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Uint32Array.from({ length: SIGNATURE_SIZE }, (_, i) => view.getUint32(i * 4, true));
};
