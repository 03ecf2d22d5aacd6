export { can, permissionsFor, requirePermission, scopeCoversSite, scopeFor } from './access.policy.ts';
