import cookie from '@fastify/cookie';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Deps } from './deps.ts';
import { validationOptions } from './http/validation.ts';
import { registerAuth, type RouteAccessEntry } from './http/auth.ts';
import { frameworkErrorHandler, registerErrorHandling } from './http/errors.ts';
import { registerIdempotency } from './http/idempotency.ts';
import { healthRoutes } from './http/health.routes.ts';
import { registerOpenApi } from './http/openapi.ts';
import { casesRoutes } from './modules/cases/index.ts';
import { callsRoutes } from './modules/calls/index.ts';
import { portalRoutes } from './modules/portal/index.ts';
import { clocksRoutes } from './modules/clocks/index.ts';
import { calendarsRoutes } from './modules/calendars/index.ts';
import { policiesRoutes } from './modules/policies/index.ts';
import { commitmentsRoutes } from './modules/commitments/index.ts';
import { compensationRoutes } from './modules/compensation/index.ts';
import { escalationRoutes } from './modules/escalation/index.ts';
import { tasksRoutes } from './modules/tasks/index.ts';
import { queuesRoutes } from './modules/queues/index.ts';
import { liveRoutes } from './modules/live/index.ts';
import { customersRoutes } from './modules/customers/index.ts';
import { attachmentsRoutes } from './modules/attachments/index.ts';
import { authRoutes, tokensRoutes, usersRoutes } from './modules/identity/index.ts';
import { orgRoutes } from './modules/org/index.ts';
import { notificationsRoutes } from './modules/notifications/index.ts';
import { oversightRoutes } from './modules/oversight/index.ts';
import { coachRoutes } from './modules/coach/index.ts';
import { recurrenceRoutes } from './modules/recurrence/index.ts';
import { webhooksRoutes } from './modules/webhooks/index.ts';
import { knowledgeRoutes } from './modules/knowledge/index.ts';
import { reportsRoutes } from './modules/reports/index.ts';
import { inboundMailRoutes } from './modules/inbound-mail/index.ts';
import { followUpsRoutes } from './modules/followups/index.ts';
import { correspondenceRoutes } from './modules/correspondence/index.ts';
import { searchRoutes } from './modules/search/index.ts';
import { categorySuggestionsRoutes } from './modules/language/index.ts';
import { lexiconRoutes } from './modules/language/index.ts';
import { analyzeRoutes, caseRiskRoutes } from './modules/language/index.ts';
import { loggerOptions, type Logger } from './shared/logger.ts';
import { newId } from './shared/ids.ts';

export const VERSION = '0.1.0';

/** Largest JSON body accepted; attachments travel another way. */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface AppOptions {
  /** The process logger, or false for silence (tests). Defaults to a new redacting logger. */
  readonly logger?: Logger | false;
  /** False once shutdown begins; `/readyz` then answers 503. */
  readonly accepting?: () => boolean;
  /** Extra plugins registered last (the console's static files). */
  readonly extras?: (app: FastifyInstance) => Promise<void>;
}

export interface RedressApp {
  readonly app: FastifyInstance;
  /** Every route with the access it declared — the permission table tests check. */
  readonly routes: readonly RouteAccessEntry[];
}

/** Builds the HTTP app from its dependencies. It never listens: `main.ts` does, tests use `inject()`. */
export const buildApp = async (deps: Deps, options: AppOptions = {}): Promise<RedressApp> => {
  const logging: Pick<FastifyServerOptions, 'logger' | 'loggerInstance'> =
    options.logger === false
      ? { logger: false }
      : options.logger
        ? { loggerInstance: options.logger }
        : { logger: loggerOptions(deps.config.logLevel) };
  const app = Fastify({
    ...logging,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => newId('req'),
    requestIdHeader: false,
    // A hop count becomes "trust the first n hops" (what proxy-addr does with a number).
    trustProxy:
      typeof deps.config.trustProxy === 'number'
        ? (
            (hops: number) => (_address: string, hop: number) =>
              hop < hops
          )(deps.config.trustProxy)
        : deps.config.trustProxy,
    ...validationOptions,
    return503OnClosing: true,
    frameworkErrors: frameworkErrorHandler,
    forceCloseConnections: 'idle',
  }).withTypeProvider<TypeBoxTypeProvider>();

  registerErrorHandling(app);
  const accepting = options.accepting ?? (() => true);
  // While shutting down, answer in-flight requests with `Connection: close` so their keep-alive
  // sockets end with the response instead of holding the process open until they time out.
  app.addHook('onSend', async (_request, reply) => {
    if (!accepting()) void reply.header('connection', 'close');
  });
  // The API speaks JSON only; a text/plain body (what a cross-site form can send) is refused with 415.
  app.removeContentTypeParser('text/plain');
  await app.register(cookie);
  const routes = registerAuth(app, deps.identity, deps.config.secureCookies);
  registerIdempotency(app, deps.idempotency, deps.clock);
  await registerOpenApi(app, VERSION);

  await app.register(healthRoutes({ dialect: deps.db.dialect, ping: () => deps.db.ping(), accepting }));
  await app.register(
    async (api) => {
      await api.register(authRoutes({ identity: deps.identity, secureCookies: deps.config.secureCookies }));
      await api.register(usersRoutes({ identity: deps.identity }));
      await api.register(tokensRoutes({ identity: deps.identity }));
      await api.register(orgRoutes({ org: deps.org }));
      await api.register(attachmentsRoutes({ attachments: deps.attachments }));
      await api.register(customersRoutes({ customers: deps.customers }));
      await api.register(casesRoutes({ cases: deps.cases }));
      await api.register(callsRoutes({ calls: deps.calls }));
      await api.register(portalRoutes({ portal: deps.portal, clock: deps.clock }));
      await api.register(tasksRoutes({ tasks: deps.tasks }));
      await api.register(queuesRoutes({ queues: deps.queues }));
      await api.register(liveRoutes({ live: deps.live }));
      await api.register(commitmentsRoutes({ commitments: deps.commitments }));
      await api.register(escalationRoutes({ escalation: deps.escalation }));
      await api.register(compensationRoutes({ compensation: deps.compensation }));
      await api.register(clocksRoutes({ clocks: deps.clocks }));
      await api.register(calendarsRoutes({ calendars: deps.calendars }));
      await api.register(policiesRoutes({ policies: deps.policies }));
      await api.register(notificationsRoutes({ notifications: deps.notifications }));
      await api.register(oversightRoutes({ oversight: deps.oversight }));
      await api.register(coachRoutes({ coach: deps.coach }));
      await api.register(recurrenceRoutes({ recurrence: deps.recurrence }));
      await api.register(webhooksRoutes({ webhooks: deps.webhooks }));
      await api.register(knowledgeRoutes({ knowledge: deps.knowledge }));
      await api.register(reportsRoutes({ reports: deps.reports }));
      await api.register(inboundMailRoutes({ intakeChannels: deps.intakeChannels, inboundMail: deps.inboundMail }));
      await api.register(followUpsRoutes({ followups: deps.followups }));
      await api.register(correspondenceRoutes({ correspondence: deps.correspondence }));
      await api.register(searchRoutes({ search: deps.search }));
      await api.register(categorySuggestionsRoutes({ categoryModels: deps.categoryModels }));
      await api.register(lexiconRoutes({ lexicon: deps.lexicon }));
      await api.register(analyzeRoutes({ analyze: deps.analyze }));
      await api.register(caseRiskRoutes({ caseRisk: deps.caseRisk }));
    },
    { prefix: '/api/v1' },
  );
  if (options.extras) await options.extras(app);
  await app.ready();
  return { app, routes };
};
