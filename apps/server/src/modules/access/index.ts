export { can, permissionsFor } from './access.policy.ts';
