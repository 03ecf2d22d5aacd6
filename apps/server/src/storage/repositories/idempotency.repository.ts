import { readInt, readTime, toDbTime } from '../codec.ts';
import type { Database } from '../database.ts';

/** Identifies one `Idempotency-Key` record: keys are scoped per actor. */
export interface IdempotencyRecordKey {
  readonly actorId: string;
  readonly keyHash: string;
}

export interface IdempotencyClaim extends IdempotencyRecordKey {
  readonly method: string;
  readonly route: string;
  readonly requestHash: string;
  readonly now: Date;
  /** A `pending` record older than this was abandoned (its process died): it may be taken over. */
  readonly pendingBefore: Date;
  /** A record older than this has expired and counts as absent. */
  readonly expiredBefore: Date;
}

/**
 * What a claim found: `claimed` — this request runs (a pending record now holds the key);
 * `pending` — another request with the key is running; `mismatch` — the key was used for a
 * different request; `done` — the stored response to replay.
 */
export type IdempotencyOutcome =
  | { readonly outcome: 'claimed' }
  | { readonly outcome: 'pending' }
  | { readonly outcome: 'mismatch' }
  | { readonly outcome: 'done'; readonly status: number; readonly body: string };

/** The `idempotency_keys` table behind the HTTP layer's `Idempotency-Key` support. */
export interface IdempotencyStore {
  /** Atomically takes the key for this request, or reports why not. */
  claim(claim: IdempotencyClaim): Promise<IdempotencyOutcome>;
  /** Records the response of the request that holds the key. */
  complete(key: IdempotencyRecordKey, status: number, body: string): Promise<void>;
  /** Gives the key back (the request failed and changed nothing), so a retry runs again. */
  release(key: IdempotencyRecordKey): Promise<void>;
}

export const idempotencyStore = (db: Database): IdempotencyStore => ({
  claim: (claim) =>
    db.write(async (tx) => {
      const fresh = {
        actor_id: claim.actorId,
        key_hash: claim.keyHash,
        method: claim.method,
        route: claim.route,
        request_hash: claim.requestHash,
        state: 'pending',
        response_status: null,
        response_body: null,
        created_at: toDbTime(claim.now),
      };
      // The primary key (actor, key) makes the insert the lock: of two concurrent requests exactly
      // one inserts, the other finds its pending row.
      const inserted = await tx
        .insertInto('idempotency_keys')
        .values(fresh)
        .onConflict((oc) => oc.columns(['actor_id', 'key_hash']).doNothing())
        .returning('key_hash')
        .executeTakeFirst();
      if (inserted) return { outcome: 'claimed' };
      const row = await tx
        .selectFrom('idempotency_keys')
        .selectAll()
        .where('actor_id', '=', claim.actorId)
        .where('key_hash', '=', claim.keyHash)
        .executeTakeFirstOrThrow();
      const createdAt = readTime(row.created_at);
      const expired = createdAt.getTime() < claim.expiredBefore.getTime();
      const abandoned =
        row.state === 'pending' &&
        row.request_hash === claim.requestHash &&
        createdAt.getTime() < claim.pendingBefore.getTime();
      if (expired || abandoned) {
        // Conditional on the row we read, so two requests cannot both take it over.
        const taken = await tx
          .updateTable('idempotency_keys')
          .set(fresh)
          .where('actor_id', '=', claim.actorId)
          .where('key_hash', '=', claim.keyHash)
          .where('created_at', '=', toDbTime(createdAt))
          .where('state', '=', row.state)
          .executeTakeFirst();
        return Number(taken.numUpdatedRows) === 1 ? { outcome: 'claimed' } : { outcome: 'pending' };
      }
      if (row.request_hash !== claim.requestHash) return { outcome: 'mismatch' };
      if (row.state === 'pending' || row.response_status === null || row.response_body === null) {
        return { outcome: 'pending' };
      }
      return { outcome: 'done', status: readInt(row.response_status), body: row.response_body };
    }),

  async complete(key, status, body) {
    await db.write((tx) =>
      tx
        .updateTable('idempotency_keys')
        .set({ state: 'done', response_status: status, response_body: body })
        .where('actor_id', '=', key.actorId)
        .where('key_hash', '=', key.keyHash)
        .where('state', '=', 'pending')
        .execute(),
    );
  },

  async release(key) {
    await db.write((tx) =>
      tx
        .deleteFrom('idempotency_keys')
        .where('actor_id', '=', key.actorId)
        .where('key_hash', '=', key.keyHash)
        .where('state', '=', 'pending')
        .execute(),
    );
  },
});
