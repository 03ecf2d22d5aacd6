import { Permissions, type Permission, type Role } from '@redress/contract';
import type { Actor } from '../../shared/unit-of-work.ts';

/**
 * What each role may do. Default deny: a permission not listed here is refused. Later modules add
 * their permissions to the catalogue and grant them here, so the whole policy reads in one place.
 */
const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  agent: ['session:self', 'token:manage'],
  supervisor: ['session:self', 'token:manage', 'user:read'],
  manager: ['session:self', 'token:manage', 'user:read'],
  department_member: ['session:self'],
  quality_analyst: ['session:self', 'token:manage', 'user:read', 'system:read'],
  admin: [...Permissions],
};

/** The permissions a role holds; an unknown role holds none. */
export const permissionsFor = (role: string): readonly Permission[] =>
  Object.hasOwn(GRANTS, role) ? GRANTS[role as Role] : [];

/** True when `actor` holds `permission`. The system actor holds every permission by name. */
export const can = (actor: Actor, permission: Permission): boolean =>
  actor.kind === 'system' ? true : permissionsFor(actor.role).includes(permission);
