import type { BusinessCalendar } from '../calendars/index.ts';
import type { ServicePolicy } from '../policies/index.ts';
import { reconcileClocks } from './clock-reconcile.ts';
import { type CaseChangeLike, type ClockCaseSnapshot, type ClockEnv, type ServiceClock } from './clock.ts';
import { CALENDAR_MATH } from './clocks.service.ts';

/** The office, policy, case snapshot and reconciling run shared by the clock tests. */
export const OFFICE: BusinessCalendar = {
  id: 'cal_office',
  name: 'Office',
  timeZone: 'UTC',
  // Mon–Fri 09:00–18:00 UTC.
  week: [...Array.from({ length: 5 }, () => [[540, 1080] as const]), [], []],
  days: new Map(),
};
export const env: ClockEnv = { math: CALENDAR_MATH, calendars: new Map([[OFFICE.id, OFFICE]]) };

export const POLICY: ServicePolicy = {
  id: 'pol_std',
  name: 'Standard',
  rank: 1,
  conditions: {},
  calendarId: OFFICE.id,
  targets: {
    acknowledge: { unit: 'working_minutes', amount: 60 },
    firstResponse: { unit: 'working_minutes', amount: 240 },
    keepInLoop: { unit: 'working_minutes', amount: 480 },
    resolve: { unit: 'working_days', amount: 3 },
  },
  regulatory: { days: 56, label: 'FCA final response' },
  pauseStatuses: ['waiting_on_customer'],
  warnPercents: [50, 80],
  preset: null,
  enabled: true,
};

// Monday 2025-03-03 10:00 UTC.
export const MON_10 = new Date('2025-03-03T10:00:00Z');
export const at = (iso: string) => new Date(iso);

export const snapshot = (over: Partial<ClockCaseSnapshot> = {}): ClockCaseSnapshot => ({
  id: 'case_1',
  status: 'new',
  categoryId: null,
  severity: 'medium',
  channel: 'web',
  siteId: null,
  customerTier: null,
  createdAt: MON_10,
  policyId: POLICY.id,
  ...over,
});

let ids = 0;
export const newId = () => `clk_${++ids}`;

export const run = (
  clocks: readonly ServiceClock[],
  changes: readonly CaseChangeLike[],
  now: Date,
  over: { case?: Partial<ClockCaseSnapshot>; policy?: ServicePolicy | null; reselected?: boolean } = {},
) => {
  const result = reconcileClocks(
    {
      case: snapshot(over.case),
      changes,
      policy: over.policy === undefined ? POLICY : over.policy,
      reselected: over.reselected ?? changes.some((c) => c.type === 'case.created'),
      clocks,
      newId,
    },
    env,
    now,
  );
  const byKey = new Map(clocks.map((c) => [c.key, c]));
  for (const w of result.writes) byKey.set(w.clock.key, w.clock);
  return { ...result, clocks: [...byKey.values()], get: (key: string) => byKey.get(key) };
};

export const status = (action: string, from: string, to: string): CaseChangeLike => ({
  type: 'case.status_changed',
  payload: { action, from, to },
});
export const created: CaseChangeLike = { type: 'case.created', payload: {} };
export const outbound: CaseChangeLike = { type: 'case.message_recorded', payload: { direction: 'outbound' } };
export const inbound: CaseChangeLike = { type: 'case.message_recorded', payload: { direction: 'inbound' } };

export const open = () => run([], [created], MON_10);
