import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CreateUserBody, ListQuery, UserDto, UserList, ErrorResponses } from '@redress/contract';
import { presentUser } from './identity.presenter.ts';
import type { IdentityService } from './identity.service.ts';

const errors = ErrorResponses;

export const usersRoutes =
  ({ identity }: { identity: IdentityService }): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/users',
      {
        config: { access: 'user:read' },
        schema: {
          tags: ['users'],
          summary: 'List users',
          querystring: ListQuery,
          response: { 200: UserList, ...errors },
        },
      },
      async (request) => {
        const page = await identity.listUsers(request.ctx, request.query.limit ?? 50, request.query.cursor);
        return { items: page.items.map(presentUser), nextCursor: page.nextCursor };
      },
    );

    app.post(
      '/users',
      {
        config: { access: 'user:manage', idempotent: true },
        schema: {
          tags: ['users'],
          summary: 'Create a user',
          body: CreateUserBody,
          response: { 201: UserDto, ...errors },
        },
      },
      async (request, reply) => {
        const user = await identity.createUser(request.ctx, request.body);
        return reply.status(201).send(presentUser(user));
      },
    );
  };
