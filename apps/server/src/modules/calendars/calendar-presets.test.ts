import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { AppError, ErrorCode } from '../../shared/errors.ts';
import { dueFor, workingMinutesBetween } from './business-time.ts';
import type { BusinessCalendar } from './calendar.ts';
import { buildPresetCalendar, CalendarPresetCodes } from './calendar-presets.ts';

const asCalendar = (preset: ReturnType<typeof buildPresetCalendar>): BusinessCalendar => ({
  id: `cal_${preset.preset}`,
  name: preset.name,
  timeZone: preset.timeZone,
  week: preset.week,
  days: preset.days,
});

describe('calendar presets', () => {
  test('CN 2026 follows the State Council schedule: the whole Spring Festival break and its make-up Saturdays', () => {
    const cn = buildPresetCalendar('CN', [2026]);
    assert.equal(cn.timeZone, 'Asia/Shanghai');
    for (const day of ['2026-02-15', '2026-02-19', '2026-02-23', '2026-10-07']) {
      assert.equal(cn.days.get(day)?.kind, 'holiday', day);
    }
    assert.deepEqual(cn.days.get('2026-02-14'), { kind: 'working', name: '春节调休上班', hours: null });
    assert.equal(cn.days.get('2026-02-28')?.kind, 'working');
    assert.equal(cn.days.get('2026-09-20')?.kind, 'working');
    // Group holidays (Women's Day afternoon, Children's Day) do not close an office.
    assert.equal(cn.days.get('2026-03-08'), undefined);
    assert.equal(cn.days.get('2026-06-01'), undefined);
    assert.deepEqual(cn.notes, []);
    // A 12315 referral received on the eve of the festival: 7 working days, both make-up Saturdays
    // count: 14, 24, 25, 26, 27, 28 February and Monday 2 March, closing at 18:00 Beijing time.
    const due = dueFor(new Date('2026-02-13T09:00:00Z'), { unit: 'working_days', amount: 7 }, asCalendar(cn));
    assert.equal(due.toISOString(), '2026-03-02T10:00:00.000Z');
  });

  test('CN for a year without the official table falls back to date-holidays and says so', () => {
    const cn = buildPresetCalendar('CN', [2027]);
    assert.equal(cn.notes.length, 1);
    assert.match(cn.notes[0] ?? '', /^2027:/);
    assert.equal(
      [...cn.days.values()].some((d) => d.kind === 'working'),
      false,
    );
    assert.equal(cn.days.get('2027-10-01')?.kind, 'holiday');
  });

  test('TW 2026: the published office calendar, in traditional Chinese, with observed days', () => {
    const tw = buildPresetCalendar('TW', [2026]);
    assert.equal(tw.days.get('2026-02-27')?.kind, 'holiday');
    assert.equal(tw.days.get('2026-02-20')?.kind, 'holiday');
    assert.deepEqual(tw.days.get('2026-09-28'), { kind: 'holiday', name: '孔子誕辰紀念日' });
    assert.equal(tw.days.get('2026-10-26')?.kind, 'holiday');
    const tw25 = buildPresetCalendar('TW', [2025]);
    assert.equal(tw25.days.get('2025-02-08')?.kind, 'working');
    assert.equal(tw25.days.get('2025-01-27')?.kind, 'holiday');
    assert.equal(tw25.days.get('2025-01-29')?.kind, 'holiday');
  });

  test('TH, HK, GB and US carry their public holidays in their language', () => {
    const th = buildPresetCalendar('TH', [2026]);
    assert.deepEqual(
      ['2026-04-13', '2026-04-14', '2026-04-15'].map((d) => th.days.get(d)?.name),
      ['วันสงกรานต์', 'วันสงกรานต์', 'วันสงกรานต์'],
    );
    assert.equal(buildPresetCalendar('HK', [2026]).days.get('2026-02-17')?.name, '農曆年初一');
    const gb = buildPresetCalendar('GB', [2026]);
    assert.equal(gb.days.get('2026-08-31')?.name, 'Summer bank holiday');
    assert.equal(gb.timeZone, 'Europe/London');
    assert.deepEqual(gb.week[0], [[540, 1050]]);
    assert.equal(buildPresetCalendar('US', [2026]).days.get('2026-11-26')?.name, 'Thanksgiving Day');
  });

  test('several years at once, each preset yields a valid calendar with working time', () => {
    for (const code of CalendarPresetCodes) {
      const preset = buildPresetCalendar(code, [2026, 2025]);
      assert.ok(
        [...preset.days.keys()].some((d) => d.startsWith('2025-')),
        code,
      );
      assert.ok(
        [...preset.days.keys()].some((d) => d.startsWith('2026-')),
        code,
      );
      const keys = [...preset.days.keys()];
      assert.deepEqual(keys, [...keys].sort(), `${code} days are sorted`);
      const minutes = workingMinutesBetween(
        new Date('2026-01-05T00:00:00Z'),
        new Date('2026-01-10T00:00:00Z'),
        asCalendar(preset),
      );
      assert.ok(minutes > 0, code);
    }
  });

  test('bad years are a coded validation error', () => {
    for (const years of [[], [1999], [2026, 2026], Array.from({ length: 11 }, (_, i) => 2020 + i), [2026.5]]) {
      assert.throws(
        () => buildPresetCalendar('GB', years),
        (e: unknown) => e instanceof AppError && e.code === ErrorCode.ValidationFailed,
        JSON.stringify(years),
      );
    }
  });
});
