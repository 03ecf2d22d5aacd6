import type { PolicyConditions, PolicySubject, ServicePolicy } from './policy.ts';

const listMatches = <T>(allowed: readonly T[] | undefined, value: T | null): boolean =>
  allowed === undefined || allowed.length === 0 || (value !== null && allowed.includes(value));

/** True when every condition of a policy admits the subject; absent or empty lists admit anything. */
export const conditionsMatch = (conditions: PolicyConditions, subject: PolicySubject): boolean =>
  listMatches(conditions.categoryIds, subject.categoryId) &&
  listMatches(conditions.severities, subject.severity) &&
  listMatches(conditions.channels, subject.channel) &&
  listMatches(conditions.siteIds, subject.siteId) &&
  listMatches(conditions.customerTiers, subject.customerTier);

/**
 * The policy a case falls under: the first enabled policy, in ascending `rank`, whose conditions
 * all match. Policies of equal rank keep the order they were given in (storage lists them by rank,
 * then creation), so the choice is deterministic. Undefined when none matches.
 */
export const selectPolicy = (policies: readonly ServicePolicy[], subject: PolicySubject): ServicePolicy | undefined =>
  policies
    .filter((policy) => policy.enabled)
    .sort((a, b) => a.rank - b.rank)
    .find((policy) => conditionsMatch(policy.conditions, subject));
