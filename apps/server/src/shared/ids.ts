import { randomFillSync } from 'node:crypto';

/**
 * Prefixed, time-ordered ids: `<prefix>_<26 chars>` where the first 10 characters encode the
 * millisecond timestamp (Crockford base32, like ULID) and the rest are random. Sorting ids sorts
 * by creation time; the prefix says what the id points at in logs and URLs.
 */
export const IdPrefix = {
  user: 'usr',
  session: 'ses',
  apiToken: 'tok',
  event: 'evt',
  job: 'job',
  site: 'site',
  team: 'team',
  customer: 'cus',
  case: 'case',
  task: 'task',
  category: 'cat',
  rootCause: 'rc',
  keyPerson: 'kp',
  caseLink: 'lnk',
  attachment: 'att',
  calendar: 'cal',
  policy: 'pol',
  ladderLevel: 'lvl',
  escalationTrigger: 'trg',
  escalation: 'esc',
  compensation: 'cmp',
  commitment: 'cmt',
  clock: 'clk',
  notification: 'ntf',
  lexiconEntry: 'lex',
  spike: 'spk',
  webhook: 'whk',
  webhookDelivery: 'whd',
  email: 'eml',
  intakeChannel: 'chn',
  followUp: 'fup',
  survey: 'srv',
  bestAnswer: 'ans',
  request: 'req',
} as const;

export type IdPrefix = (typeof IdPrefix)[keyof typeof IdPrefix];

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

const encodeTime = (ms: number): string => {
  let out = '';
  let value = ms;
  for (let i = 0; i < 10; i += 1) {
    out = ALPHABET[value % 32] + out;
    value = Math.floor(value / 32);
  }
  return out;
};

// Randomness is drawn 4 KiB at a time: one call into the OS per ~250 ids instead of one per id.
const POOL_SIZE = 4096;
const pool = Buffer.alloc(POOL_SIZE);
let poolOffset = POOL_SIZE;

const randomSlice = (length: number): Buffer => {
  if (poolOffset + length > POOL_SIZE) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const slice = pool.subarray(poolOffset, poolOffset + length);
  poolOffset += length;
  return slice;
};

const encodeRandom = (length: number): string => {
  let out = '';
  for (const byte of randomSlice(length)) out += ALPHABET[byte % 32];
  return out;
};

/** A new id for `prefix`, ordered by `at` (defaults to now). */
export const newId = (prefix: IdPrefix, at: Date = new Date()): string =>
  `${prefix}_${encodeTime(at.getTime())}${encodeRandom(16)}`;

/** True when `value` looks like an id with the given prefix. */
export const isId = (prefix: IdPrefix, value: string): boolean =>
  new RegExp(`^${prefix}_[0-9A-HJKMNP-TV-Z]{26}$`).test(value);
