/** The policies module's public door: service policies, how a case picks one, presets, routes. */
export type { PolicyConditions, PolicySubject, ServicePolicy, Target } from './policy.ts';
export { conditionsMatch, selectPolicy } from './policy-match.ts';
export { POLICY_PRESETS, type PolicyPreset } from './policy-presets.ts';
export { policyProblems, type PolicyDraft, type StoredPolicy } from './policy-rules.ts';
export type { PolicyRepository } from './policy.repository.ts';
export { createPolicyService, type PolicyService } from './policy.service.ts';
export { policiesRoutes } from './policy.routes.ts';
