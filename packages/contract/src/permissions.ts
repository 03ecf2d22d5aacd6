/**
 * The typed permission catalogue. Every route declares one of these or `public`; policies grant
 * them per role and default to deny. Add, never rename: API tokens and tests refer to them.
 */
export const Permissions = ['session:self', 'user:read', 'user:manage', 'token:manage', 'system:read'] as const;
export type Permission = (typeof Permissions)[number];

/** What a route may declare: a permission, `public` (no sign-in) or `authenticated` (any signed-in user). */
export type RouteAccess = Permission | 'public' | 'authenticated';
