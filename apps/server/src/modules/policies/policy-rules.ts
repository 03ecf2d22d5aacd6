import { TargetMaxAmounts } from '@redress/contract';
import type { ErrorDetail } from '../../shared/errors.ts';
import type { ServicePolicy, Target } from './policy.ts';

/** A policy as stored, with its bookkeeping times. */
export interface StoredPolicy extends ServicePolicy {
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The fields a create or update may set, after defaults. */
export type PolicyDraft = Omit<ServicePolicy, 'id' | 'preset'>;

const REGULATORY_MAX_DAYS = 366;
const TARGET_NAMES = ['acknowledge', 'firstResponse', 'keepInLoop', 'resolve'] as const;

const targetProblems = (target: Target | null, field: string): ErrorDetail[] => {
  if (target === null) return [];
  const max = TargetMaxAmounts[target.unit];
  if (!Number.isInteger(target.amount) || target.amount < 1 || target.amount > max) {
    return [{ field, message: `A ${target.unit} target must be a whole number from 1 to ${max}.` }];
  }
  return [];
};

/**
 * Problems with a policy's meaning (shapes are checked by the contract): targets positive and
 * bounded per unit, warning percentages strictly ascending within (0, 100), a regulatory clock of
 * 1–366 days with a label, a non-blank name, a non-negative rank. Fields are `/body/…`.
 */
export const policyProblems = (draft: PolicyDraft): ErrorDetail[] => {
  const problems: ErrorDetail[] = [];
  if (!draft.name.trim()) problems.push({ field: '/body/name', message: 'must not be blank' });
  if (!Number.isInteger(draft.rank) || draft.rank < 0) {
    problems.push({ field: '/body/rank', message: 'must be a non-negative integer' });
  }
  for (const name of TARGET_NAMES) problems.push(...targetProblems(draft.targets[name], `/body/targets/${name}`));
  draft.warnPercents.forEach((percent, index) => {
    const previous = index > 0 ? draft.warnPercents[index - 1] : undefined;
    if (!Number.isInteger(percent) || percent <= 0 || percent >= 100) {
      problems.push({ field: `/body/warnPercents/${index}`, message: 'must be a whole percentage between 1 and 99' });
    } else if (previous !== undefined && percent <= previous) {
      problems.push({ field: `/body/warnPercents/${index}`, message: 'percentages must be strictly ascending' });
    }
  });
  if (draft.regulatory) {
    const { days, label } = draft.regulatory;
    if (!Number.isInteger(days) || days < 1 || days > REGULATORY_MAX_DAYS) {
      problems.push({ field: '/body/regulatory/days', message: `must be 1 to ${REGULATORY_MAX_DAYS} calendar days` });
    }
    if (!label.trim()) problems.push({ field: '/body/regulatory/label', message: 'must not be blank' });
  }
  return problems;
};
