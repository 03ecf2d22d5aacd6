import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ApiTokenDto, CreatedToken, CreateTokenBody, IdParams, ErrorResponses } from '@redress/contract';
import { Type } from 'typebox';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { presentApiToken } from './identity.presenter.ts';
import type { IdentityService } from './identity.service.ts';

const errors = ErrorResponses;

/** API tokens for integrations: created and revoked by their owner. */
export const tokensRoutes =
  ({ identity }: { identity: IdentityService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/tokens',
      {
        config: { access: 'token:manage' },
        schema: {
          tags: ['tokens'],
          summary: 'Your API tokens',
          response: { 200: Type.Object({ items: Type.Array(ApiTokenDto) }), ...errors },
        },
      },
      async (request) => ({ items: (await identity.listApiTokens(request.ctx)).map(presentApiToken) }),
    );

    app.post(
      '/tokens',
      {
        config: { access: 'token:manage', idempotent: true },
        schema: {
          tags: ['tokens'],
          summary: 'Create an API token for yourself',
          body: CreateTokenBody,
          response: { 201: CreatedToken, ...errors },
        },
      },
      async (request, reply) => {
        const user = request.user;
        if (!user) throw new AppError(ErrorCode.Unauthenticated, 'Sign in first');
        const created = await identity.createApiToken(request.ctx, { userId: user.id, name: request.body.name });
        return reply.status(201).send({ token: created.token, apiToken: presentApiToken(created.apiToken) });
      },
    );

    app.delete(
      '/tokens/:id',
      {
        config: { access: 'token:manage' },
        schema: {
          tags: ['tokens'],
          summary: 'Revoke one of your API tokens',
          params: IdParams,
          response: { 204: Type.Null(), ...errors },
        },
      },
      async (request, reply) => {
        await identity.revokeApiToken(request.ctx, request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
