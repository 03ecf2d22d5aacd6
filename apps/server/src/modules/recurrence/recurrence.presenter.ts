import type { SimilarCasesDto } from '@redress/contract';
import type { SimilarCases } from './recurrence.service.ts';

/** Two decimals: the estimate's own error is about ±0.04. */
const round = (value: number): number => Math.round(value * 100) / 100;

/** A case's similar cases as the API shows them. */
export const presentSimilarCases = (similar: SimilarCases): SimilarCasesDto => ({
  caseId: similar.caseId,
  comparable: similar.comparable,
  items: similar.items.map((item) => ({
    caseId: item.caseId,
    caseRef: item.ref,
    subject: item.subject,
    status: item.status,
    siteId: item.siteId,
    createdAt: item.createdAt.toISOString(),
    similarity: round(item.similarity),
    kind: item.kind,
    sameCategoryAndProduct: item.sameCategoryAndProduct,
  })),
  total: similar.total,
  windowDays: similar.windowDays,
  weeks: similar.weeks.map((w) => ({ week: w.week, start: w.start.toISOString(), count: w.count })),
  thisWeek: similar.thisWeek,
  lastWeek: similar.lastWeek,
});
