import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE, type RouteAccess } from '@redress/contract';
import { can, permissionsFor } from '../modules/access/index.ts';
import type { IdentityService, User } from '../modules/identity/index.ts';
import { AppError, ErrorCode } from '../shared/errors.ts';
import { anonymousContext, type Context } from '../shared/unit-of-work.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every route says who may call it; a route without this does not boot. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The use-case context: actor and request id. Services receive this, never the request. */
    ctx: Context;
    /** The signed-in user, when there is one. */
    user: User | undefined;
    sessionId: string | undefined;
  }
}

export interface RouteAccessEntry {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The bearer token, if the request carries one. Another scheme (Basic from a proxy, say) is
 * ignored on public routes and refused on the rest.
 */
const bearer = (request: FastifyRequest, isPublic: boolean): string | undefined => {
  const header = request.headers.authorization;
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (match?.[1]) return match[1];
  if (isPublic) return undefined;
  throw new AppError(ErrorCode.Unauthenticated, 'Use "Authorization: Bearer <token>"');
};

/**
 * Authentication and the default-deny gate. Runs on every request before the body is parsed:
 * resolves the actor from a bearer token or the session cookie, checks the CSRF header for
 * cookie-authenticated writes, then the route's declared access. Returns the access table.
 */
export const registerAuth = (
  app: FastifyInstance,
  identity: IdentityService,
  cookieSecure = false,
): RouteAccessEntry[] => {
  const table: RouteAccessEntry[] = [];

  app.decorateRequest('ctx', undefined as unknown as Context);
  app.decorateRequest('user', undefined);
  app.decorateRequest('sessionId', undefined);

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.every((m) => m === 'HEAD')) return;
    let access = route.config?.access;
    if (!access) {
      // The API must say who may call each route. Static files and the docs page from plugins are public.
      if (route.url.startsWith('/api/v1')) {
        throw new Error(`Route ${methods.join(',')} ${route.url} declares no access: add config.access`);
      }
      access = 'public';
      route.config = { ...route.config, access };
    }
    for (const method of methods) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  app.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access ?? 'public';
    const isPublic = access === 'public';
    request.ctx = anonymousContext(request.id);
    const token = bearer(request, isPublic);
    let user: User | undefined;
    if (token) {
      user = await identity.resolveApiToken(token);
      // A stale token does not stop anyone signing in or reading a public page.
      if (!user && !isPublic) throw new AppError(ErrorCode.Unauthenticated, 'The API token is not valid');
      if (user) request.ctx = { actor: await identity.actorFor(user, 'token'), requestId: request.id };
    } else {
      const secret = request.cookies[SESSION_COOKIE];
      const session = secret ? await identity.resolveSession(secret) : undefined;
      if (session) {
        user = session.user;
        request.sessionId = session.sessionId;
        if (session.renewedUntil) {
          // The server session slid forward: move the cookies' expiry with it.
          const options = { path: '/', sameSite: 'lax', secure: cookieSecure, expires: session.renewedUntil } as const;
          void reply.setCookie(SESSION_COOKIE, secret ?? '', { ...options, httpOnly: true });
          const csrf = request.cookies[CSRF_COOKIE];
          if (csrf) void reply.setCookie(CSRF_COOKIE, csrf, { ...options, httpOnly: false });
        }
        request.ctx = { actor: await identity.actorFor(user, 'session'), requestId: request.id };
        if (UNSAFE.has(request.method)) {
          const expected = request.cookies[CSRF_COOKIE];
          const sent = request.headers[CSRF_HEADER];
          if (!expected || sent !== expected) {
            throw new AppError(
              ErrorCode.CsrfRejected,
              `Send the ${CSRF_COOKIE} cookie's value in the ${CSRF_HEADER} header`,
            );
          }
        }
      }
    }
    request.user = user;
    if (isPublic) return;
    if (!user) throw new AppError(ErrorCode.Unauthenticated, 'Sign in first');
    if (access !== 'authenticated' && !can(request.ctx.actor, access)) {
      throw new AppError(ErrorCode.Forbidden, 'Not found');
    }
  });

  return table;
};

/** What the caller may do, for responses the console renders without re-deriving rules. */
export const callerPermissions = (user: User): string[] => [...permissionsFor(user.role)];
