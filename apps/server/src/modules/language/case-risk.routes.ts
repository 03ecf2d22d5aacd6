import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CaseRiskDto, ErrorResponses, CaseParams } from '@redress/contract';
import type { CaseRiskService } from './case-risk.service.ts';

/** A case's escalation signals in the customer's own words, and its risk score. */
export const caseRiskRoutes =
  ({ caseRisk }: { caseRisk: CaseRiskService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/cases/:id/risk',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['language'],
          summary:
            "The escalation signals in the customer's words on a case (each pointing at the text, event and span behind it) and the case's 0-100 risk from them and its facts",
          params: CaseParams,
          response: { 200: CaseRiskDto, ...ErrorResponses },
        },
      },
      async (request) => caseRisk.caseRisk(request.ctx, request.params.id),
    );
  };
