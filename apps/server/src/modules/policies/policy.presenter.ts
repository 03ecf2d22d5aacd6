import type { PolicyDto } from '@redress/contract';
import type { StoredPolicy } from './policy-rules.ts';

export const presentPolicy = (policy: StoredPolicy): PolicyDto => ({
  id: policy.id,
  name: policy.name,
  rank: policy.rank,
  conditions: {
    ...(policy.conditions.categoryIds ? { categoryIds: [...policy.conditions.categoryIds] } : {}),
    ...(policy.conditions.severities ? { severities: [...policy.conditions.severities] } : {}),
    ...(policy.conditions.channels ? { channels: [...policy.conditions.channels] } : {}),
    ...(policy.conditions.siteIds ? { siteIds: [...policy.conditions.siteIds] } : {}),
    ...(policy.conditions.customerTiers ? { customerTiers: [...policy.conditions.customerTiers] } : {}),
  },
  calendarId: policy.calendarId,
  targets: {
    acknowledge: policy.targets.acknowledge,
    firstResponse: policy.targets.firstResponse,
    keepInLoop: policy.targets.keepInLoop,
    resolve: policy.targets.resolve,
  },
  regulatory: policy.regulatory,
  pauseStatuses: [...policy.pauseStatuses],
  warnPercents: [...policy.warnPercents],
  preset: policy.preset,
  enabled: policy.enabled,
  createdAt: policy.createdAt.toISOString(),
  updatedAt: policy.updatedAt.toISOString(),
});
