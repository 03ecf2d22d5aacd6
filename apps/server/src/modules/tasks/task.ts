import type { TaskStatus } from '@redress/contract';
import { AppError, ErrorCode } from '../../shared/errors.ts';

/**
 * An internal task: instead of "we'll pass it on to the relevant department" (article 000), the
 * case owner asks a named team or person a question with a due time. The department answers or
 * passes it on with a reason — there is no refusing. The owner stays the customer's contact.
 */
export interface Task {
  readonly id: string;
  readonly caseId: string;
  readonly assigneeTeamId: string | null;
  readonly assigneeUserId: string | null;
  readonly question: string;
  readonly dueAt: Date;
  readonly status: TaskStatus;
  readonly answer: string | null;
  readonly answeredBy: string | null;
  readonly answeredAt: Date | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

export interface TaskAssignee {
  readonly teamId?: string | null | undefined;
  readonly userId?: string | null | undefined;
}

export interface TaskChange {
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/** A task goes somewhere specific: a team, a person, or a person in a team. */
export const requireAssignee = (to: TaskAssignee): { teamId: string | null; userId: string | null } => {
  const teamId = to.teamId ?? null;
  const userId = to.userId ?? null;
  if (!teamId && !userId) {
    throw new AppError(ErrorCode.ValidationFailed, 'Say which team or person should answer', [
      { field: '/body/teamId', message: 'give teamId or userId' },
    ]);
  }
  return { teamId, userId };
};

/** Builds a new open task; the due time must be after `now`. */
export const newTask = (
  input: { id: string; caseId: string; to: TaskAssignee; question: string; dueAt: Date; createdBy: string | null },
  now: Date,
): { task: Task; events: TaskChange[] } => {
  const { teamId, userId } = requireAssignee(input.to);
  const question = input.question.trim();
  if (!question) {
    throw new AppError(ErrorCode.ValidationFailed, 'Ask a question', [
      { field: '/body/question', message: 'must not be blank' },
    ]);
  }
  if (Number.isNaN(input.dueAt.getTime()) || input.dueAt.getTime() <= now.getTime()) {
    throw new AppError(ErrorCode.ValidationFailed, 'The due time must be in the future', [
      { field: '/body/dueAt', message: 'must be after now' },
    ]);
  }
  const task: Task = {
    id: input.id,
    caseId: input.caseId,
    assigneeTeamId: teamId,
    assigneeUserId: userId,
    question,
    dueAt: input.dueAt,
    status: 'open',
    answer: null,
    answeredBy: null,
    answeredAt: null,
    createdBy: input.createdBy,
    createdAt: now,
  };
  return {
    task,
    events: [
      {
        type: 'case.task_created',
        payload: { taskId: task.id, teamId, userId, question, dueAt: task.dueAt.toISOString() },
      },
    ],
  };
};

const requireOpen = (task: Task): void => {
  if (task.status !== 'open') throw new AppError(ErrorCode.Conflict, 'This task has already been answered');
};

/** Answers the task. The answer goes on the case's timeline, where its owner picks it up. */
export const answerTask = (
  task: Task,
  answer: string,
  by: string | null,
  now: Date,
): { task: Task; events: TaskChange[] } => {
  requireOpen(task);
  const text = answer.trim();
  if (!text)
    throw new AppError(ErrorCode.ValidationFailed, 'Give an answer', [
      { field: '/body/answer', message: 'must not be blank' },
    ]);
  return {
    task: { ...task, status: 'answered', answer: text, answeredBy: by, answeredAt: now },
    events: [
      {
        type: 'case.task_answered',
        payload: { taskId: task.id, answer: text, teamId: task.assigneeTeamId, userId: task.assigneeUserId },
      },
    ],
  };
};

/** Passes the task to another team or person, saying why. A task cannot be refused, only passed on. */
export const reassignTask = (task: Task, to: TaskAssignee, reason: string): { task: Task; events: TaskChange[] } => {
  requireOpen(task);
  const why = reason.trim();
  if (!why) {
    throw new AppError(ErrorCode.ValidationFailed, 'Say why the task moves', [
      { field: '/body/reason', message: 'must not be blank' },
    ]);
  }
  const target = requireAssignee(to);
  if (target.teamId === task.assigneeTeamId && target.userId === task.assigneeUserId) {
    throw new AppError(ErrorCode.RuleViolated, 'The task is already there', [
      { field: '/body/teamId', message: 'is the current assignee' },
    ]);
  }
  return {
    task: { ...task, assigneeTeamId: target.teamId, assigneeUserId: target.userId },
    events: [
      {
        type: 'case.task_reassigned',
        payload: {
          taskId: task.id,
          from: { teamId: task.assigneeTeamId, userId: task.assigneeUserId },
          to: target,
          reason: why,
        },
      },
    ],
  };
};

/** True when the task is addressed to this user or one of their teams. */
export const isAssignedTo = (task: Task, userId: string | null, teamIds: readonly string[]): boolean =>
  (userId !== null && task.assigneeUserId === userId) ||
  (task.assigneeTeamId !== null && teamIds.includes(task.assigneeTeamId));
