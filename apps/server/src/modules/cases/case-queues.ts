import type { QueueKey } from '@redress/contract';
import type { Actor } from '../../shared/unit-of-work.ts';
import type { CaseQueueFilter } from './case.repository.ts';

/** How far ahead `due_soon` looks when the caller does not say, in hours. */
export const DUE_SOON_HOURS = 24;

const HOUR_MS = 3_600_000;

/**
 * The queue `key` for `actor` at `now`: `mine` is the actor's own cases (none for the system),
 * `due_soon` reaches `hours` ahead of `now` (UTC instants; the window is wall time, not working time).
 */
export const queueFilterFor = (actor: Actor, key: QueueKey, now: Date, hours = DUE_SOON_HOURS): CaseQueueFilter => ({
  key,
  userId: actor.kind === 'user' ? actor.userId : null,
  dueBefore: new Date(now.getTime() + hours * HOUR_MS),
});
