import type { Database } from '../../apps/server/src/storage/database.ts';
import { loopAsync } from '../lib/load.ts';
import { benchEventRow } from '../lib/rows.ts';
import type { Measurement } from '../lib/stats.ts';

/** One unit of work as a use case would issue it: a single event row, in its own `write()`. */
const writeOneEvent = (db: Database): Promise<unknown> =>
  db.write((tx) => tx.insertInto('events').values(benchEventRow()).execute());

/**
 * Untimed writes, `inFlight` at a time, so prepared statements, the JIT and (on PostgreSQL) every
 * pooled connection are ready before the clock starts.
 */
export const warmUp = async (
  db: Database,
  options: { readonly count: number; readonly inFlight: number },
): Promise<void> => {
  await loopAsync(options, () => writeOneEvent(db));
};

/**
 * `count` writes through `Database.write()` with `inFlight` outstanding at once. Latency runs from
 * the call to the resolved promise — on the embedded store that is after the durable COMMIT.
 */
export const measureWrites = (
  db: Database,
  options: { readonly count: number; readonly inFlight: number },
): Promise<Measurement> => loopAsync(options, () => writeOneEvent(db));
