import { createLiveHub, type LiveHub, type LiveHubDeps } from '../../src/modules/live/index.ts';
import { appendEvents } from '../../src/storage/events.ts';
import { liveRepository } from '../../src/storage/repositories/live.repository.ts';
import type { TestApp } from '../factories.ts';

/** A live hub of its own on the test app's database, with quick polls for tests. */
export const liveHubFor = (t: TestApp, options: Omit<LiveHubDeps, 'store'> = {}): LiveHub =>
  createLiveHub({ store: { read: liveRepository(t.deps.db.read) }, ...options });

/** The newest position in the test app's event log. */
export const logHead = (t: TestApp): Promise<number> => liveRepository(t.deps.db.read).headSeq();

/** Appends `count` events on `subjectType`/`subjectId` in one transaction; returns their positions. */
export const appendChanges = async (
  t: TestApp,
  subjectId: string,
  count = 1,
  subjectType = 'case',
): Promise<number[]> => {
  const stored = await t.deps.db.write((tx) =>
    appendEvents(
      tx,
      Array.from({ length: count }, () => ({
        type: `${subjectType}.updated`,
        subjectType,
        subjectId,
        actorId: null,
        requestId: null,
        payload: {},
        occurredAt: t.clock.now(),
      })),
    ),
  );
  return stored.map((event) => event.seq);
};
