import type { Kysely } from 'kysely';
import type { DialectName } from './migrations/types.ts';
import type { Schema } from './schema.ts';

export type { DialectName };

/** A unit of work's view of the store: a Kysely bound to the open transaction. */
export type Tx = Kysely<Schema>;

/**
 * The store, whichever backend holds it. Everything above `storage/` sees only this and the
 * repository ports; nothing else knows which database is underneath.
 */
export interface Database {
  readonly dialect: DialectName;
  /** For reads outside a unit of work. Sees every write whose `write()` has resolved. */
  readonly read: Kysely<Schema>;
  /**
   * Runs `work` in one transaction and resolves once it is durably committed. On the embedded
   * store concurrent calls share one COMMIT (group commit); `work` must only touch the database.
   */
  write<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
  /** Cheap round trip for readiness checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
