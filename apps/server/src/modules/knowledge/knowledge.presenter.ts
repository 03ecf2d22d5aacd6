import type { BestAnswerDto } from '@redress/contract';
import type { BestAnswer } from './knowledge.ts';

/** A best answer as the API shows it: the editor by name. */
export const presentBestAnswer = (answer: BestAnswer): BestAnswerDto => ({
  id: answer.id,
  categoryId: answer.categoryId,
  language: answer.language,
  title: answer.title,
  body: answer.body,
  createdAt: answer.createdAt.toISOString(),
  updatedAt: answer.updatedAt.toISOString(),
  updatedBy: answer.updatedByName,
});
