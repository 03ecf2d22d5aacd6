import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Signed, expiring links for people who have no account: the customer's portal link and survey
 * link. A token is `<claims, base64url JSON>.<HMAC-SHA256 of them, base64url>` under a server key
 * (`server_keys`, made once by migration 0011), so every instance can check it and nothing needs
 * to be stored per link. Pure: the key and the time are passed in.
 */
export type LinkPurpose = 'case' | 'survey';

export interface LinkClaims {
  /** What the link opens. */
  readonly purpose: LinkPurpose;
  /** The case it belongs to. */
  readonly caseId: string;
  /** The survey (purpose `survey`). */
  readonly surveyId?: string;
  /** Seconds since the epoch after which the link no longer opens. */
  readonly expiresAt: number;
}

const sign = (key: string, body: string): string => createHmac('sha256', key).update(body).digest('base64url');

export const signLink = (key: string, claims: LinkClaims): string => {
  const body = Buffer.from(
    JSON.stringify({ p: claims.purpose, c: claims.caseId, s: claims.surveyId, e: claims.expiresAt }),
  ).toString('base64url');
  return `${body}.${sign(key, body)}`;
};

/** The claims of a genuine, unexpired token for `purpose`; null for anything else. Never throws. */
export const verifyLink = (key: string, token: string, purpose: LinkPurpose, now: Date): LinkClaims | null => {
  if (typeof token !== 'string' || token.length > 1000) return null;
  const dot = token.indexOf('.');
  if (dot <= 0) return null;
  const body = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = Buffer.from(sign(key, body), 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const claims = raw as { p?: unknown; c?: unknown; s?: unknown; e?: unknown };
  if (claims.p !== purpose || typeof claims.c !== 'string' || typeof claims.e !== 'number') return null;
  if (claims.e * 1000 <= now.getTime()) return null;
  if (claims.s !== undefined && typeof claims.s !== 'string') return null;
  return {
    purpose,
    caseId: claims.c,
    expiresAt: claims.e,
    ...(typeof claims.s === 'string' ? { surveyId: claims.s } : {}),
  };
};
