/** The policies module's public door: service policies and how a case picks one. */
export type { PolicyConditions, PolicySubject, ServicePolicy, Target } from './policy.ts';
export { conditionsMatch, selectPolicy } from './policy-match.ts';
