import type { Role, TeamKind } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/** A branch, dealer or franchisee: where cases are handled, with its own time zone. */
export interface Site {
  readonly id: string;
  readonly name: string;
  readonly code: string;
  readonly timeZone: string;
  readonly createdAt: Date;
}

/** A frontline team or a department (warehouse, billing…) at a site, or brand-wide when siteId is null. */
export interface Team {
  readonly id: string;
  readonly name: string;
  readonly kind: TeamKind;
  readonly siteId: string | null;
  readonly memberIds: readonly string[];
  readonly createdAt: Date;
}

/**
 * A colleague as the directory shows them: who they are and where they work, nothing more (no
 * e-mail address). What agents choose from to hand over a case, name a key person or ask a question.
 */
export interface Colleague {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  /** Home site; null for brand-wide users. */
  readonly siteId: string | null;
  readonly teamIds: readonly string[];
}

/** Which colleagues to list: at every site, or at these (none lists nobody); active users only. */
export interface ColleagueFilter {
  readonly allSites: boolean;
  readonly siteIds: readonly string[];
  /** Part of the name, compared case-insensitively. */
  readonly q?: string | undefined;
  readonly limit: number;
}

/** True for a time zone the runtime knows (IANA names such as `Asia/Bangkok`). */
export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

/** Site codes compare case-insensitively; stored upper-case. */
export const normalizeSiteCode = (code: string): string => code.trim().toUpperCase();

export const assertTimeZone = (zone: string): void => {
  if (!isTimeZone(zone)) {
    throw new AppError(ErrorCode.ValidationFailed, `Unknown time zone "${zone}"`, [
      { field: '/body/timeZone', message: 'is not an IANA time zone' },
    ]);
  }
};
