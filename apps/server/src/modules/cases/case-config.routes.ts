import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CategoryDto,
  CategoryList,
  CreateCategoryBody,
  CreateRootCauseBody,
  RootCauseDto,
  RootCauseList,
  ErrorResponses,
  IdParams,
  UpdateCategoryBody,
  UpdateRootCauseBody,
} from '@redress/contract';
import { presentCategory, presentRootCause } from './case.presenter.ts';
import type { CaseService } from './case.service.ts';

const errors = ErrorResponses;

/** The category tree (flat, with parent ids) and the root-cause list; names can be changed, codes and places not. */
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
    app.patch(
      '/categories/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['configuration'],
          summary: 'Rename a category in any of the four languages (its parent and kind stay)',
          params: IdParams,
          body: UpdateCategoryBody,
          response: { 200: CategoryDto, ...errors },
        },
      },
      async (request) => presentCategory(await cases.renameCategory(request.ctx, request.params.id, request.body)),
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
    app.patch(
      '/root-causes/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['configuration'],
          summary: 'Rename a root cause in any of the four languages (its code stays)',
          params: IdParams,
          body: UpdateRootCauseBody,
          response: { 200: RootCauseDto, ...errors },
        },
      },
      async (request) => presentRootCause(await cases.renameRootCause(request.ctx, request.params.id, request.body)),
    );
  };
