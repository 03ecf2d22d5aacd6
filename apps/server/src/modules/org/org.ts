import type { TeamKind } from '@redress/contract';
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
