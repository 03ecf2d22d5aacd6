import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { IDEMPOTENCY_KEY_PATTERN, IDEMPOTENT_REPLAYED_HEADER } from '@redress/contract';
import { Type, type TSchema } from 'typebox';
import type { Clock } from '../shared/clock.ts';
import { AppError, ErrorCode } from '../shared/errors.ts';
import type { Actor } from '../shared/unit-of-work.ts';
import type { IdempotencyRecordKey, IdempotencyStore } from '../storage/repositories/idempotency.repository.ts';
import { RETENTION } from '../storage/retention.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A create that accepts `Idempotency-Key`: a retry with the same key and body replays the
     * first response instead of creating twice.
     */
    idempotent?: boolean;
  }
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** A key still `pending` after this long belongs to a request whose process died: it may be retried. */
export const IDEMPOTENCY_PENDING_TIMEOUT_MS = 2 * 60 * 1000;

const KEY = new RegExp(IDEMPOTENCY_KEY_PATTERN);
const FIELD = `/headers/${IDEMPOTENCY_HEADER}`;

const KeyHeader = Type.String({
  pattern: IDEMPOTENCY_KEY_PATTERN,
  description:
    'Makes a retry safe: the same key with the same body within 24 hours replays the first response (with `Idempotent-Replayed: true`); with another body it is refused (422). 1–200 visible ASCII characters; use a UUID.',
});

/** JSON with object keys sorted, so the same body hashes the same however its keys were ordered. */
export const canonicalJson = (value: unknown): string => {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
};

/** Whose key it is: keys are scoped per actor. Nobody signed in has no keys. */
const actorKey = (actor: Actor): string | undefined =>
  actor.kind === 'user' ? actor.userId : actor.kind === 'system' ? `system:${actor.name}` : undefined;

interface KeySecrets {
  readonly keyHash: string;
  readonly encryption: Buffer;
  readonly mac: Buffer;
}

/**
 * Everything stored is derived from the key, which is never stored: the lookup hash, the HMAC
 * key for the request fingerprint (a plain hash of a body holding a password would be an offline
 * guessing oracle) and the AES key for the stored response (which may hold a new API token).
 */
export const keySecrets = (key: string, actorId: string): KeySecrets => {
  const material = Buffer.from(hkdfSync('sha256', key, actorId, 'redress idempotency v1', 64));
  return {
    keyHash: createHash('sha256').update(`redress idempotency key\0${actorId}\0${key}`).digest('hex'),
    encryption: material.subarray(0, 32),
    mac: material.subarray(32, 64),
  };
};

export const requestFingerprint = (mac: Buffer, method: string, route: string, body: unknown): string =>
  createHmac('sha256', mac)
    .update(`${method}\n${route}\n${canonicalJson(body)}`)
    .digest('hex');

/** AES-256-GCM; stored as base64 of iv ‖ tag ‖ ciphertext. */
export const sealResponse = (key: Buffer, plaintext: string): string => {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
};

export const openResponse = (key: Buffer, stored: string): string => {
  const raw = Buffer.from(stored, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
};

const headerSchemaWithKey = (headers: unknown): TSchema => {
  const existing = (headers ?? {}) as { properties?: Record<string, TSchema>; required?: string[] };
  return Type.Object({ ...existing.properties, [IDEMPOTENCY_HEADER]: Type.Optional(KeyHeader) });
};

interface Held {
  readonly record: IdempotencyRecordKey;
  readonly encryption: Buffer;
}

/**
 * `Idempotency-Key` for routes that declare `config: { idempotent: true }`. Register before the
 * routes. A request with a key first claims it (a pending row under the unique (actor, key)), so of
 * two concurrent requests only one runs the handler; the other gets 409. A 2xx response is stored
 * (encrypted) and replayed to later requests with the same key and body; any other outcome frees
 * the key so a retry runs again. Keys are kept 24 hours (`pruneExpired`).
 */
export const registerIdempotency = (app: FastifyInstance, store: IdempotencyStore, clock: Clock): void => {
  const held = new WeakMap<FastifyRequest, Held>();

  app.addHook('onRoute', (route) => {
    if (!route.config?.idempotent) return;
    // Declared as a header schema: validated with the body (400 naming /headers/idempotency-key)
    // and documented in OpenAPI.
    route.schema = { ...route.schema, headers: headerSchemaWithKey(route.schema?.headers) };
  });

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config.idempotent) return;
    const key = request.headers[IDEMPOTENCY_HEADER];
    if (key === undefined) return;
    if (typeof key !== 'string' || !KEY.test(key)) {
      throw new AppError(
        ErrorCode.ValidationFailed,
        'The Idempotency-Key header must be 1–200 visible ASCII characters',
        [{ field: FIELD, message: 'must be 1–200 visible ASCII characters' }],
      );
    }
    const actorId = actorKey(request.ctx.actor);
    if (actorId === undefined) return;
    const route = request.routeOptions.url ?? request.url;
    const secrets = keySecrets(key, actorId);
    const now = clock.now();
    const record = { actorId, keyHash: secrets.keyHash };
    const result = await store.claim({
      ...record,
      method: request.method,
      route,
      requestHash: requestFingerprint(secrets.mac, request.method, route, request.body),
      now,
      pendingBefore: new Date(now.getTime() - IDEMPOTENCY_PENDING_TIMEOUT_MS),
      expiredBefore: new Date(now.getTime() - RETENTION.idempotencyKeysMs),
    });
    switch (result.outcome) {
      case 'claimed':
        held.set(request, { record, encryption: secrets.encryption });
        return;
      case 'pending':
        throw new AppError(
          ErrorCode.Conflict,
          'A request with this Idempotency-Key is in progress; retry when it has finished',
          [{ field: FIELD, message: 'request with this key is in progress' }],
        );
      case 'mismatch':
        throw new AppError(
          ErrorCode.IdempotencyKeyReused,
          'This Idempotency-Key was already used for a different request; use a new key for a new request',
          [{ field: FIELD, message: 'was used with a different request' }],
        );
      case 'done':
        return reply
          .code(result.status)
          .header('content-type', 'application/json; charset=utf-8')
          .header(IDEMPOTENT_REPLAYED_HEADER, 'true')
          .send(openResponse(secrets.encryption, result.body));
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const holding = held.get(request);
    if (!holding) return payload;
    held.delete(request);
    try {
      if (reply.statusCode >= 200 && reply.statusCode < 300 && typeof payload === 'string') {
        await store.complete(holding.record, reply.statusCode, sealResponse(holding.encryption, payload));
      } else {
        await store.release(holding.record);
      }
    } catch (error) {
      // The request itself succeeded or failed already; a retry will find the key pending until it times out.
      request.log.error({ err: error }, 'could not record the Idempotency-Key outcome');
    }
    return payload;
  });
};
