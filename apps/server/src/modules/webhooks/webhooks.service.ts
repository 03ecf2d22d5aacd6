import { Webhook } from 'standardwebhooks';
import { ALL_EVENTS, type CreateWebhookBody } from '@redress/contract';

import type { Clock } from '../../shared/clock.ts';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { newId } from '../../shared/ids.ts';
import { actorId, type Context, type UnitOfWork } from '../../shared/unit-of-work.ts';
import { requirePermission } from '../access/index.ts';
import {
  clip,
  generateSecret,
  nextAttemptAfter,
  normaliseEventTypes,
  SEND_TIMEOUT_MS,
  subscriptionProblems,
  webhookBody,
  type OutgoingEvent,
  type WebhookDelivery,
  type WebhookSubscription,
} from './webhook.ts';
import type { WebhookRepository } from './webhooks.repository.ts';

/** How long the set of subscribed event types is trusted before it is read again (process time). */
export const SUBSCRIBED_TYPES_TTL_MS = 5_000;

type Port = { webhooks: WebhookRepository };

/** One HTTP POST to a receiver; resolves with the status code, rejects on a network error or timeout. */
export type WebhookPoster = (request: {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}) => Promise<number>;

/**
 * POSTs with `fetch`, giving up after `SEND_TIMEOUT_MS`. Redirects are not followed (a 3xx counts
 * as a failure): the subscriber registered this URL, not wherever it points to.
 */
export const fetchPoster: WebhookPoster = async ({ url, body, headers }) => {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
  });
  await response.body?.cancel();
  return response.status;
};

/** What one send did: delivered, scheduled again, given up, or nothing (stale job, already done). */
export type SendOutcome = 'delivered' | 'retry' | 'failed' | 'skipped';

const notFound = (what: string): AppError => new AppError(ErrorCode.NotFound, `${what} not found`);

/**
 * Webhooks out: subscriptions (`config:manage`, listed with `config:read`), the fan-out from the
 * event log into per-subscription deliveries, and the signed send with retries and backoff.
 */
export const createWebhookService = ({
  store,
  clock,
  post = fetchPoster,
}: {
  store: UnitOfWork<Port>;
  clock: Clock;
  post?: WebhookPoster;
}) => {
  /**
   * Which event types some enabled subscription wants, as last read (`all` for `*`), kept
   * `SUBSCRIBED_TYPES_TTL_MS` of process time. Dropped at once when this instance changes a
   * subscription; another instance sees a new subscription within that time.
   */
  let subscribed: { types: ReadonlySet<string> | 'all'; until: number } | undefined;
  let refreshing: Promise<void> | undefined;
  // Bumped whenever this instance changes a subscription: a read begun before it is discarded.
  let generation = 0;
  const refreshSubscribedTypes = (): void => {
    if (refreshing) return;
    const startedAt = generation;
    const read = store.read.webhooks
      .listSubscriptions()
      .then((subscriptions) => {
        if (startedAt !== generation) return;
        const enabled = subscriptions.filter((s) => s.enabled);
        const all = enabled.some((s) => s.eventTypes.includes(ALL_EVENTS));
        subscribed = {
          types: all ? 'all' : new Set(enabled.flatMap((s) => s.eventTypes)),
          until: performance.now() + SUBSCRIBED_TYPES_TTL_MS,
        };
      })
      .catch(() => undefined)
      .finally(() => {
        if (refreshing === read) refreshing = undefined;
      });
    refreshing = read;
  };
  /** Whether an event of this type may have a subscriber: true until the subscriptions are known. */
  const wantsEvent = (eventType: string): boolean => {
    const known = subscribed;
    if (!known || known.until <= performance.now()) {
      refreshSubscribedTypes();
      return true;
    }
    return known.types === 'all' || known.types.has(eventType);
  };
  const forgetSubscribedTypes = (): void => {
    generation += 1;
    subscribed = undefined;
    refreshing = undefined;
  };

  const createSubscription = async (
    ctx: Context,
    body: CreateWebhookBody,
  ): Promise<WebhookSubscription & { secret: string }> => {
    requirePermission(ctx.actor, 'config:manage');
    const problems = subscriptionProblems(body);
    if (problems.length > 0) {
      throw new AppError(
        ErrorCode.ValidationFailed,
        `The webhook is not valid: ${problems[0]?.message ?? ''}`,
        problems,
      );
    }
    const now = clock.now();
    const subscription: WebhookSubscription = {
      id: newId('whk', now),
      url: body.url,
      eventTypes: normaliseEventTypes(body.eventTypes),
      enabled: body.enabled ?? true,
      createdAt: now,
    };
    const secret = generateSecret();
    await store.write(async ({ webhooks }) => {
      await webhooks.insertSubscription({ ...subscription, secret, createdBy: actorId(ctx.actor) });
      await webhooks.appendEvent({
        type: 'webhook.created',
        subjectType: 'webhook',
        subjectId: subscription.id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: { eventTypes: subscription.eventTypes, enabled: subscription.enabled },
        occurredAt: now,
      });
    });
    forgetSubscribedTypes();
    return { ...subscription, secret };
  };

  const listSubscriptions = async (ctx: Context): Promise<WebhookSubscription[]> => {
    requirePermission(ctx.actor, 'config:read');
    return store.read.webhooks.listSubscriptions();
  };

  const deleteSubscription = async (ctx: Context, id: string): Promise<void> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    await store.write(async ({ webhooks }) => {
      if (!(await webhooks.deleteSubscription(id, now))) throw notFound('Webhook');
      forgetSubscribedTypes();
      await webhooks.appendEvent({
        type: 'webhook.deleted',
        subjectType: 'webhook',
        subjectId: id,
        actorId: actorId(ctx.actor),
        requestId: ctx.requestId,
        payload: {},
        occurredAt: now,
      });
    });
  };

  const listDeliveries = async (ctx: Context, subscriptionId: string, limit: number): Promise<WebhookDelivery[]> => {
    requirePermission(ctx.actor, 'config:read');
    if (!(await store.read.webhooks.findSubscription(subscriptionId))) throw notFound('Webhook');
    return store.read.webhooks.listDeliveries(subscriptionId, limit);
  };

  /** Sends the delivery again from its first attempt, whatever became of it before. */
  const redeliver = async (ctx: Context, deliveryId: string): Promise<WebhookDelivery> => {
    requirePermission(ctx.actor, 'config:manage');
    const now = clock.now();
    return store.write(async ({ webhooks }) => {
      const delivery = await webhooks.findDelivery(deliveryId);
      if (!delivery || !(await webhooks.findSubscription(delivery.subscriptionId))) throw notFound('Delivery');
      await webhooks.resetDelivery(deliveryId, now);
      await webhooks.queueSend(deliveryId, 0, now, now);
      return (await webhooks.findDelivery(deliveryId)) ?? delivery;
    });
  };

  /** Records one pending delivery per matching subscription and queues its send; a rerun adds none. */
  const fanOut = async (event: OutgoingEvent): Promise<number> => {
    const now = clock.now();
    return store.write(async ({ webhooks }) => {
      const subscriptions = await webhooks.subscriptionsFor(event.type);
      if (subscriptions.length === 0) return 0;
      const inserted = await webhooks.insertDeliveries(
        subscriptions.map((s) => ({
          id: newId('whd', now),
          subscriptionId: s.id,
          eventId: event.id,
          eventType: event.type,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          lastStatusCode: null,
          lastError: null,
          createdAt: now,
          updatedAt: now,
        })),
      );
      for (const id of inserted) await webhooks.queueSend(id, 0, now, now);
      return inserted.length;
    });
  };

  /**
   * One attempt: sign, POST, record. `attempt` is the attempts count the job was queued at; a job
   * that finds another count (a redelivery or another run overtook it) does nothing.
   */
  const send = async (deliveryId: string, attempt: number): Promise<SendOutcome> => {
    const found = await store.read.webhooks.findDeliveryToSend(deliveryId);
    if (!found || found.delivery.status !== 'pending' || found.delivery.attempts !== attempt) return 'skipped';
    const now = clock.now();
    if (!found.active || !found.event) {
      await store.write(({ webhooks }) =>
        webhooks.recordAttempt(deliveryId, attempt, {
          status: 'failed',
          attempts: attempt,
          nextAttemptAt: null,
          lastStatusCode: null,
          lastError: found.event ? 'the subscription is disabled or deleted' : 'the event is no longer stored',
          at: now,
        }),
      );
      return 'failed';
    }
    const body = webhookBody(found.event, now);
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Redress-Webhooks/1',
      'webhook-id': deliveryId,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': new Webhook(found.secret).sign(deliveryId, now, body),
    };
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      statusCode = await post({ url: found.url, body, headers });
      if (statusCode < 200 || statusCode > 299) error = `the receiver answered ${statusCode}`;
    } catch (cause) {
      error = clip(cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause));
    }
    const attempts = attempt + 1;
    const next = error === null ? null : nextAttemptAfter(attempts, now);
    const status = error === null ? 'delivered' : next ? 'pending' : 'failed';
    await store.write(async ({ webhooks }) => {
      const recorded = await webhooks.recordAttempt(deliveryId, attempt, {
        status,
        attempts,
        nextAttemptAt: next,
        lastStatusCode: statusCode,
        lastError: error,
        at: now,
      });
      if (recorded && next) await webhooks.queueSend(deliveryId, attempts, next, now);
    });
    return status === 'delivered' ? 'delivered' : status === 'pending' ? 'retry' : 'failed';
  };

  return {
    createSubscription,
    listSubscriptions,
    deleteSubscription,
    listDeliveries,
    redeliver,
    fanOut,
    send,
    wantsEvent,
  };
};

export type WebhookService = ReturnType<typeof createWebhookService>;
