import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CaseParams,
  DeEscalateBody,
  ErrorResponses,
  EscalateBody,
  EscalationDto,
  EscalationListDto,
  EscalationParams,
  LadderDto,
  PutLadderBody,
  PutTriggersBody,
  TriggersDto,
} from '@redress/contract';
import { presentEscalation, presentLevel, presentTrigger } from './escalation.presenter.ts';
import type { EscalationService } from './escalation.service.ts';

const errors = ErrorResponses;

/** The ladder's configuration, and cases climbing and coming down it. */
export const escalationRoutes =
  ({ escalation }: { escalation: EscalationService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/escalation/levels',
      {
        config: { access: 'config:read' },
        schema: {
          tags: ['escalation'],
          summary: 'The escalation ladder: each level’s roles, authority and response time',
          response: { 200: LadderDto, ...errors },
        },
      },
      async (request) => ({ levels: (await escalation.listLevels(request.ctx)).map(presentLevel) }),
    );
    app.put(
      '/escalation/levels',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['escalation'],
          summary: 'Replace the whole ladder (ranks 0..n without gaps)',
          body: PutLadderBody,
          response: { 200: LadderDto, ...errors },
        },
      },
      async (request) => ({ levels: (await escalation.replaceLevels(request.ctx, request.body)).map(presentLevel) }),
    );
    app.get(
      '/escalation/triggers',
      {
        config: { access: 'config:read' },
        schema: {
          tags: ['escalation'],
          summary: 'What makes a case climb on its own',
          response: { 200: TriggersDto, ...errors },
        },
      },
      async (request) => ({ triggers: (await escalation.listTriggers(request.ctx)).map(presentTrigger) }),
    );
    app.put(
      '/escalation/triggers',
      {
        config: { access: 'config:manage' },
        schema: {
          tags: ['escalation'],
          summary: 'Replace every trigger',
          body: PutTriggersBody,
          response: { 200: TriggersDto, ...errors },
        },
      },
      async (request) => ({
        triggers: (await escalation.replaceTriggers(request.ctx, request.body)).map(presentTrigger),
      }),
    );
    app.post(
      '/cases/:id/escalations',
      {
        config: { access: 'escalation:raise', idempotent: true },
        schema: {
          tags: ['escalation'],
          summary: 'Escalate a case one level (or to a rank), carrying a complete summary upward',
          description:
            'Send `fromRank`, the rank you saw the case at, so that a double click or two people at once ' +
            'climb once: when the case has moved since, the answer is 409 `conflict`. Without it the case ' +
            'climbs from wherever it stands.',
          params: CaseParams,
          body: EscalateBody,
          response: { 201: EscalationDto, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentEscalation(await escalation.escalateCase(request.ctx, request.params.id, request.body))),
    );
    app.get(
      '/cases/:id/escalations',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['escalation'],
          summary: 'A case’s escalations and de-escalations, oldest first',
          params: CaseParams,
          response: { 200: EscalationListDto, ...errors },
        },
      },
      async (request) => ({
        items: (await escalation.listCaseEscalations(request.ctx, request.params.id)).map(presentEscalation),
      }),
    );
    app.post(
      '/cases/:id/de-escalations',
      {
        config: { access: 'escalation:raise', idempotent: true },
        schema: {
          tags: ['escalation'],
          summary: 'Bring a case back down the ladder, saying why',
          params: CaseParams,
          body: DeEscalateBody,
          response: { 201: EscalationDto, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .status(201)
          .send(presentEscalation(await escalation.deEscalateCase(request.ctx, request.params.id, request.body))),
    );
    app.post(
      '/escalations/:id/acknowledge',
      {
        config: { access: 'escalation:raise' },
        schema: {
          tags: ['escalation'],
          summary: 'Take an escalation at its level; its response clock is met',
          params: EscalationParams,
          response: { 200: EscalationDto, ...errors },
        },
      },
      async (request) => presentEscalation(await escalation.acknowledgeEscalation(request.ctx, request.params.id)),
    );
  };
