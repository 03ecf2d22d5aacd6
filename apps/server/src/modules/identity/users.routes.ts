import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CreateUserBody,
  ErrorResponses,
  IdParams,
  ListQuery,
  UpdateUserBody,
  UserDto,
  UserList,
} from '@redress/contract';
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

    app.patch(
      '/users/:id',
      {
        config: { access: 'user:manage' },
        schema: {
          tags: ['users'],
          summary: "Change a user's name, role or language, or disable them (not your own role or account)",
          params: IdParams,
          body: UpdateUserBody,
          response: { 200: UserDto, ...errors },
        },
      },
      async (request) => presentUser(await identity.updateUser(request.ctx, request.params.id, request.body)),
    );
  };
