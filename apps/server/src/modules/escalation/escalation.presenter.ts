import type { EscalationDto, LadderLevelDto, TriggerDto } from '@redress/contract';
import type { Escalation } from './escalation.ts';
import type { LadderLevel } from './ladder.ts';
import type { EscalationTrigger } from './triggers.ts';

export const presentLevel = (level: LadderLevel): LadderLevelDto => ({
  id: level.id,
  rank: level.rank,
  names: { ...level.names },
  roles: [...level.roles],
  teamId: level.teamId,
  maxCompensation: level.maxCompensation,
  currency: level.currency,
  remedies: [...level.remedies],
  responseMinutes: level.responseMinutes,
});

export const presentTrigger = (trigger: EscalationTrigger): TriggerDto => ({
  id: trigger.id,
  kind: trigger.kind,
  enabled: trigger.enabled,
  settings: trigger.settings,
  toRank: trigger.toRank,
});

/** The escalation as the API shows it; the source event stays internal. */
export const presentEscalation = (e: Escalation): EscalationDto => ({
  id: e.id,
  caseId: e.caseId,
  direction: e.direction,
  fromRank: e.fromRank,
  toRank: e.toRank,
  trigger: e.trigger,
  reason: e.reason,
  summary: e.summary,
  actorId: e.actorId,
  createdAt: e.createdAt.toISOString(),
  acknowledgedAt: e.acknowledgedAt?.toISOString() ?? null,
  acknowledgedBy: e.acknowledgedBy,
  supersededAt: e.supersededAt?.toISOString() ?? null,
});
