/**
 * The typed permission catalogue. Every route declares one of these or `public`; policies grant
 * them per role and default to deny. Add, never rename: API tokens and tests refer to them.
 * What a permission allows is further narrowed by the actor's scope (sites, teams, own cases).
 */
export const Permissions = [
  'session:self',
  'user:read',
  'user:manage',
  'token:manage',
  'system:read',
  // Organisation: sites, teams, memberships.
  'org:read',
  'org:manage',
  // Configuration: category tree, root causes.
  'config:manage',
  // Customers: reading personal data is audited.
  'customer:read',
  'customer:write',
  'customer:merge',
  // Cases.
  'case:read',
  'case:create',
  'case:update',
  'case:assign',
  'case:transition',
  'case:merge',
  // Internal tasks: department members answer them.
  'task:create',
  'task:answer',
  // Attachments on cases.
  'attachment:read',
  'attachment:write',
  // Who read or changed personal data.
  'audit:read',
  // Calendars, service policies and the escalation ladder: reading them (writing is config:manage).
  'config:read',
  // Promises to customers: make, keep, renegotiate.
  'commitment:write',
  // Escalating a case up the ladder (or back down), and answering an escalation at one's level.
  'escalation:raise',
  // Compensation and remedies: proposing, and approving within the approver's authority.
  'compensation:propose',
  'compensation:approve',
  // The manager's early-warning board and promise-keeping rates.
  'oversight:read',
] as const;
export type Permission = (typeof Permissions)[number];

/** What a route may declare: a permission, `public` (no sign-in) or `authenticated` (any signed-in user). */
export type RouteAccess = Permission | 'public' | 'authenticated';
