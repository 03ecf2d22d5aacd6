import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CategoryDto,
  CategoryList,
  CreateCategoryBody,
  CreateRootCauseBody,
  RootCauseDto,
  RootCauseList,
  ErrorResponses,
} from '@redress/contract';
import { presentCategory, presentRootCause } from './case.presenter.ts';
import type { CaseService } from './case.service.ts';

const errors = ErrorResponses;

/** The category tree (flat, with parent ids) and the root-cause list. */
export const caseConfigRoutes =
  ({ cases }: { cases: CaseService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/categories',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['configuration'],
          summary: 'The category tree, flat with parent ids',
          response: { 200: CategoryList, ...errors },
        },
      },
      async (request) => ({ items: (await cases.listCategories(request.ctx)).map(presentCategory) }),
    );
    app.post(
      '/categories',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['configuration'],
          summary: 'Add a category (product quality or service process)',
          body: CreateCategoryBody,
          response: { 201: CategoryDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentCategory(await cases.createCategory(request.ctx, request.body))),
    );
    app.get(
      '/root-causes',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['configuration'],
          summary: 'The root-cause list',
          response: { 200: RootCauseList, ...errors },
        },
      },
      async (request) => ({ items: (await cases.listRootCauses(request.ctx)).map(presentRootCause) }),
    );
    app.post(
      '/root-causes',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['configuration'],
          summary: 'Add a root cause',
          body: CreateRootCauseBody,
          response: { 201: RootCauseDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentRootCause(await cases.createRootCause(request.ctx, request.body))),
    );
  };
