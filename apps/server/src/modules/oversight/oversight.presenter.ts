import type { EarlyWarningDto, Locale, WaitingAtRankDto } from '@redress/contract';
import type { CaseRefRow, RankCount } from './oversight.repository.ts';
import type { EarlyWarning } from './oversight.service.ts';

const caseRef = (row: CaseRefRow) => ({
  caseId: row.caseId,
  caseRef: row.caseRef,
  siteId: row.siteId,
  ownerId: row.ownerId,
});

const byRank = (counts: readonly RankCount[], names: EarlyWarning['names']): WaitingAtRankDto[] =>
  counts.map((c) => ({
    rank: c.rank,
    names: (names.get(c.rank) as Record<Locale, string> | undefined) ?? null,
    waiting: c.waiting,
    oldestSince: c.oldestSince.toISOString(),
  }));

/** The board as the API shows it. */
export const presentEarlyWarning = (w: EarlyWarning): EarlyWarningDto => {
  const clocks = (list: EarlyWarning['clocksDueSoon']) => ({
    total: list.total,
    items: list.items.map((c) => ({
      clockId: c.clockId,
      ...caseRef(c),
      key: c.key,
      kind: c.kind,
      dueAt: c.dueAt.toISOString(),
      breachedAt: c.breachedAt?.toISOString() ?? null,
    })),
  });
  const commitments = (list: EarlyWarning['commitmentsDueSoon']) => ({
    total: list.total,
    items: list.items.map((c) => ({
      commitmentId: c.commitmentId,
      ...caseRef(c),
      text: c.text,
      madeBy: c.madeBy,
      dueAt: c.dueAt.toISOString(),
      atRiskAt: c.atRiskAt?.toISOString() ?? null,
    })),
  });
  return {
    generatedAt: w.now.toISOString(),
    hours: w.hours,
    horizon: w.horizon.toISOString(),
    clocks: { dueSoon: clocks(w.clocksDueSoon), breached: clocks(w.clocksBreached) },
    commitments: { dueSoon: commitments(w.commitmentsDueSoon), overdue: commitments(w.commitmentsOverdue) },
    escalations: {
      total: w.escalations.total,
      byRank: byRank(w.escalations.byRank, w.names),
      items: w.escalations.items.map((e) => ({
        escalationId: e.escalationId,
        ...caseRef(e),
        toRank: e.toRank,
        trigger: e.trigger,
        waitingSince: e.createdAt.toISOString(),
      })),
    },
    approvals: {
      total: w.approvals.total,
      byRank: byRank(w.approvals.byRank, w.names),
      items: w.approvals.items.map((a) => ({
        compensationId: a.compensationId,
        ...caseRef(a),
        requiredRank: a.requiredRank,
        kind: a.kind,
        amount: a.amount,
        currency: a.currency,
        proposedBy: a.proposedBy,
        waitingSince: a.proposedAt.toISOString(),
      })),
    },
    spikes: {
      total: w.spikes.total,
      items: w.spikes.items.map((s) => ({
        spikeId: s.spikeId,
        caseId: s.caseId,
        caseRef: s.caseRef,
        subject: s.subject,
        periodStart: s.periodStart.toISOString(),
        periodEnd: s.periodEnd.toISOString(),
        currentCount: s.currentCount,
        baselineAverage: s.baselinePeriods > 0 ? s.baselineCount / s.baselinePeriods : 0,
        atMySites: s.atSites,
        detectedAt: s.detectedAt.toISOString(),
      })),
    },
    counts: {
      clocksDueSoon: w.clocksDueSoon.total,
      clocksBreached: w.clocksBreached.total,
      commitmentsDueSoon: w.commitmentsDueSoon.total,
      commitmentsOverdue: w.commitmentsOverdue.total,
      escalationsWaiting: w.escalations.total,
      approvalsWaiting: w.approvals.total,
      spikes: w.spikes.total,
    },
  };
};
