import { randomBytes } from 'node:crypto';
import { ALL_EVENTS, EVENT_TYPES, type WebhookDeliveryStatus } from '@redress/contract';
import type { ErrorDetail } from '../../shared/errors.ts';

/** The fan-out job: one delivery per matching subscription for each event. */
export const WEBHOOK_FANOUT_JOB = 'webhooks.fanout';
/** Sends one delivery once; a failure schedules the next attempt as a new job. */
export const WEBHOOK_SEND_JOB = 'webhooks.send';

/** Attempts before a delivery is marked failed (the last waits 30 s × 2^6 ≈ 32 min). */
export const MAX_DELIVERY_ATTEMPTS = 8;
/** The first retry's delay; each later one doubles. */
export const RETRY_BASE_MS = 30_000;
/** A receiver that has not answered by then counts as failed. */
export const SEND_TIMEOUT_MS = 10_000;
/** Error texts kept in the log are cut to this length (a receiver's body is not ours to keep). */
export const ERROR_TEXT_MAX = 300;

/** A subscription as the module sees it (the secret only where signing needs it). */
export interface WebhookSubscription {
  readonly id: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly enabled: boolean;
  readonly createdAt: Date;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly status: WebhookDeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The event as it goes out: what the event log holds, nothing joined in. */
export interface OutgoingEvent {
  readonly id: string;
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly occurredAt: Date;
  readonly payload: unknown;
}

/** A new Standard Webhooks secret: `whsec_` + base64 of 32 random bytes. */
export const generateSecret = (): string => `whsec_${randomBytes(32).toString('base64')}`;

/** Why a subscription's URL or event types are refused; empty when acceptable. */
export const subscriptionProblems = (draft: { url: string; eventTypes: readonly string[] }): ErrorDetail[] => {
  const problems: ErrorDetail[] = [];
  let parsed: URL | undefined;
  try {
    parsed = new URL(draft.url);
  } catch {
    problems.push({ field: '/body/url', message: 'not a valid URL' });
  }
  if (parsed && parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    problems.push({ field: '/body/url', message: 'only http and https URLs are accepted' });
  }
  if (parsed && (parsed.username !== '' || parsed.password !== '')) {
    problems.push({
      field: '/body/url',
      message: 'credentials in the URL are not accepted; verify the signature instead',
    });
  }
  const known = new Set<string>([...EVENT_TYPES, ALL_EVENTS]);
  draft.eventTypes.forEach((type, index) => {
    if (!known.has(type))
      problems.push({ field: `/body/eventTypes/${index}`, message: `unknown event type "${type}"` });
  });
  return problems;
};

/** Event types without repeats, `*` alone when present. */
export const normaliseEventTypes = (types: readonly string[]): string[] =>
  types.includes(ALL_EVENTS) ? [ALL_EVENTS] : [...new Set(types)].sort();

/** True when the subscription wants events of `type`. */
export const wantsEvent = (eventTypes: readonly string[], type: string): boolean =>
  eventTypes.includes(ALL_EVENTS) || eventTypes.includes(type);

/**
 * When the next attempt runs after `attempts` failed ones (1-based), or null when none is left:
 * 30 s, 1 min, 2 min … doubling.
 */
export const nextAttemptAfter = (attempts: number, now: Date): Date | null =>
  attempts >= MAX_DELIVERY_ATTEMPTS ? null : new Date(now.getTime() + RETRY_BASE_MS * 2 ** (attempts - 1));

/**
 * The JSON body (Standard Webhooks shape: `type`, `timestamp`, `data`). `data` is the event as the
 * log holds it, so a consumer gets no contact details beyond what the event itself carries.
 */
export const webhookBody = (event: OutgoingEvent, timestamp: Date): string =>
  JSON.stringify({
    type: event.type,
    timestamp: timestamp.toISOString(),
    data: {
      eventId: event.id,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      occurredAt: event.occurredAt.toISOString(),
      payload: event.payload,
    },
  });

/** Cuts a text for the delivery log. */
export const clip = (text: string): string =>
  text.length > ERROR_TEXT_MAX ? `${text.slice(0, ERROR_TEXT_MAX - 1)}…` : text;
