import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CheckReplyBody, ErrorResponses, ReplyCheckDto } from '@redress/contract';
import { presentReplyCheck } from './coach.presenter.ts';
import type { CoachService } from './coach.service.ts';

/** The reply coach: a draft checked before it is sent. */
export const coachRoutes =
  ({ coach }: { coach: CoachService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/replies/check',
      {
        config: { access: 'case:update' },
        schema: {
          tags: ['coach'],
          summary:
            "Check a reply draft against the case: the customer's name and words, a next step with a time, defensive phrases, a lone ritual apology, promises no commitment backs",
          body: CheckReplyBody,
          response: { 200: ReplyCheckDto, ...ErrorResponses },
        },
      },
      async (request) => presentReplyCheck(await coach.checkReply(request.ctx, request.body)),
    );
  };
