import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createDeps, type Deps } from './deps.ts';
import { registerConsole, consoleDistDir } from './http/console.ts';
import { systemClock } from './shared/clock.ts';
import { createLogger, type Logger } from './shared/logger.ts';
import { openDatabase } from './storage/index.ts';

export interface RunningServer {
  readonly deps: Deps;
  readonly app: FastifyInstance | undefined;
  readonly url: string | undefined;
  /** Stops taking work, finishes in-flight requests and jobs, closes the database. */
  stop(): Promise<void>;
}

/**
 * Starts the roles this process plays — web, worker, scheduler — on one database. Every role is
 * optional so instances can be split behind a load balancer; all of them share the same store.
 */
export const startServer = async (
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> => {
  const db = await openDatabase(config);
  const deps = createDeps(config, db, systemClock);
  let accepting = true;
  let app: FastifyInstance | undefined;
  let url: string | undefined;

  if (config.roles.includes('web')) {
    ({ app } = await buildApp(deps, {
      logger,
      accepting: () => accepting,
      extras: (instance) => registerConsole(instance, { distDir: consoleDistDir() }),
    }));
    url = await app.listen({ port: config.port, host: config.host });
  }

  logger.info({ roles: config.roles, database: db.dialect, url }, 'Redress started');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      accepting = false;
      await app?.close();
      await db.close();
      logger.info('Redress stopped');
    })();
    return stopping;
  };
  return { deps, app, url, stop };
};
