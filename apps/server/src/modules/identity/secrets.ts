import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/**
 * Bearer secrets (session cookies, API tokens) are 32 random bytes; only their SHA-256 is stored,
 * so a copy of the database cannot be replayed. Passwords are hashed with argon2id.
 */
export const generateSecret = (prefix: string): string => `${prefix}_${randomBytes(32).toString('base64url')}`;

export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

// argon2id (the package's `Algorithm.Argon2id` is an ambient const enum, which erasable TypeScript
// cannot read; 2 is its value). OWASP's baseline: 19 MiB, 2 iterations, 1 lane.
const ARGON2ID = 2;
const ARGON2_OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2_OPTIONS);

export const verifyPassword = async (stored: string, password: string): Promise<boolean> => {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
};

// Made on the first sign-in, not at import: every CLI command and test would otherwise pay for it.
let dummyHash: Promise<string> | undefined;

/** A fixed argon2id hash compared against when the e-mail is unknown, so timing does not reveal accounts. */
export const dummyPasswordHash = (): Promise<string> =>
  (dummyHash ??= hashPassword('redress-dummy-password-for-timing'));
