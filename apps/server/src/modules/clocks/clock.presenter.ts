import type { ClockDto } from '@redress/contract';
import type { ClockView } from './clocks.service.ts';

export const presentClock = ({ clock, percentUsed }: ClockView): ClockDto => ({
  id: clock.id,
  key: clock.key,
  kind: clock.kind,
  subjectId: clock.subjectId,
  cycle: clock.cycle,
  state: clock.state,
  startedAt: clock.startedAt.toISOString(),
  dueAt: clock.dueAt.toISOString(),
  breached: clock.breachedAt !== null,
  breachedAt: clock.breachedAt?.toISOString() ?? null,
  warningsSent: clock.warningsSent,
  warnPercents: [...clock.warnPercents],
  pausedAt: clock.pausedAt?.toISOString() ?? null,
  settledAt: clock.settledAt?.toISOString() ?? null,
  percentUsed,
});
