import { join } from 'node:path';
import { openSqlite } from '../../apps/server/src/storage/sqlite/open.ts';
import type { Measurement } from '../lib/stats.ts';
import { measureWrites, warmUp } from './writes.ts';

export interface StoreMeasurement extends Measurement {
  /** COMMITs issued per acknowledged write during the measured loop; below 1 means group commit shared them. */
  readonly commitsPerWrite: number;
}

/**
 * Redress's embedded store as the server opens it (`openSqlite`, migrated, group commit), in a
 * fresh data directory under `dir`. Commits per write come from the store's own `stats`.
 */
export const measureSqliteStore = async (
  dir: string,
  options: { readonly synchronous: 'FULL' | 'NORMAL'; readonly count: number; readonly inFlight: number },
): Promise<StoreMeasurement> => {
  const dataDir = join(dir, `store-${options.synchronous.toLowerCase()}-${options.inFlight}`);
  const db = await openSqlite({ dataDir, synchronous: options.synchronous });
  try {
    await warmUp(db, { count: Math.max(50, options.inFlight * 2), inFlight: options.inFlight });
    const before = { ...db.stats };
    const measured = await measureWrites(db, options);
    const commits = db.stats.commits - before.commits;
    const units = db.stats.units - before.units;
    return { ...measured, commitsPerWrite: units > 0 ? commits / units : Number.NaN };
  } finally {
    await db.close();
  }
};
