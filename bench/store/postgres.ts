import { openPostgres } from '../../apps/server/src/storage/postgres.ts';
import type { Measurement } from '../lib/stats.ts';
import { measureWrites, warmUp } from './writes.ts';

/** Redress's PostgreSQL store as the server opens it (`openPostgres`, migrated), ready to measure. */
export interface PostgresStore {
  /** `count` writes, `inFlight` at a time (1 = sequential), after an untimed warm-up at the same concurrency. */
  measure(options: { readonly count: number; readonly inFlight: number }): Promise<Measurement>;
  close(): Promise<void>;
}

/**
 * Opens and migrates the store. Each `write()` is its own transaction (BEGIN, INSERT, COMMIT on
 * one pooled connection), so there is exactly one COMMIT per write.
 */
export const openPostgresStore = async (url: string, poolSize: number): Promise<PostgresStore> => {
  const db = await openPostgres({ url, poolSize });
  return {
    measure: async (options) => {
      await warmUp(db, { count: Math.max(50, options.inFlight * 2), inFlight: options.inFlight });
      return measureWrites(db, options);
    },
    close: () => db.close(),
  };
};
