import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CSRF_COOKIE, ErrorBody, LoginBody, MeResponse, SESSION_COOKIE } from '@redress/contract';
import { Type } from 'typebox';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { permissionsFor } from '../access/index.ts';
import { presentUser } from './identity.presenter.ts';
import type { IdentityService } from './identity.service.ts';

export interface AuthRouteDeps {
  readonly identity: IdentityService;
  readonly secureCookies: boolean;
}

/** Console sign-in with cookie sessions: HttpOnly session cookie, SameSite=Lax, plus a CSRF cookie. */
export const authRoutes =
  ({ identity, secureCookies }: AuthRouteDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        config: { access: 'public' },
        schema: {
          tags: ['auth'],
          summary: 'Sign in with e-mail and password',
          body: LoginBody,
          response: { 200: MeResponse, 400: ErrorBody, 401: ErrorBody, 429: ErrorBody },
        },
      },
      async (request, reply) => {
        const { user, sessionSecret, expiresAt } = await identity.signIn({
          email: request.body.email,
          password: request.body.password,
          ip: request.ip,
          requestId: request.id,
        });
        const common = { path: '/', sameSite: 'lax', secure: secureCookies, expires: expiresAt } as const;
        void reply.setCookie(SESSION_COOKIE, sessionSecret, { ...common, httpOnly: true });
        void reply.setCookie(CSRF_COOKIE, randomBytes(24).toString('base64url'), { ...common, httpOnly: false });
        return { user: presentUser(user), permissions: [...permissionsFor(user.role)] };
      },
    );

    app.post(
      '/auth/logout',
      {
        config: { access: 'authenticated' },
        schema: { tags: ['auth'], summary: 'Sign out of this session', response: { 204: Type.Null(), 401: ErrorBody } },
      },
      async (request, reply) => {
        if (request.sessionId) await identity.signOut(request.sessionId);
        void reply.clearCookie(SESSION_COOKIE, { path: '/' });
        void reply.clearCookie(CSRF_COOKIE, { path: '/' });
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/auth/me',
      {
        config: { access: 'authenticated' },
        schema: {
          tags: ['auth'],
          summary: 'The signed-in user and what they may do',
          response: { 200: MeResponse, 401: ErrorBody },
        },
      },
      async (request) => {
        const user = request.user;
        if (!user) throw new AppError(ErrorCode.Unauthenticated, 'Sign in first');
        return { user: presentUser(user), permissions: [...permissionsFor(user.role)] };
      },
    );
  };
