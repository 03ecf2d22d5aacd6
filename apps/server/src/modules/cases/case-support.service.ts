import type { Permission } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { actorId, type Context } from '../../shared/unit-of-work.ts';
import { permissionsFor, scopeCoversSite, scopeFor } from '../access/index.ts';
import { reconcileCaseClocks } from '../clocks/index.ts';
import type { Case, CaseChange } from './case.ts';
import { visibilityFor } from './case.policy.ts';
import type { CaseRepository, CaseUser } from './case.repository.ts';

/** How many timeline events one read returns. */
export const TIMELINE_LIMIT = 1000;

export { requirePermission } from '../access/index.ts';

export const caseNotFound = (): AppError => new AppError(ErrorCode.NotFound, 'No such case');

/**
 * Appends the pure core's changes as events on the case, in the caller's unit of work, then brings
 * the case's service clocks up to date when any change matters to them (STYLE #7). The case row
 * must already be saved: the clocks read it back in the same transaction — except at intake when
 * `saved` (the case just inserted) is given, which spares that read.
 */
export const appendCaseEvents = async (
  repo: CaseRepository,
  ctx: Context,
  caseId: string,
  changes: readonly CaseChange[],
  at: Date,
  saved?: Case,
): Promise<void> => {
  for (const change of changes) {
    await repo.appendEvent({
      type: change.type,
      subjectType: 'case',
      subjectId: caseId,
      actorId: actorId(ctx.actor),
      requestId: ctx.requestId,
      payload: change.payload,
      occurredAt: at,
    });
  }
  await reconcileCaseClocks(repo.clocks, ctx, caseId, changes, at, saved);
};

/**
 * The case when the caller may see it (in SQL); otherwise not-found, whether it exists or not.
 * `forUpdate` locks the row until the unit of work ends (PostgreSQL), so commands do not lose updates.
 */
export const loadVisibleCase = async (
  repo: CaseRepository,
  ctx: Context,
  id: string,
  forUpdate = false,
): Promise<Case> => {
  const found = await repo.findVisibleCase(id, visibilityFor(ctx.actor), forUpdate);
  if (!found) throw caseNotFound();
  return found;
};

/** True when `user` could see a case at `siteId` and work it (own it, answer for it). */
export const userCanWorkAt = (user: CaseUser, siteId: string | null, permission: Permission): boolean =>
  !user.disabled &&
  permissionsFor(user.role).includes(permission) &&
  (siteId === null
    ? scopeFor(user.role, user.siteId, user.teams).allSites || user.siteId === null
    : scopeCoversSite(scopeFor(user.role, user.siteId, user.teams), siteId));
