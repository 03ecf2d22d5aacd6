import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Health, Readiness } from '@redress/contract';

export interface HealthDeps {
  readonly dialect: 'sqlite' | 'postgres';
  /** Throws when the database cannot answer. */
  readonly ping: () => Promise<void>;
  /** False once shutdown has begun, so load balancers stop sending traffic. */
  readonly accepting: () => boolean;
}

/** `/healthz`: the process is alive. `/readyz`: it can serve (database answers, not shutting down). */
export const healthRoutes =
  (deps: HealthDeps): FastifyPluginAsyncTypebox =>
  async (app) => {
    app.get(
      '/healthz',
      { config: { access: 'public' }, schema: { tags: ['system'], response: { 200: Health } }, logLevel: 'warn' },
      async () => ({ status: 'ok' as const }),
    );
    app.get(
      '/readyz',
      {
        config: { access: 'public' },
        schema: { tags: ['system'], response: { 200: Readiness, 503: Readiness } },
        logLevel: 'warn',
      },
      async (_request, reply) => {
        let database: 'ok' | 'failing' = 'ok';
        try {
          await deps.ping();
        } catch {
          database = 'failing';
        }
        const accepting = deps.accepting() ? 'ok' : 'failing';
        const ready = database === 'ok' && accepting === 'ok';
        return reply
          .status(ready ? 200 : 503)
          .send({ status: ready ? 'ready' : 'not_ready', database: deps.dialect, checks: { database, accepting } });
      },
    );
  };
