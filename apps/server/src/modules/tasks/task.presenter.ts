import type { TaskDto, TaskQueueItemDto } from '@redress/contract';
import type { Task } from './task.ts';
import type { TaskCaseSummary } from './task.repository.ts';

export const presentTask = (task: Task): TaskDto => ({
  id: task.id,
  caseId: task.caseId,
  assigneeTeamId: task.assigneeTeamId,
  assigneeUserId: task.assigneeUserId,
  question: task.question,
  dueAt: task.dueAt.toISOString(),
  status: task.status,
  answer: task.answer,
  answeredBy: task.answeredBy,
  answeredAt: task.answeredAt?.toISOString() ?? null,
  createdBy: task.createdBy,
  createdAt: task.createdAt.toISOString(),
});

/** A queue item: the case summary and the customer's own words — never their contact details. */
export const presentQueueItem = (item: { task: Task; case: TaskCaseSummary }): TaskQueueItemDto => ({
  task: presentTask(item.task),
  case: { ...item.case },
});
