import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createDeps, type Deps } from './deps.ts';
import { consoleDistDir, registerConsole } from './http/console.ts';
import {
  BUILTIN_SCHEDULES,
  createJobRunner,
  createScheduler,
  defaultWorkerId,
  upsertCronSchedule,
  type JobRunner,
  type Scheduler,
} from './jobs/index.ts';
import { startSmtpReceiver, type SmtpReceiver } from './mail/smtp-receiver.ts';
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

/** How long shutdown waits for running jobs before closing anyway (their leases let others retry). */
export const JOB_DRAIN_TIMEOUT_MS = 25_000;

const withTimeout = async (work: Promise<void>, ms: number, onTimeout: () => void): Promise<void> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      onTimeout();
      resolve();
    }, ms);
  });
  await Promise.race([work, timeout]);
  clearTimeout(timer);
};

/**
 * Starts the roles this process plays — web, worker, scheduler — on one database. Every role is
 * optional so instances can be split behind a load balancer; all of them share the same store.
 */
export const startServer = async (
  config: Config,
  logger: Logger = createLogger(config.logLevel),
): Promise<RunningServer> => {
  const db = await openDatabase({
    ...config,
    onIdleError: (error) => logger.warn({ err: error }, 'a pooled PostgreSQL connection dropped; reconnecting'),
  });
  const deps = createDeps(config, db, systemClock);
  const registry = deps.jobs;
  let accepting = true;
  let app: FastifyInstance | undefined;
  let url: string | undefined;
  let runner: JobRunner | undefined;
  let scheduler: Scheduler | undefined;
  let smtpReceiver: SmtpReceiver | undefined;

  if (config.roles.includes('web')) {
    ({ app } = await buildApp(deps, {
      logger,
      accepting: () => accepting,
      extras: (instance) => registerConsole(instance, { distDir: consoleDistDir() }),
    }));
    url = await app.listen({ port: config.port, host: config.host });
  }
  if (config.roles.includes('worker')) {
    runner = createJobRunner({ db, registry, clock: systemClock, logger, workerId: defaultWorkerId() });
    runner.start();
  }
  if (config.roles.includes('scheduler')) {
    for (const schedule of BUILTIN_SCHEDULES) await upsertCronSchedule(db, schedule, systemClock.now());
    scheduler = createScheduler({ db, clock: systemClock, logger });
    scheduler.start();
  }

  if (config.smtpReceiver && (config.roles.includes('web') || config.roles.includes('worker'))) {
    smtpReceiver = await startSmtpReceiver({
      ...config.smtpReceiver,
      channelFor: (address) => deps.inboundMail.channelForAddress(address),
      receive: (input) => deps.inboundMail.receiveRaw(input),
      logger,
    });
    logger.info({ port: smtpReceiver.port }, 'SMTP receiver listening');
  }

  logger.info({ roles: config.roles, database: db.dialect, url }, 'Redress started');

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      accepting = false;
      await scheduler?.stop();
      await smtpReceiver?.stop();
      await Promise.all([
        app?.close(),
        runner &&
          withTimeout(runner.stop(), JOB_DRAIN_TIMEOUT_MS, () =>
            logger.warn('jobs still running at shutdown; their leases will let another worker retry them'),
          ),
      ]);
      await db.close();
      logger.info('Redress stopped');
    })();
    return stopping;
  };
  return { deps, app, url, stop };
};
