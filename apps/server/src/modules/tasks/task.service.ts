import type { TaskListQuery } from '@redress/contract';
import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, scopeOf, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { permissionsFor, requirePermission } from '../access/index.ts';
import {
  appendCaseEvents,
  loadVisibleCase,
  mayActAsOwner,
  SUPERVISING_ROLES,
  transition,
  TRANSITIONS,
  userCanWorkAt,
  visibilityFor,
  type CaseChange,
  type CaseRepository,
} from '../cases/index.ts';
import { settleDueItem, trackDueItem } from '../clocks/index.ts';
import {
  answerTask as answer,
  isAssignedTo,
  newTask,
  reassignTask as reassign,
  type Task,
  type TaskAssignee,
} from './task.ts';
import type { TaskStore } from './task.repository.ts';

export interface TaskServiceDeps {
  readonly store: UnitOfWork<TaskStore>;
  readonly clock: Clock;
}

const notFound = () => new AppError(ErrorCode.NotFound, 'No such task');

/**
 * Checks that a team or person exists, may answer tasks (a disabled user may not) and belongs to
 * the case's site — a brand-wide department, or a team or person of that site. A task is not a
 * way to carry a case to another branch: outside its site the assignee looks not to exist.
 */
const checkAssignee = async (cases: CaseRepository, to: TaskAssignee, caseSiteId: string | null): Promise<void> => {
  if (to.teamId) {
    const team = await cases.findTeam(to.teamId);
    if (!team || (team.siteId !== null && team.siteId !== caseSiteId)) {
      throw new AppError(ErrorCode.ValidationFailed, 'No such team', [
        { field: '/body/teamId', message: 'no such team' },
      ]);
    }
  }
  if (to.userId) {
    const user = await cases.findUser(to.userId);
    const brandWideDepartment = user?.teams.some((team) => team.siteId === null) ?? false;
    const reaches =
      user !== undefined &&
      (userCanWorkAt(user, caseSiteId, 'task:answer') ||
        (brandWideDepartment && !user.disabled && permissionsFor(user.role).includes('task:answer')));
    if (!reaches) {
      throw new AppError(ErrorCode.ValidationFailed, 'No such user', [
        { field: '/body/userId', message: 'no such user' },
      ]);
    }
  }
};

/**
 * Internal tasks on cases. Creating one puts the case in waiting_on_internal; answering the last
 * open one brings it back to investigating. Every step is an event on the case's timeline.
 */
export const createTaskService = ({ store, clock }: TaskServiceDeps) => {
  /** Only the case owner (or a supervising role) asks other teams; the owner stays the customer's contact. */
  const createTask = async (
    ctx: Context,
    caseId: string,
    input: { teamId?: string | undefined; userId?: string | undefined; question: string; dueAt: string },
  ): Promise<Task> => {
    requirePermission(ctx.actor, 'task:create');
    const now = clock.now();
    return store.write(async ({ cases, tasks }) => {
      const current = await loadVisibleCase(cases, ctx, caseId, true);
      if (!mayActAsOwner(ctx.actor, current)) {
        throw new AppError(ErrorCode.RuleViolated, 'Only the case owner or a supervisor asks for internal help');
      }
      const created = newTask(
        {
          id: newId('task', now),
          caseId: current.id,
          to: { teamId: input.teamId, userId: input.userId },
          question: input.question,
          dueAt: new Date(input.dueAt),
          createdBy: actorId(ctx.actor),
        },
        now,
      );
      await checkAssignee(
        cases,
        created.task.assigneeTeamId ? { teamId: created.task.assigneeTeamId } : {},
        current.siteId,
      );
      if (created.task.assigneeUserId) {
        await checkAssignee(cases, { userId: created.task.assigneeUserId }, current.siteId);
      }
      const events: CaseChange[] = [...created.events];
      if (current.status !== 'waiting_on_internal') {
        const moved = transition(current, 'wait_on_internal', { reason: 'internal task' }, now);
        await cases.saveCase(moved.case);
        events.push(...moved.events);
      }
      await tasks.insertTask(created.task);
      // The task's due time is a service clock: warned about and breached like the case's own.
      await trackDueItem(
        cases.clocks,
        { caseId: current.id, kind: 'task', subjectId: created.task.id, startedAt: now, dueAt: created.task.dueAt },
        now,
      );
      await appendCaseEvents(cases, ctx, current.id, events, now);
      return created.task;
    });
  };

  /** A task the caller may act on: addressed to them or their team, or a case they supervise. */
  const loadActionableTask = async ({ cases, tasks }: TaskStore, ctx: Context, id: string): Promise<Task> => {
    const task = await tasks.findTask(id);
    if (!task) throw notFound();
    if (ctx.actor.kind === 'system') return task;
    if (ctx.actor.kind !== 'user') throw notFound();
    if (isAssignedTo(task, ctx.actor.userId, ctx.actor.scope.teamIds)) return task;
    if (SUPERVISING_ROLES.includes(ctx.actor.role)) {
      await loadVisibleCase(cases, ctx, task.caseId).catch(() => {
        throw notFound();
      });
      return task;
    }
    throw notFound();
  };

  /** Answers a task; when no open task is left, a case waiting on internal help goes back to investigating. */
  const answerTask = async (ctx: Context, id: string, text: string): Promise<Task> => {
    requirePermission(ctx.actor, 'task:answer');
    const now = clock.now();
    return store.write(async (port) => {
      const task = await loadActionableTask(port, ctx, id);
      const answered = answer(task, text, actorId(ctx.actor), now);
      await port.tasks.saveTask(answered.task);
      await settleDueItem(port.cases.clocks, { caseId: task.caseId, kind: 'task', subjectId: task.id }, 'met', now);
      const events: CaseChange[] = [...answered.events];
      const current = await port.cases.findCase(task.caseId);
      if (
        current?.status === 'waiting_on_internal' &&
        TRANSITIONS.resume.from.includes(current.status) &&
        (await port.tasks.countOpenTasks(task.caseId)) === 0
      ) {
        const resumed = transition(current, 'resume', { reason: 'internal tasks answered' }, now);
        await port.cases.saveCase(resumed.case);
        events.push(...resumed.events);
      }
      await appendCaseEvents(port.cases, ctx, task.caseId, events, now);
      return answered.task;
    });
  };

  /** Passes a task on with a reason. There is no refusing a task. */
  const reassignTask = async (
    ctx: Context,
    id: string,
    input: { teamId?: string | undefined; userId?: string | undefined; reason: string },
  ): Promise<Task> => {
    requirePermission(ctx.actor, 'task:answer');
    const now = clock.now();
    return store.write(async (port) => {
      const task = await loadActionableTask(port, ctx, id);
      const moved = reassign(task, { teamId: input.teamId, userId: input.userId }, input.reason);
      const onCase = await port.cases.findCase(task.caseId);
      if (!onCase) throw notFound();
      await checkAssignee(
        port.cases,
        { teamId: moved.task.assigneeTeamId, userId: moved.task.assigneeUserId },
        onCase.siteId,
      );
      await port.tasks.saveTask(moved.task);
      await appendCaseEvents(port.cases, ctx, task.caseId, moved.events, now);
      return moved.task;
    });
  };

  /** A queue: mine (me and my teams) by default, or one of my teams; each task with the customer's own words. */
  const listTasks = async (ctx: Context, query: TaskListQuery) => {
    requirePermission(ctx.actor, 'task:answer');
    const scope = scopeOf(ctx.actor);
    const userId = actorId(ctx.actor);
    if (
      query.team &&
      !scope.allSites &&
      !scope.teamIds.includes(query.team) &&
      !(ctx.actor.kind === 'user' && SUPERVISING_ROLES.includes(ctx.actor.role))
    ) {
      return { items: [], nextCursor: null };
    }
    const assignees = query.team ? { userId: null, teamIds: [query.team] } : { userId, teamIds: scope.teamIds };
    const limit = query.limit ?? 50;
    const rows = await store.read.tasks.listTasks(
      { assignees, status: query.status, cursor: query.cursor, limit: limit + 1 },
      visibilityFor(ctx.actor),
    );
    const items = rows.slice(0, limit);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.task.id ?? null) : null };
  };

  /**
   * The internal tasks of a case the caller may read, open ones first; a case outside their scope
   * is not found, as `GET /cases/:id` answers.
   */
  const listCaseTasks = async (ctx: Context, caseId: string): Promise<Task[]> => {
    requirePermission(ctx.actor, 'case:read');
    const { cases, tasks } = store.read;
    const visible = await loadVisibleCase(cases, ctx, caseId);
    return tasks.listCaseTasks(visible.id);
  };

  return { createTask, answerTask, reassignTask, listTasks, listCaseTasks };
};

export type TaskService = ReturnType<typeof createTaskService>;
