import type { NewEvent } from '../../shared/unit-of-work.ts';
import type { OutgoingEvent, WebhookDelivery, WebhookSubscription } from './webhook.ts';

/** A subscription to store (the secret is written once and read back only for signing). */
export interface NewSubscription extends WebhookSubscription {
  readonly secret: string;
  readonly createdBy: string | null;
}

/** What one send needs: the delivery, where it goes with which secret, and the event. */
export interface DeliveryToSend {
  readonly delivery: WebhookDelivery;
  readonly url: string;
  readonly secret: string;
  /** False when the subscription was disabled or deleted since the delivery was recorded. */
  readonly active: boolean;
  readonly event: OutgoingEvent | undefined;
}

/** The outcome of one attempt, written to the delivery. */
export interface AttemptResult {
  readonly status: WebhookDelivery['status'];
  readonly attempts: number;
  readonly nextAttemptAt: Date | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly at: Date;
}

/** The webhooks module's port onto storage. */
export interface WebhookRepository {
  insertSubscription(subscription: NewSubscription): Promise<void>;
  /** Live (not deleted) subscriptions, oldest first. */
  listSubscriptions(): Promise<WebhookSubscription[]>;
  findSubscription(id: string): Promise<WebhookSubscription | undefined>;
  /** Marks it deleted; false when there was no live one. */
  deleteSubscription(id: string, now: Date): Promise<boolean>;
  /** Enabled, live subscriptions wanting `eventType` (or `*`). */
  subscriptionsFor(eventType: string): Promise<WebhookSubscription[]>;
  /**
   * Inserts one pending delivery per row unless one exists for its (subscription, event); returns
   * the ids actually inserted.
   */
  insertDeliveries(rows: readonly WebhookDelivery[]): Promise<string[]>;
  /** Enqueues a send of the delivery at `runAt`, in this unit of work. */
  queueSend(deliveryId: string, attempt: number, runAt: Date, now: Date): Promise<void>;
  findDelivery(id: string): Promise<WebhookDelivery | undefined>;
  findDeliveryToSend(id: string): Promise<DeliveryToSend | undefined>;
  /** Writes an attempt's outcome if the delivery is still pending at `expectedAttempts`; false otherwise. */
  recordAttempt(id: string, expectedAttempts: number, result: AttemptResult): Promise<boolean>;
  /** The newest deliveries of a subscription first. */
  listDeliveries(subscriptionId: string, limit: number): Promise<WebhookDelivery[]>;
  /** Back to pending with no attempts, due now. */
  resetDelivery(id: string, now: Date): Promise<void>;
  appendEvent(event: NewEvent): Promise<void>;
}
