import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StoredPolicy } from '../../modules/policies/index.ts';
import { describeBothBackends } from '../../../test/pg-util.ts';
import { unitOfWork } from '../unit-of-work.ts';
import { calendarsRepository, listEnabledPolicies, loadCalendar, policiesRepository } from './calendars.repository.ts';

const at = new Date('2026-02-01T01:00:00.000Z');
const later = new Date('2026-02-02T01:00:00.000Z');

const policy = (id: string, rank: number, createdAt: Date, overrides: Partial<StoredPolicy> = {}): StoredPolicy => ({
  id,
  name: id,
  rank,
  conditions: { severities: ['high'], customerTiers: ['gold'] },
  calendarId: 'cal_1',
  targets: {
    acknowledge: { unit: 'working_days', amount: 1 },
    firstResponse: null,
    keepInLoop: { unit: 'working_minutes', amount: 960 },
    resolve: null,
  },
  regulatory: { days: 56, label: 'eight weeks' },
  pauseStatuses: ['waiting_on_customer'],
  warnPercents: [50, 80],
  preset: null,
  enabled: true,
  createdAt,
  updatedAt: createdAt,
  ...overrides,
});

describeBothBackends('calendars repository', (backend) => {
  test('calendars and their days: insert, upsert, year filter, delete, load for the maths', async (t) => {
    const db = await backend.open(t);
    const store = unitOfWork(db, (tx) => ({ calendars: calendarsRepository(tx) }));
    const week = [
      ...Array.from({ length: 5 }, () => [
        [540, 720],
        [780, 1080],
      ]),
      [],
      [],
    ] as [number, number][][];
    await store.write(async ({ calendars }) => {
      await calendars.insertCalendar({
        id: 'cal_1',
        name: '上海',
        timeZone: 'Asia/Shanghai',
        week,
        preset: 'CN',
        createdAt: at,
        updatedAt: at,
      });
      await calendars.putDays('cal_1', [
        { day: '2026-02-14', override: { kind: 'working', name: '春节调休上班', hours: null }, source: 'preset' },
        { day: '2026-02-16', override: { kind: 'holiday', name: '春节' }, source: 'preset' },
        { day: '2027-01-01', override: { kind: 'holiday', name: '元旦' }, source: 'preset' },
      ]);
      // Upsert: the same date replaced, with its own hours and source.
      await calendars.putDays('cal_1', [
        { day: '2026-02-14', override: { kind: 'working', name: 'Half day', hours: [[540, 720]] }, source: 'manual' },
      ]);
      await calendars.updateCalendar('cal_1', { name: '上海办公室', updatedAt: later });
    });
    const read = store.read.calendars;
    const found = await read.findCalendar('cal_1');
    assert.equal(found?.name, '上海办公室');
    assert.deepEqual(found?.week, week);
    assert.equal(found?.updatedAt.toISOString(), later.toISOString());
    assert.equal(found?.createdAt.toISOString(), at.toISOString());
    assert.deepEqual(
      (await read.listDays('cal_1', 2026)).map((d) => [d.day, d.override, d.source]),
      [
        ['2026-02-14', { kind: 'working', name: 'Half day', hours: [[540, 720]] }, 'manual'],
        ['2026-02-16', { kind: 'holiday', name: '春节' }, 'preset'],
      ],
    );
    assert.equal((await read.listDays('cal_1')).length, 3);
    assert.equal(await read.findCalendar('cal_2'), undefined);

    const loaded = await loadCalendar(db.read, 'cal_1');
    assert.equal(loaded?.timeZone, 'Asia/Shanghai');
    assert.deepEqual(loaded?.days.get('2026-02-16'), { kind: 'holiday', name: '春节' });
    assert.equal(loaded?.days.size, 3);
    assert.equal(await loadCalendar(db.read, 'cal_missing'), undefined);

    assert.equal(await store.write(({ calendars }) => calendars.deleteDay('cal_1', '2027-01-01')), true);
    assert.equal(await store.write(({ calendars }) => calendars.deleteDay('cal_1', '2027-01-01')), false);
    assert.deepEqual(
      (await read.listCalendars()).map((c) => c.id),
      ['cal_1'],
    );
  });

  test('policies: round trip, rank then creation order, enabled only for the clocks, max rank', async (t) => {
    const db = await backend.open(t);
    const calendars = unitOfWork(db, (tx) => ({ calendars: calendarsRepository(tx) }));
    await calendars.write(({ calendars: c }) =>
      c.insertCalendar({
        id: 'cal_1',
        name: 'x',
        timeZone: 'UTC',
        week: [[], [], [], [], [], [], []],
        preset: null,
        createdAt: at,
        updatedAt: at,
      }),
    );
    const store = unitOfWork(db, (tx) => ({ policies: policiesRepository(tx) }));
    assert.equal(await store.read.policies.maxRank(), null);
    await store.write(async ({ policies }) => {
      await policies.insertPolicy(policy('pol_b', 10, later));
      await policies.insertPolicy(policy('pol_a', 10, at, { calendarId: null, regulatory: null }));
      await policies.insertPolicy(policy('pol_off', 1, at, { enabled: false }));
      await policies.insertPolicy(policy('pol_first', 5, later, { conditions: {} }));
    });
    assert.deepEqual(
      (await store.read.policies.listPolicies()).map((p) => p.id),
      ['pol_off', 'pol_first', 'pol_a', 'pol_b'],
    );
    const enabled = await listEnabledPolicies(db.read);
    assert.deepEqual(
      enabled.map((p) => p.id),
      ['pol_first', 'pol_a', 'pol_b'],
    );
    const b = enabled.find((p) => p.id === 'pol_b');
    const { createdAt: _c, updatedAt: _u, ...expected } = policy('pol_b', 10, later);
    assert.deepEqual(b, expected);
    assert.equal(enabled.find((p) => p.id === 'pol_a')?.regulatory, null);
    assert.equal(await store.read.policies.maxRank(), 10);
    assert.equal(await store.read.policies.calendarExists('cal_1'), true);
    assert.equal(await store.read.policies.calendarExists('cal_2'), false);

    await store.write(async ({ policies }) => {
      const current = await policies.findPolicy('pol_off');
      assert.ok(current);
      await policies.updatePolicy({ ...current, enabled: true, rank: 20, warnPercents: [90], updatedAt: later });
    });
    const updated = await store.read.policies.findPolicy('pol_off');
    assert.equal(updated?.enabled, true);
    assert.deepEqual(updated?.warnPercents, [90]);
    assert.equal(updated?.updatedAt.toISOString(), later.toISOString());
    assert.equal((await listEnabledPolicies(db.read)).at(-1)?.id, 'pol_off');
  });
});
