import { Permissions, type Permission, type Role } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import type { Actor, Scope } from '../../shared/unit-of-work.ts';

const AGENT: readonly Permission[] = [
  'session:self',
  'token:manage',
  'org:read',
  'customer:read',
  'customer:write',
  'case:read',
  'case:create',
  'case:update',
  'case:assign',
  'case:transition',
  'task:create',
  'task:answer',
  'attachment:read',
  'attachment:write',
  'config:read',
  'commitment:write',
  'escalation:raise',
  'compensation:propose',
];
const SUPERVISOR: readonly Permission[] = [
  ...AGENT,
  'user:read',
  'customer:merge',
  'case:merge',
  'compensation:approve',
  'oversight:read',
];

/**
 * What each role may do. Default deny: a permission not listed here is refused. Later modules add
 * their permissions to the catalogue and grant them here, so the whole policy reads in one place.
 * A department member sees the cases their teams have tasks on — the customer's own words, not
 * their contact details (no `customer:read`).
 */
const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  agent: AGENT,
  supervisor: SUPERVISOR,
  manager: [...SUPERVISOR, 'audit:read'],
  department_member: ['session:self', 'org:read', 'case:read', 'task:answer', 'attachment:read', 'attachment:write'],
  quality_analyst: [
    'session:self',
    'token:manage',
    'user:read',
    'system:read',
    'org:read',
    'customer:read',
    'case:read',
    'attachment:read',
    'audit:read',
    'config:read',
    'oversight:read',
  ],
  admin: [...Permissions],
};

/** Roles that oversee the whole network and see every site. */
const BRAND_ROLES: readonly string[] = ['quality_analyst', 'admin'];

/** The permissions a role holds; an unknown role holds none. */
export const permissionsFor = (role: string): readonly Permission[] =>
  Object.hasOwn(GRANTS, role) ? GRANTS[role as Role] : [];

/**
 * True when `actor` holds `permission`. The system actor (jobs, CLI) holds every permission by
 * name; an anonymous caller holds none.
 */
export const can = (actor: Actor, permission: Permission): boolean => {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'anonymous') return false;
  return permissionsFor(actor.role).includes(permission);
};

/**
 * Throws the coded `forbidden` error unless `actor` holds `permission`. Use cases call it first;
 * the HTTP layer answers it exactly like not-found.
 */
export const requirePermission = (actor: Actor, permission: Permission): void => {
  if (!can(actor, permission)) throw new AppError(ErrorCode.Forbidden, 'Not allowed');
};

/**
 * Where a user may see and act: brand roles everywhere; others their home site and the sites of
 * their teams; their teams for task-scoped views.
 */
export const scopeFor = (
  role: string,
  homeSiteId: string | null,
  teams: readonly { id: string; siteId: string | null }[],
): Scope => {
  const siteIds = new Set<string>();
  if (homeSiteId) siteIds.add(homeSiteId);
  for (const team of teams) if (team.siteId) siteIds.add(team.siteId);
  return { allSites: BRAND_ROLES.includes(role), siteIds: [...siteIds].sort(), teamIds: teams.map((t) => t.id).sort() };
};

/** True when the scope reaches `siteId` (a case or customer's site). */
export const scopeCoversSite = (scope: Scope, siteId: string | null): boolean =>
  scope.allSites || (siteId !== null && scope.siteIds.includes(siteId));
