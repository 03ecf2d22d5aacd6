import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponses, LogCallBody, LoggedCallDto } from '@redress/contract';
import { presentCaseSummary } from '../cases/index.ts';
import type { CallService } from './calls.service.ts';

export const callsRoutes =
  ({ calls }: { calls: CallService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/calls',
      {
        config: { access: 'case:update', idempotent: true },
        schema: {
          tags: ['cases'],
          summary: 'Log a call: match the caller by number, record it on their case or open one from what they said',
          body: LogCallBody,
          response: { 200: LoggedCallDto, 201: LoggedCallDto, ...ErrorResponses },
        },
      },
      async (request, reply) => {
        const logged = await calls.logCall(request.ctx, request.body);
        return reply.status(logged.created ? 201 : 200).send({
          case: presentCaseSummary(logged.case),
          created: logged.created,
          customer: { id: logged.customerId, known: logged.known },
          otherOpenCaseIds: [...logged.otherOpenCaseIds],
        });
      },
    );
  };
