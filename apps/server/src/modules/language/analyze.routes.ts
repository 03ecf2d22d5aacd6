import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AnalyzeBody, AnalyzeResultDto, ErrorResponses } from '@redress/contract';
import type { AnalyzeService } from './analyze.service.ts';

/** Text analysis of one message: language, escalation signals with evidence, risk, categories. */
export const analyzeRoutes =
  ({ analyze }: { analyze: AnalyzeService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/analyze',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['language'],
          summary:
            "A message's language, the escalation signals in it (each with the words behind it), a risk score and suggested categories; nothing is saved",
          body: AnalyzeBody,
          response: { 200: AnalyzeResultDto, ...ErrorResponses },
        },
      },
      async (request) => analyze.analyze(request.ctx, request.body),
    );
  };
