import { LIVE_EVENT_CHANGE, LIVE_EVENT_RESET, type LiveChangeDto } from '@redress/contract';
import type { CaseVisibility } from '../cases/index.ts';

/** One entry of the event log as the live stream needs it: where it is, what it was, which case. */
export interface LiveEvent {
  readonly seq: number;
  readonly type: string;
  /** The case it happened on; null for events about anything else (users, settings …). */
  readonly caseId: string | null;
  readonly occurredAt: Date;
}

/** What decides who may read a case: its site, its owner, and who its internal tasks are for. */
export interface CaseReach {
  readonly siteId: string | null;
  readonly ownerId: string;
  readonly taskTeamIds: readonly string[];
  readonly taskUserIds: readonly string[];
}

/**
 * Whether `visibility` reaches the case: the rule of `GET /cases` (`caseVisibleTo` in
 * storage/repositories/scope-sql.ts), applied in memory to a batch's cases so one read serves every
 * connected client. Every case when `all`; otherwise a case at one of the sites, one the user owns,
 * or one with a task for the user or one of their teams. A case not found is not readable.
 */
export const caseReadableBy = (visibility: CaseVisibility, reach: CaseReach | undefined): boolean => {
  if (!reach) return false;
  if (visibility.all) return true;
  if (reach.siteId !== null && visibility.siteIds.includes(reach.siteId)) return true;
  if (visibility.userId !== null) {
    if (reach.ownerId === visibility.userId || reach.taskUserIds.includes(visibility.userId)) return true;
  }
  return reach.taskTeamIds.some((teamId) => visibility.teamIds.includes(teamId));
};

export const presentLiveChange = (event: LiveEvent): LiveChangeDto => ({
  seq: event.seq,
  type: event.type,
  caseId: event.caseId,
  occurredAt: event.occurredAt.toISOString(),
});

/** A `change` message: `id` is the log position, so a reconnecting browser sends it back. */
export const changeMessage = (event: LiveEvent): string =>
  `id: ${event.seq}\nevent: ${LIVE_EVENT_CHANGE}\ndata: ${JSON.stringify(presentLiveChange(event))}\n\n`;

/** `reset`: too much was missed (or the position is unknown); read everything again from `seq` on. */
export const resetMessage = (seq: number): string => `id: ${seq}\nevent: ${LIVE_EVENT_RESET}\ndata: {}\n\n`;

/**
 * Moves the browser's last event id to `seq` without dispatching anything (a message with no data),
 * so a reconnect asks only for what came after — even when nothing the caller may read happened.
 * `comment` rides along as a comment line (the heartbeat that keeps proxies from closing the stream).
 */
export const positionMessage = (seq: number, comment?: string): string =>
  `${comment === undefined ? '' : `: ${comment}\n`}id: ${seq}\n\n`;

/**
 * Where a reconnecting client stands: the `Last-Event-ID` it sent as a log position, `undefined`
 * when it sent none (a new connection), or `null` when it sent something that is not a position.
 */
export const parseLastEventId = (value: string | undefined): number | null | undefined => {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  if (!/^[0-9]{1,15}$/.test(trimmed)) return null;
  return Number(trimmed);
};

/** Where the poller stands in the log, and the positions below it it has not seen yet. */
export interface TailState {
  readonly cursor: number;
  /** Position → when it was first seen missing (ms on the poller's clock). */
  readonly gaps: ReadonlyMap<number, number>;
}

/**
 * Moves the tail over `events` (oldest first). PostgreSQL hands a `seq` out at insert but shows
 * the row at commit, so seq 12 can be read before a slower transaction's 11: a position skipped
 * over is kept as a gap and asked for again on each poll, and the event that fills it comes back
 * in `late` (delivered although it is below the cursor). A rolled-back transaction leaves a gap
 * that never fills: it is forgotten after `gapWaitMs`. At most `maxGaps` are kept.
 */
export const advanceTail = (
  state: TailState,
  events: readonly LiveEvent[],
  nowMs: number,
  gapWaitMs: number,
  maxGaps = 1000,
): { state: TailState; late: ReadonlySet<number> } => {
  const gaps = new Map(state.gaps);
  const late = new Set<number>();
  let cursor = state.cursor;
  for (const event of events) {
    if (event.seq <= cursor) {
      if (gaps.delete(event.seq)) late.add(event.seq);
      continue;
    }
    for (let seq = cursor + 1; seq < event.seq && gaps.size < maxGaps; seq += 1) gaps.set(seq, nowMs);
    cursor = event.seq;
  }
  for (const [seq, since] of gaps) if (nowMs - since > gapWaitMs) gaps.delete(seq);
  return { state: { cursor, gaps }, late };
};
