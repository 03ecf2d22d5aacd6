import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseParams,
  CompensationDto,
  CompensationListDto,
  CompensationParams,
  CustomerResponseBody,
  DecideCompensationBody,
  DeliveredBody,
  ErrorResponses,
  ProposeCompensationBody,
} from '@redress/contract';
import { presentCompensation } from './compensation.presenter.ts';
import type { CompensationService } from './compensation.service.ts';

const errors = ErrorResponses;

/** Remedies on a case: proposed, approved within authority, answered by the customer, delivered. */
export const compensationRoutes =
  ({ compensation }: { compensation: CompensationService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/cases/:id/compensations',
      {
        config: { access: 'compensation:propose', idempotent: true },
        schema: {
          tags: ['compensation'],
          summary: 'Propose a remedy; approved at once when it is within the proposer’s authority',
          params: CaseParams,
          body: ProposeCompensationBody,
          response: { 201: CompensationDto, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentCompensation(await compensation.propose(request.ctx, request.params.id, request.body))),
    );
    app.get(
      '/cases/:id/compensations',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['compensation'],
          summary: 'A case’s remedies, oldest first',
          params: CaseParams,
          response: { 200: CompensationListDto, ...errors },
        },
      },
      async (request) => ({
        items: (await compensation.listForCase(request.ctx, request.params.id)).map(presentCompensation),
      }),
    );
    app.post(
      '/compensations/:id/approve',
      {
        config: { access: 'compensation:approve' },
        schema: {
          tags: ['compensation'],
          summary: 'Approve a proposal your level’s authority covers',
          params: CompensationParams,
          body: DecideCompensationBody,
          response: { 200: CompensationDto, ...errors },
        },
      },
      async (request) =>
        presentCompensation(await compensation.approve(request.ctx, request.params.id, request.body.note)),
    );
    app.post(
      '/compensations/:id/reject',
      {
        config: { access: 'compensation:approve' },
        schema: {
          tags: ['compensation'],
          summary: 'Reject a proposal your level’s authority covers',
          params: CompensationParams,
          body: DecideCompensationBody,
          response: { 200: CompensationDto, ...errors },
        },
      },
      async (request) =>
        presentCompensation(await compensation.reject(request.ctx, request.params.id, request.body.note)),
    );
    app.post(
      '/compensations/:id/customer-response',
      {
        config: { access: 'compensation:propose' },
        schema: {
          tags: ['compensation'],
          summary: 'Record whether the customer accepted the approved remedy',
          params: CompensationParams,
          body: CustomerResponseBody,
          response: { 200: CompensationDto, ...errors },
        },
      },
      async (request) => presentCompensation(await compensation.respond(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/compensations/:id/delivered',
      {
        config: { access: 'compensation:propose' },
        schema: {
          tags: ['compensation'],
          summary: 'Record the day the remedy was paid or delivered (the follow-up waits for it)',
          params: CompensationParams,
          body: DeliveredBody,
          response: { 200: CompensationDto, ...errors },
        },
      },
      async (request) =>
        presentCompensation(await compensation.deliver(request.ctx, request.params.id, request.body.deliveredAt)),
    );
  };
