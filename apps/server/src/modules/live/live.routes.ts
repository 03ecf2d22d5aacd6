import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponses, LiveQuery, LIVE_REPLAY_LIMIT } from '@redress/contract';
import type { LiveHub } from './live.service.ts';

/** Bytes a stream may have waiting unsent before its client is let go (it reconnects and replays). */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/** The browser waits this long before reconnecting a dropped stream, in ms. */
const RETRY_MS = 5_000;

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

/** `GET /live`: server-sent events of the changes on the cases the caller may read. */
export const liveRoutes =
  ({ live }: { live: LiveHub }): FastifyPluginAsyncTypebox =>
  async (app) => {
    live.reportErrorsTo((error) => app.log.error({ err: error }, 'live updates: reading the event log failed'));
    // Open streams would hold `close()` (tests, shutdown) until their clients gave up: end them first.
    app.addHook('preClose', async () => {
      await live.close();
    });

    app.get(
      '/live',
      {
        config: { access: 'case:read' },
        schema: {
          tags: ['cases'],
          summary: 'A stream of server-sent events: what changed on the cases you may read, as it happens',
          description:
            'Each message is `event: change` with `id: <seq>` and a `LiveChangeDto` as data: which case changed ' +
            'and how, never the change itself. Reconnect with `Last-Event-ID` (or `?lastEventId=`) to receive ' +
            `what you missed, up to ${LIVE_REPLAY_LIMIT} changes; past that, or for an unknown id, one ` +
            '`event: reset` says to read everything again. A comment line arrives at least every 25 s. ' +
            'The server ends a stream after about 10 minutes; reconnect and resume. A user may hold 8 ' +
            'streams at once (429 `rate_limited` past that) and a server a configured number (503 `not_ready`), ' +
            'both with `Retry-After`.',
          querystring: LiveQuery,
          response: {
            200: {
              description: 'The stream (`text/event-stream`), open until the client leaves or the server stops.',
              content: { 'text/event-stream': { schema: { type: 'string' } } },
            },
            ...ErrorResponses,
          },
        },
      },
      async (request, reply) => {
        const lastEventId = headerValue(request.headers['last-event-id']) ?? request.query.lastEventId;
        // Counted before the reply is taken over, so a refusal is an ordinary error reply (429 or
        // 503 with Retry-After); released when the socket closes, however the stream ended.
        const release = live.admit(request.ctx);
        reply.raw.on('close', release);
        // Authentication and the access check ran in onRequest; from here on the stream is ours.
        // (A session renewed by this request keeps its old cookie expiry until the next ordinary
        // request renews it: hijacked replies skip the hooks that set cookies.)
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache',
          'x-accel-buffering': 'no',
          // The socket closes with the stream: a server closing ends streams first, and an ended
          // stream's connection must not linger as keep-alive holding the close up.
          connection: 'close',
        });
        raw.write(`retry: ${RETRY_MS}\n\n`);
        const subscription = live.subscribe(
          request.ctx,
          {
            write: (chunk) => {
              if (raw.destroyed || raw.writableEnded) return false;
              raw.write(chunk);
              return raw.writableLength < MAX_BACKLOG_BYTES;
            },
            end: () => {
              if (!raw.writableEnded) raw.end();
            },
          },
          lastEventId,
        );
        raw.on('close', () => subscription.close());
        await subscription.ready.catch((error: unknown) => {
          request.log.error({ err: error }, 'live updates: the stream could not start');
        });
      },
    );
  };
