import type { CompensationDto } from '@redress/contract';
import type { Compensation } from './compensation.ts';

export const presentCompensation = (c: Compensation): CompensationDto => ({
  id: c.id,
  caseId: c.caseId,
  kind: c.kind,
  amount: c.amount,
  currency: c.currency,
  description: c.description,
  status: c.status,
  requiredRank: c.requiredRank,
  proposedBy: c.proposedBy,
  proposedAt: c.proposedAt.toISOString(),
  decidedBy: c.decidedBy,
  decidedAt: c.decidedAt?.toISOString() ?? null,
  decisionNote: c.decisionNote,
  customerAccepted: c.customerAccepted,
  customerResponseAt: c.customerResponseAt?.toISOString() ?? null,
  deliveredAt: c.deliveredAt?.toISOString() ?? null,
});
