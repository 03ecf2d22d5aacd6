import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreatePolicyBody,
  ErrorResponses,
  IdParams,
  PolicyDto,
  PolicyList,
  PolicyPresetBody,
  UpdatePolicyBody,
} from '@redress/contract';
import { presentPolicy } from './policy.presenter.ts';
import type { PolicyService } from './policy.service.ts';

const errors = ErrorResponses;
const tags = ['configuration'];

/** Service policies: which complaints get which targets, counted in which calendar. */
export const policiesRoutes =
  ({ policies }: { policies: PolicyService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/policies',
      {
        config: { access: 'config:read' },
        schema: {
          tags,
          summary: 'Service policies in the order they are tried',
          response: { 200: PolicyList, ...errors },
        },
      },
      async (request) => ({ items: (await policies.listPolicies(request.ctx)).map(presentPolicy) }),
    );
    app.post(
      '/policies',
      {
        config: { access: 'config:manage', idempotent: true },
        schema: {
          tags,
          summary: 'Add a service policy',
          body: CreatePolicyBody,
          response: { 201: PolicyDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentPolicy(await policies.createPolicy(request.ctx, request.body))),
    );
    app.post(
      '/policies/presets',
      {
        config: { access: 'config:manage', idempotent: true },
        schema: {
          tags,
          summary: 'Add a policy from a shipped preset: ISO 10002, UK FCA DISP, US CFPB or CN consumer (12315)',
          body: PolicyPresetBody,
          response: { 201: PolicyDto, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(presentPolicy(await policies.createFromPreset(request.ctx, request.body))),
    );
    app.patch(
      '/policies/:id',
      {
        config: { access: 'config:manage' },
        schema: {
          tags,
          summary: 'Change a service policy (open cases pick it up on their next change)',
          params: IdParams,
          body: UpdatePolicyBody,
          response: { 200: PolicyDto, ...errors },
        },
      },
      async (request) => presentPolicy(await policies.updatePolicy(request.ctx, request.params.id, request.body)),
    );
  };
