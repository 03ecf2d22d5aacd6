import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseDto,
  CaseList,
  CaseListQuery,
  CaseParams,
  CreateCaseBody,
  ErrorBody,
  UpdateCaseBody,
} from '@redress/contract';
import { caseCommandRoutes } from './case-commands.routes.ts';
import { presentCase, presentCaseSummary } from './case.presenter.ts';
import type { CaseService } from './case.service.ts';
import { caseConfigRoutes } from './case-config.routes.ts';

export const caseErrors = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
} as const;

/** `/cases…`, `/categories`, `/root-causes`: schema in, service, presenter out. */
export const casesRoutes =
  ({ cases }: { cases: CaseService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/cases',
      {
        config: { access: 'case:create', idempotent: true },
        schema: {
          tags: ['cases'],
          summary: 'Open a case; the customer is matched to a known one by e-mail or phone, or created',
          body: CreateCaseBody,
          response: { 201: CaseDto, ...caseErrors },
        },
      },
      async (request, reply) => {
        const view = await cases.openCase(request.ctx, request.body);
        return reply.status(201).send(presentCase(view));
      },
    );

    app.get(
      '/cases',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['cases'],
          summary: 'List the cases you may see',
          querystring: CaseListQuery,
          response: { 200: CaseList, ...caseErrors },
        },
      },
      async (request) => {
        const page = await cases.listCases(request.ctx, request.query);
        return { items: page.items.map(presentCaseSummary), nextCursor: page.nextCursor };
      },
    );

    app.get(
      '/cases/:id',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['cases'],
          summary: 'A case with its customer, owner, key people, links and timeline',
          params: CaseParams,
          response: { 200: CaseDto, ...caseErrors },
        },
      },
      async (request) => presentCase(await cases.getCase(request.ctx, request.params.id)),
    );

    app.patch(
      '/cases/:id',
      {
        config: { access: 'case:update' },
        schema: {
          tags: ['cases'],
          summary: 'Change fields; each change is recorded with its old and new value',
          params: CaseParams,
          body: UpdateCaseBody,
          response: { 200: CaseDto, ...caseErrors },
        },
      },
      async (request) => presentCase(await cases.updateCase(request.ctx, request.params.id, request.body)),
    );

    await app.register(caseCommandRoutes({ cases }));
    await app.register(caseConfigRoutes({ cases }));
  };
