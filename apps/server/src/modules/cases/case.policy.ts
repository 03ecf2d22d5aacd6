import type { Actor } from '../../shared/unit-of-work.ts';
import type { Case } from './case.ts';
import type { CaseVisibility } from './case.repository.ts';

/** Roles that oversee other people's cases: they may act on a case they do not own. */
export const SUPERVISING_ROLES: readonly string[] = ['supervisor', 'manager', 'admin'];

/**
 * Which cases an actor sees. Department members see only cases their teams (or they) have a task
 * on — not every case of their site; everyone else sees their sites' cases and the ones they own.
 */
export const visibilityFor = (actor: Actor): CaseVisibility => {
  if (actor.kind === 'system') return { all: true, siteIds: [], teamIds: [], userId: null };
  if (actor.kind !== 'user') return { all: false, siteIds: [], teamIds: [], userId: null };
  const { scope } = actor;
  if (scope.allSites) return { all: true, siteIds: [], teamIds: [], userId: actor.userId };
  return {
    all: false,
    siteIds: actor.role === 'department_member' ? [] : scope.siteIds,
    teamIds: scope.teamIds,
    userId: actor.userId,
  };
};

/** The case owner, a supervising role or the system: who may steer a case (hand off, add tasks). */
export const mayActAsOwner = (actor: Actor, record: Pick<Case, 'ownerId'>): boolean =>
  actor.kind === 'system' ||
  (actor.kind === 'user' && (actor.userId === record.ownerId || SUPERVISING_ROLES.includes(actor.role)));
