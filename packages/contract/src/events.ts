/**
 * The one catalogue of event names (STYLE #9). Every state change appends one of these to the
 * event log in the same transaction; the timeline, audit trail, analytics and webhooks read them.
 * Names are part of the public API (webhook consumers see them): add, never rename.
 * Shape: `<subject>.<past-tense verb>`.
 */
export const EventType = {
  UserCreated: 'user.created',
  UserSignedIn: 'user.signed_in',
  ApiTokenCreated: 'api_token.created',
  ApiTokenRevoked: 'api_token.revoked',
} as const;

export type EventType = (typeof EventType)[keyof typeof EventType];

/** Every event name, e.g. for webhook subscription pickers. */
export const EVENT_TYPES: readonly EventType[] = Object.values(EventType);
