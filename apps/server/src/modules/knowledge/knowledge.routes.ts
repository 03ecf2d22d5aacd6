import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BestAnswerDto,
  BestAnswerList,
  BestAnswerListQuery,
  BestAnswerParams,
  CreateBestAnswerBody,
  ErrorResponses,
  UpdateBestAnswerBody,
} from '@redress/contract';
import { Type } from 'typebox';
import { presentBestAnswer } from './knowledge.presenter.ts';
import type { KnowledgeService } from './knowledge.service.ts';

const errors = ErrorResponses;
const tags = ['knowledge'];

/** Best answers: offered in the composer for a case's category, kept by administrators in four languages. */
export const knowledgeRoutes =
  ({ knowledge }: { knowledge: KnowledgeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/best-answers',
      {
        config: { access: 'case:read' },
        schema: {
          tags,
          summary:
            "Best answers: with a category, its own, then its parent categories', then the general ones, nearest first",
          querystring: BestAnswerListQuery,
          response: { 200: BestAnswerList, ...errors },
        },
      },
      async (request) => ({ items: (await knowledge.listAnswers(request.ctx, request.query)).map(presentBestAnswer) }),
    );
    app.post(
      '/best-answers',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Add a best answer for a category (or a general one) in one language',
          body: CreateBestAnswerBody,
          response: { 201: BestAnswerDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentBestAnswer(await knowledge.createAnswer(request.ctx, request.body))),
    );
    app.patch(
      '/best-answers/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Change a best answer: its category, language, title or text',
          params: BestAnswerParams,
          body: UpdateBestAnswerBody,
          response: { 200: BestAnswerDto, ...errors },
        },
      },
      async (request) => presentBestAnswer(await knowledge.updateAnswer(request.ctx, request.params.id, request.body)),
    );
    app.delete(
      '/best-answers/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Delete a best answer',
          params: BestAnswerParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await knowledge.deleteAnswer(request.ctx, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
