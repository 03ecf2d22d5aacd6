import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AnswerTaskBody,
  CaseParams,
  CaseTaskList,
  CreateTaskBody,
  ReassignTaskBody,
  TaskDto,
  TaskListQuery,
  TaskParams,
  TaskQueue,
  ErrorResponses,
} from '@redress/contract';
import { presentQueueItem, presentTask } from './task.presenter.ts';
import type { TaskService } from './task.service.ts';

const errors = ErrorResponses;

/** Internal tasks: asked on a case, answered or passed on (never refused) by a department. */
export const tasksRoutes =
  ({ tasks }: { tasks: TaskService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/cases/:id/tasks',
      {
        config: { access: 'task:create' },
        schema: {
          tags: ['tasks'],
          summary: 'Ask a team or person a question with a due time; the case waits on internal help',
          params: CaseParams,
          body: CreateTaskBody,
          response: { 201: TaskDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentTask(await tasks.createTask(request.ctx, request.params.id, request.body))),
    );
    app.get(
      '/cases/:id/tasks',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['tasks'],
          summary: "The case's internal tasks, open ones first, then by due time",
          params: CaseParams,
          response: { 200: CaseTaskList, ...errors },
        },
      },
      async (request) => ({ items: (await tasks.listCaseTasks(request.ctx, request.params.id)).map(presentTask) }),
    );
    app.get(
      '/tasks',
      {
        config: { access: 'task:answer' },
        schema: {
          tags: ['tasks'],
          summary: "A queue of tasks with each case's summary and the customer's own words",
          querystring: TaskListQuery,
          response: { 200: TaskQueue, ...errors },
        },
      },
      async (request) => {
        const page = await tasks.listTasks(request.ctx, request.query);
        return { items: page.items.map(presentQueueItem), nextCursor: page.nextCursor };
      },
    );
    app.post(
      '/tasks/:id/answer',
      {
        config: { access: 'task:answer' },
        schema: {
          tags: ['tasks'],
          summary: 'Answer a task; the answer goes on the case timeline for its owner',
          params: TaskParams,
          body: AnswerTaskBody,
          response: { 200: TaskDto, ...errors },
        },
      },
      async (request) => presentTask(await tasks.answerTask(request.ctx, request.params.id, request.body.answer)),
    );
    app.post(
      '/tasks/:id/reassign',
      {
        config: { access: 'task:answer' },
        schema: {
          tags: ['tasks'],
          summary: 'Pass a task to another team or person, saying why (tasks cannot be refused)',
          params: TaskParams,
          body: ReassignTaskBody,
          response: { 200: TaskDto, ...errors },
        },
      },
      async (request) => presentTask(await tasks.reassignTask(request.ctx, request.params.id, request.body)),
    );
  };
