import { loadConfig } from '../../apps/server/src/config.ts';
import { createDeps } from '../../apps/server/src/deps.ts';
import { systemClock } from '../../apps/server/src/shared/clock.ts';
import type { Context } from '../../apps/server/src/shared/unit-of-work.ts';
import { appendEvent } from '../../apps/server/src/storage/events.ts';
import { openSqlite } from '../../apps/server/src/storage/sqlite/open.ts';
import { describeError } from '../lib/errors.ts';
import { loopAsync } from '../lib/load.ts';
import { intakeTraffic } from './complaints.ts';
import { BENCH_ADMIN_EMAIL } from '../lib/redress-child.ts';

export interface SeedResult {
  /** Ids of the cases the seeding created. */
  readonly ids: string[];
  readonly seconds: number;
  /** How the cases were written, for the note under the table. */
  readonly method: string;
  readonly failures: number;
  readonly firstFailure: string | undefined;
}

export interface SeedOptions {
  readonly dataDir: string;
  /** Cases wanted in the database in all. */
  readonly target: number;
  /** Cases already there. */
  readonly existing: number;
  readonly progress: (text: string) => void;
}

/** Writes in flight at once: enough for group commit to fill its batches. */
const SEED_IN_FLIGHT = 64;
/** Seeding never runs longer than this; reads then run at however many cases there are. */
const SEED_MAX_SECONDS = 100;
/** Returning customers among the seeded cases, so customers hold several cases each as in life. */
const KNOWN_SEED_CUSTOMERS = 5_000;
/**
 * Every n-th seeded case has been worked on: an outbound reply, the customer's answer and a note on
 * its timeline. They are appended with the storage's own `appendEvent`, shaped as the service
 * records them: going through `cases.recordMessage`/`addNote` would re-read the whole case after
 * each, which is what the read benchmark measures, not what seeding is for.
 */
const WORKED_EVERY = 2;
const REPLY = 'Thank you for telling us. We are sorry for the trouble and will call you back by tomorrow at 5 pm.';
const ANSWER = 'Thank you. Tomorrow afternoon is fine, please call my mobile.';
const NOTE = 'Called the customer back, apologised for the wait and promised an update by Friday.';

/**
 * Grows the database to `target` cases with the server's own code, in this process: `openSqlite`
 * and `createDeps`, then `cases.openCase` (customer matched or created, ref, key person, event —
 * exactly what `POST /api/v1/cases` does behind its route) as the bench administrator. Faster than
 * HTTP because nothing is parsed or serialised and the commits are synchronous=NORMAL (durability
 * does not matter for seed data). The server must be stopped: this takes the data-directory lock.
 */
export const seedCases = async (options: SeedOptions): Promise<SeedResult> => {
  const wanted = Math.max(0, options.target - options.existing);
  const db = await openSqlite({ dataDir: options.dataDir, synchronous: 'NORMAL' });
  const ids: string[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  try {
    const config = { ...loadConfig({}, { dataDir: options.dataDir }), sqliteSynchronous: 'NORMAL' as const };
    const deps = createDeps(config, db, systemClock);
    const admin = await deps.identity.findUserByEmail(BENCH_ADMIN_EMAIL);
    if (!admin) throw new Error(`the bench administrator ${BENCH_ADMIN_EMAIL} is missing`);
    const ctx: Context = { actor: await deps.identity.actorFor(admin, 'token'), requestId: null };
    const traffic = intakeTraffic({ repeatShare: 0.3, knownCustomers: KNOWN_SEED_CUSTOMERS, seed: 99, tag: 'seed' });
    const started = performance.now();
    const seeded = await loopAsync(
      { count: wanted, inFlight: SEED_IN_FLIGHT, maxMs: SEED_MAX_SECONDS * 1000 },
      async (index) => {
        try {
          const view = await deps.cases.openCase(ctx, traffic.next());
          const id = view.case.id;
          ids.push(id);
          if (ids.length % 20_000 === 0) {
            const rate = ids.length / ((performance.now() - started) / 1000);
            options.progress(`intake: seeded ${ids.length.toLocaleString('en-US')} cases (${Math.round(rate)}/s)`);
          }
          if (index % WORKED_EVERY === 0) {
            const event = { subjectType: 'case', subjectId: id, actorId: admin.id, requestId: null };
            await db.write(async (tx) => {
              const at = new Date();
              await appendEvent(tx, {
                ...event,
                type: 'case.message_recorded',
                payload: { direction: 'outbound', channel: 'email', body: REPLY },
                occurredAt: at,
              });
              await appendEvent(tx, {
                ...event,
                type: 'case.message_recorded',
                payload: { direction: 'inbound', channel: 'email', body: ANSWER },
                occurredAt: at,
              });
              await appendEvent(tx, { ...event, type: 'case.note_added', payload: { body: NOTE }, occurredAt: at });
            });
          }
        } catch (error) {
          failures += 1;
          firstFailure ??= describeError(error);
        }
      },
    );
    return {
      ids,
      seconds: seeded.seconds,
      method:
        `in process with the server's own code (openSqlite + createDeps + cases.openCase; on 1 case in` +
        ` ${WORKED_EVERY} also a reply, an answer and a note by the storage's appendEvent), ${SEED_IN_FLIGHT} in flight,` +
        ' synchronous=NORMAL',
      failures,
      firstFailure,
    };
  } finally {
    await db.close();
  }
};
