import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BreakCommitmentBody,
  CaseParams,
  CheckCommitmentBody,
  CommitmentChangeDto,
  CommitmentCheckDto,
  CommitmentDraftDto,
  CommitmentDraftQuery,
  CommitmentDto,
  CommitmentList,
  CommitmentParams,
  CommitmentStats,
  CommitmentStatsQuery,
  CreateCommitmentBody,
  ErrorResponses,
  RenegotiateCommitmentBody,
} from '@redress/contract';
import { presentCommitment, presentFlags } from './commitment.presenter.ts';
import type { CommitmentService } from './commitment.service.ts';

const errors = ErrorResponses;

/** Promises to customers: checked, made, kept, broken or renegotiated; and the kept-on-time rate. */
export const commitmentsRoutes =
  ({ commitments }: { commitments: CommitmentService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/cases/:id/commitments',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['commitments'],
          summary: "The case's promises to the customer, oldest first",
          params: CaseParams,
          response: { 200: CommitmentList, ...errors },
        },
      },
      async (request) => ({
        items: (await commitments.listCommitments(request.ctx, request.params.id)).map(presentCommitment),
      }),
    );
    app.post(
      '/cases/:id/commitments/check',
      {
        config: { access: 'commitment:write' },
        schema: {
          tags: ['commitments'],
          summary: 'Run the over-promise guard on a promise before making it; nothing is saved',
          params: CaseParams,
          body: CheckCommitmentBody,
          response: { 200: CommitmentCheckDto, ...errors },
        },
      },
      async (request) => presentFlags(await commitments.checkCommitment(request.ctx, request.params.id, request.body)),
    );
    app.post(
      '/cases/:id/commitments',
      {
        config: { access: 'commitment:write', idempotent: true },
        schema: {
          tags: ['commitments'],
          summary:
            'Record a promise to the customer; a flagged promise is refused (rule_violated) unless every flag is acknowledged',
          params: CaseParams,
          body: CreateCommitmentBody,
          response: { 201: CommitmentDto, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentCommitment(await commitments.makeCommitment(request.ctx, request.params.id, request.body))),
    );
    app.post(
      '/commitments/:id/keep',
      {
        config: { access: 'commitment:write' },
        schema: {
          tags: ['commitments'],
          summary: 'The promise was kept (on time when by its due time)',
          params: CommitmentParams,
          response: { 200: CommitmentDto, ...errors },
        },
      },
      async (request) => presentCommitment(await commitments.keepCommitment(request.ctx, request.params.id)),
    );
    app.post(
      '/commitments/:id/renegotiate',
      {
        config: { access: 'commitment:write' },
        schema: {
          tags: ['commitments'],
          summary:
            'A new time agreed with the customer: the promise closes and a successor opens (after the due time it counts as broken)',
          params: CommitmentParams,
          body: RenegotiateCommitmentBody,
          response: { 200: CommitmentChangeDto, ...errors },
        },
      },
      async (request) => {
        const changed = await commitments.renegotiateCommitment(request.ctx, request.params.id, request.body);
        return { commitment: presentCommitment(changed.previous), successor: presentCommitment(changed.successor) };
      },
    );
    app.post(
      '/commitments/:id/break',
      {
        config: { access: 'commitment:write' },
        schema: {
          tags: ['commitments'],
          summary: 'An honest "we could not", with the reason',
          params: CommitmentParams,
          body: BreakCommitmentBody,
          response: { 200: CommitmentDto, ...errors },
        },
      },
      async (request) =>
        presentCommitment(await commitments.breakCommitment(request.ctx, request.params.id, request.body.reason)),
    );
    app.get(
      '/commitments/:id/draft',
      {
        config: { access: 'commitment:write' },
        schema: {
          tags: ['commitments'],
          summary: 'The honest update for a promise at risk: not done yet, what is being checked, when next',
          params: CommitmentParams,
          querystring: CommitmentDraftQuery,
          response: { 200: CommitmentDraftDto, ...errors },
        },
      },
      async (request) => {
        const draft = await commitments.draftUpdate(request.ctx, request.params.id, request.query.language);
        return { ...draft, proposedDueAt: draft.proposedDueAt.toISOString() };
      },
    );
    app.get(
      '/commitments/stats',
      {
        config: { access: 'oversight:read' },
        schema: {
          tags: ['commitments'],
          summary: 'Kept-on-time figures per agent, team or site for promises made in a period',
          querystring: CommitmentStatsQuery,
          response: { 200: CommitmentStats, ...errors },
        },
      },
      async (request) => {
        const stats = await commitments.stats(request.ctx, request.query);
        return {
          ...stats,
          from: stats.from?.toISOString() ?? null,
          to: stats.to?.toISOString() ?? null,
        };
      },
    );
  };
