import type { FollowUpDto, SurveyDto } from '@redress/contract';
import type { FollowUp, Survey } from './followup.ts';

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;

export const presentFollowUp = (f: FollowUp): FollowUpDto => ({
  id: f.id,
  caseId: f.caseId,
  status: f.status,
  plan: f.plan,
  dueAt: iso(f.dueAt),
  compensationId: f.compensationId,
  surveyId: f.surveyId,
  reason: f.reason,
  waitUntil: iso(f.waitUntil),
  sentAt: iso(f.sentAt),
  cancelledAt: iso(f.cancelledAt),
  createdAt: f.createdAt.toISOString(),
});

export const presentSurvey = (s: Survey): SurveyDto => ({
  id: s.id,
  caseId: s.caseId,
  language: s.language,
  status: s.status,
  score: s.score,
  solved: s.solved,
  effort: s.effort,
  comment: s.comment,
  leaving: s.leaving,
  leavingReason: s.leavingReason,
  answeredVia: s.answeredVia,
  answeredAt: iso(s.answeredAt),
  expiresAt: s.expiresAt.toISOString(),
  createdAt: s.createdAt.toISOString(),
});
