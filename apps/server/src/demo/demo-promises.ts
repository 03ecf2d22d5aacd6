import type { CalendarPresetCode, PolicyPresetCode } from '@redress/contract';
import type { Deps } from '../deps.ts';
import { systemContext } from '../shared/unit-of-work.ts';

/**
 * Each demo site works on its country's calendar under the policy its regulator expects: Taipei
 * and Bangkok under ISO 10002, Shanghai under the CN consumer rules (12315), London under the FCA's
 * DISP. A catch-all ISO 10002 policy on the Taiwan calendar covers complaints without a site.
 */
const SITE_POLICIES: readonly { site: string; calendar: CalendarPresetCode; policy: PolicyPresetCode }[] = [
  { site: 'TPE-01', calendar: 'TW', policy: 'iso10002' },
  { site: 'SHA-01', calendar: 'CN', policy: 'cn_consumer' },
  { site: 'BKK-01', calendar: 'TH', policy: 'iso10002' },
  { site: 'LON-01', calendar: 'GB', policy: 'fca_disp' },
];

/**
 * Installs the default escalation ladder and triggers, a calendar per demo country (this year and
 * next) and a service policy per site, before the demo complaints arrive so they get their clocks.
 * Idempotent: whatever already exists (found by preset) is kept.
 */
export const loadDemoPromises = async (deps: Deps, sites: ReadonlyMap<string, string>): Promise<void> => {
  const ctx = systemContext('demo');
  await deps.escalation.ensureDefaultLadder(ctx);
  const year = deps.clock.now().getUTCFullYear();
  const calendars = await deps.calendars.listCalendars(ctx);
  const calendarFor = new Map<CalendarPresetCode, string>();
  for (const { calendar } of SITE_POLICIES) {
    if (calendarFor.has(calendar)) continue;
    const found = calendars.find((c) => c.preset === calendar);
    calendarFor.set(
      calendar,
      found?.id ??
        (await deps.calendars.createCalendar(ctx, { preset: calendar, years: [year, year + 1] })).calendar.id,
    );
  }
  if ((await deps.policies.listPolicies(ctx)).length > 0) return;
  let rank = 10;
  for (const { site, calendar, policy } of SITE_POLICIES) {
    const siteId = sites.get(site);
    if (!siteId) continue;
    const created = await deps.policies.createFromPreset(ctx, {
      preset: policy,
      calendarId: calendarFor.get(calendar) ?? null,
      rank,
    });
    await deps.policies.updatePolicy(ctx, created.id, { conditions: { siteIds: [siteId] } });
    rank += 10;
  }
  await deps.policies.createFromPreset(ctx, {
    preset: 'iso10002',
    calendarId: calendarFor.get('TW') ?? null,
    rank: 1000,
    name: 'ISO 10002 (every other complaint)',
  });
};
