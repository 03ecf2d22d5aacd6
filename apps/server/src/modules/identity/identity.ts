import type { Locale, Role } from '@redress/contract';

/** A user as the domain sees it. Rows never leave `storage/`; this never leaves the server. */
export interface User {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  readonly locale: Locale;
  readonly passwordHash: string | null;
  /** Home site; null for brand-wide users. */
  readonly siteId: string | null;
  readonly createdAt: Date;
  readonly disabledAt: Date | null;
}

export interface Session {
  readonly id: string;
  readonly userId: string;
  readonly expiresAt: Date;
  readonly lastSeenAt: Date;
}

export interface ApiToken {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly lastUsedAt: Date | null;
  readonly revokedAt: Date | null;
}

/** Sessions last this long from the last time they were seen (sliding expiry). */
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;
/** A session's last-seen time is refreshed at most this often, so reads stay reads. */
export const SESSION_TOUCH_MS = 5 * 60 * 1000;
/** Failed sign-ins counted over this window. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Failed sign-ins allowed per e-mail address, and per client address, within the window. */
export const LOGIN_MAX_FAILURES_PER_EMAIL = 10;
export const LOGIN_MAX_FAILURES_PER_IP = 50;

/** E-mail addresses compare case-insensitively and without surrounding space. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export const sessionExpired = (session: Session, now: Date): boolean => session.expiresAt.getTime() <= now.getTime();

export const sessionNeedsTouch = (session: Session, now: Date): boolean =>
  now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_MS;

export const rateLimitKeys = (email: string, ip: string): { email: string; ip: string } => ({
  email: `email:${normalizeEmail(email)}`,
  ip: `ip:${ip}`,
});

/** Seconds until the oldest counted failure leaves the window — what `Retry-After` says. */
export const retryAfterSeconds = (oldestFailure: Date, now: Date): number =>
  Math.max(1, Math.ceil((oldestFailure.getTime() + LOGIN_WINDOW_MS - now.getTime()) / 1000));
