/**
 * Roles a user can hold. Brand roles (quality analyst, administrator) see across sites;
 * the rest are narrowed to their site, team or own cases as later modules arrive.
 */
export const Roles = ['agent', 'supervisor', 'manager', 'department_member', 'quality_analyst', 'admin'] as const;
export type Role = (typeof Roles)[number];

export const isRole = (value: string): value is Role => (Roles as readonly string[]).includes(value);
