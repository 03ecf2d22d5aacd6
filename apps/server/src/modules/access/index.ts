export { can, permissionsFor, scopeCoversSite, scopeFor } from './access.policy.ts';
