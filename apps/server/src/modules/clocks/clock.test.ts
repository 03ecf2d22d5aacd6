import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BusinessCalendar } from '../calendars/index.ts';
import type { ServicePolicy } from '../policies/index.ts';
import { reconcileClocks } from './clock-reconcile.ts';
import { alertInstants, percentUsed, type CaseChangeLike, type ClockEnv, type ServiceClock } from './clock.ts';
import { CALENDAR_MATH } from './clocks.service.ts';
import {
  MON_10,
  POLICY,
  at,
  created,
  env,
  inbound,
  newId,
  open,
  outbound,
  run,
  snapshot,
  status,
} from './clock.fixtures.ts';

describe('starting clocks at intake', () => {
  test('one clock per target of the policy, due in working time', () => {
    const { clocks, events, get } = open();
    assert.deepEqual(clocks.map((c) => c.key).sort(), [
      'acknowledge',
      'first_response',
      'keep_in_loop',
      'regulatory',
      'resolve',
    ]);
    assert.equal(get('acknowledge')?.dueAt.toISOString(), '2025-03-03T11:00:00.000Z');
    // 240 working minutes from Monday 10:00: 14:00.
    assert.equal(get('first_response')?.dueAt.toISOString(), '2025-03-03T14:00:00.000Z');
    // 480 minutes: 8 h of a 9 h day — 18:00 Monday is 8 h after 10:00.
    assert.equal(get('keep_in_loop')?.dueAt.toISOString(), '2025-03-03T18:00:00.000Z');
    // End of the 3rd working day after Monday: Thursday 18:00.
    assert.equal(get('resolve')?.dueAt.toISOString(), '2025-03-06T18:00:00.000Z');
    // 56 calendar days, never working time.
    assert.equal(get('regulatory')?.dueAt.toISOString(), '2025-04-28T10:00:00.000Z');
    assert.equal(get('regulatory')?.calendarId, null);
    assert.equal(events.filter((e) => e.type === 'clock.started').length, 5);
  });

  test('an absent target starts no clock, and no policy starts none', () => {
    const policy = { ...POLICY, regulatory: null, targets: { ...POLICY.targets, keepInLoop: null } };
    assert.deepEqual(
      run([], [created], MON_10, { policy })
        .clocks.map((c) => c.key)
        .sort(),
      ['acknowledge', 'first_response', 'resolve'],
    );
    assert.deepEqual(run([], [created], MON_10, { policy: null }).writes, []);
  });

  test('warnings fall at their share of working time; the first alert is the first threshold', () => {
    const ack = open().get('acknowledge')!;
    assert.deepEqual(
      alertInstants(ack, env).map((d) => d.toISOString()),
      ['2025-03-03T10:30:00.000Z', '2025-03-03T10:48:00.000Z', '2025-03-03T11:00:00.000Z'],
    );
    assert.equal(ack.nextAlertAt?.toISOString(), '2025-03-03T10:30:00.000Z');
  });

  test('a case opened on Friday evening counts from Monday morning', () => {
    const friday = at('2025-03-07T17:30:00Z');
    const { get } = run([], [created], friday, { case: { createdAt: friday } });
    // 30 minutes on Friday, 30 on Monday.
    assert.equal(get('acknowledge')?.dueAt.toISOString(), '2025-03-10T09:30:00.000Z');
  });
});

describe('meeting and restarting', () => {
  test('acknowledge is met by the acknowledge transition (or any later status)', () => {
    const { clocks } = open();
    const after = run(clocks, [status('acknowledge', 'new', 'acknowledged')], at('2025-03-03T10:20:00Z'), {
      case: { status: 'acknowledged' },
    });
    assert.equal(after.get('acknowledge')?.state, 'met');
    assert.equal(after.get('acknowledge')?.nextAlertAt, null);
    assert.equal(after.get('resolve')?.state, 'running');
    assert.deepEqual(
      after.events.map((e) => [e.type, e.payload.key]),
      [['clock.met', 'acknowledge']],
    );
    const skipped = run(clocks, [status('start_investigation', 'new', 'investigating')], at('2025-03-03T10:20:00Z'), {
      case: { status: 'investigating' },
    });
    assert.equal(skipped.get('acknowledge')?.state, 'met');
  });

  test('an outbound message meets first response and starts the next keep-in-loop cycle; inbound does nothing', () => {
    const { clocks } = open();
    assert.deepEqual(run(clocks, [inbound], at('2025-03-03T11:00:00Z')).writes, []);
    const noon = at('2025-03-03T12:00:00Z');
    const after = run(clocks, [outbound], noon);
    assert.equal(after.get('first_response')?.state, 'met');
    const loop = after.get('keep_in_loop')!;
    assert.equal(loop.state, 'running');
    assert.equal(loop.cycle, 2);
    assert.equal(loop.startedAt.toISOString(), noon.toISOString());
    // 480 working minutes from Monday 12:00: 6 h Monday, 2 h Tuesday → Tuesday 11:00.
    assert.equal(loop.dueAt.toISOString(), '2025-03-04T11:00:00.000Z');
    assert.deepEqual(
      after.events.map((e) => [e.type, e.payload.key, e.payload.cycle]),
      [
        ['clock.met', 'first_response', 1],
        ['clock.met', 'keep_in_loop', 1],
        ['clock.started', 'keep_in_loop', 2],
      ],
    );
    // A logged call is an update too.
    const call = run(
      after.clocks,
      [{ type: 'case.call_logged', payload: { direction: 'inbound' } }],
      at('2025-03-04T10:00:00Z'),
    );
    assert.equal(call.get('keep_in_loop')?.cycle, 3);
  });

  test('resolving meets resolve and the regulatory clock and stops updates; a reopen starts a new resolve cycle', () => {
    const { clocks } = open();
    const resolvedAt = at('2025-03-04T10:00:00Z');
    const resolved = run(clocks, [status('resolve', 'investigating', 'resolved')], resolvedAt, {
      case: { status: 'resolved' },
    });
    assert.equal(resolved.get('resolve')?.state, 'met');
    assert.equal(resolved.get('regulatory')?.state, 'met');
    assert.equal(resolved.get('keep_in_loop')?.state, 'cancelled');
    const reopenedAt = at('2025-03-05T09:00:00Z');
    const reopened = run(resolved.clocks, [status('reopen', 'resolved', 'investigating')], reopenedAt, {
      case: { status: 'investigating' },
    });
    const resolve = reopened.get('resolve')!;
    assert.equal(resolve.cycle, 2);
    assert.equal(resolve.state, 'running');
    assert.equal(resolve.startedAt.toISOString(), reopenedAt.toISOString());
    assert.equal(reopened.get('keep_in_loop')?.cycle, 2);
    assert.equal(reopened.get('regulatory')?.state, 'met', 'the regulator counts from receipt, once');
  });

  test('a merged duplicate cancels every clock: nothing is recorded as met', () => {
    const { clocks } = open();
    const merged = run(
      clocks,
      [{ type: 'case.merged', payload: { intoCaseId: 'case_2' } }, status('merge', 'new', 'closed')],
      at('2025-03-03T11:00:00Z'),
      {
        case: { status: 'closed' },
      },
    );
    assert.deepEqual(merged.clocks.map((c) => [c.key, c.state]).sort(), [
      ['acknowledge', 'cancelled'],
      ['first_response', 'cancelled'],
      ['keep_in_loop', 'cancelled'],
      ['regulatory', 'cancelled'],
      ['resolve', 'cancelled'],
    ]);
    assert.ok(merged.clocks.every((c) => c.nextAlertAt === null));
    assert.deepEqual(merged.events, []);
  });

  test('closing a resolved case cancels only what still runs', () => {
    const resolved = run(open().clocks, [status('resolve', 'investigating', 'resolved')], at('2025-03-04T10:00:00Z'), {
      case: { status: 'resolved' },
    });
    const closed = run(resolved.clocks, [status('close', 'resolved', 'closed')], at('2025-03-05T10:00:00Z'), {
      case: { status: 'closed' },
    });
    assert.equal(closed.get('resolve')?.state, 'met');
    assert.equal(closed.get('first_response')?.state, 'cancelled');
    assert.deepEqual(closed.events, []);
  });
});

describe('pausing', () => {
  test('pausable clocks stop while waiting on the customer and the wait extends their due time', () => {
    const { clocks } = run(
      run([], [created], MON_10).clocks,
      [status('start_investigation', 'new', 'investigating')],
      MON_10,
      {
        case: { status: 'investigating' },
      },
    );
    const waiting = run(
      clocks,
      [status('wait_on_customer', 'investigating', 'waiting_on_customer')],
      at('2025-03-03T11:00:00Z'),
      {
        case: { status: 'waiting_on_customer' },
      },
    );
    assert.equal(waiting.get('resolve')?.state, 'paused');
    assert.equal(waiting.get('resolve')?.nextAlertAt, null);
    assert.equal(waiting.get('regulatory')?.state, 'running', 'the regulatory clock never pauses');
    // Resumed Tuesday 11:00: paused 7 h Monday + 2 h Tuesday = 540 working minutes.
    const resumed = run(
      waiting.clocks,
      [status('resume', 'waiting_on_customer', 'investigating')],
      at('2025-03-04T11:00:00Z'),
      {
        case: { status: 'investigating' },
      },
    );
    const resolve = resumed.get('resolve')!;
    assert.equal(resolve.state, 'running');
    assert.equal(resolve.pausedMinutes, 540);
    // Thursday 18:00 plus one working day (540 min): Friday 18:00.
    assert.equal(resolve.dueAt.toISOString(), '2025-03-07T18:00:00.000Z');
    assert.equal(
      percentUsed(resolve, env, at('2025-03-04T11:00:00Z')),
      Math.floor((60 * 100) / resolve.targetMinutes!),
    );
  });
});

describe('working-days targets', () => {
  // London office, Mon–Fri 09:00–17:30; three working days to resolve.
  const LONDON: BusinessCalendar = {
    id: 'cal_ldn',
    name: 'London',
    timeZone: 'Europe/London',
    week: [...Array.from({ length: 5 }, () => [[540, 1050] as const]), [], []],
    days: new Map(),
  };
  const ldnEnv: ClockEnv = { math: CALENDAR_MATH, calendars: new Map([[LONDON.id, LONDON]]) };
  const FCA: ServicePolicy = {
    ...POLICY,
    id: 'pol_fca',
    calendarId: LONDON.id,
    targets: { acknowledge: null, firstResponse: null, keepInLoop: null, resolve: { unit: 'working_days', amount: 3 } },
    regulatory: null,
  };
  const ldnRun = (clocks: readonly ServiceClock[], changes: readonly CaseChangeLike[], now: Date, over = {}) => {
    const result = reconcileClocks(
      { case: snapshot({ createdAt: now, ...over }), changes, policy: FCA, reselected: false, clocks, newId },
      ldnEnv,
      now,
    );
    const byKey = new Map(clocks.map((c) => [c.key, c]));
    for (const w of result.writes) byKey.set(w.clock.key, w.clock);
    return [...byKey.values()];
  };

  test('a receipt time with seconds is due at the close of the third working day, never the next morning', () => {
    for (const received of ['2026-03-02T10:00:20Z', '2026-03-02T10:00:40Z', '2026-03-02T20:00:20Z']) {
      const start = at(received);
      const [resolve] = reconcileClocks(
        { case: snapshot({ createdAt: start }), changes: [created], policy: FCA, reselected: true, clocks: [], newId },
        ldnEnv,
        start,
      ).writes.map((w) => w.clock);
      assert.equal(resolve?.dueAt.toISOString(), '2026-03-05T17:30:00.000Z', received);
      assert.deepEqual(resolve?.target, { unit: 'working_days', amount: 3 });
    }
  });

  test('a pause extends a working-days clock by the paused working minutes after the close', () => {
    const start = at('2026-03-02T10:00:20Z');
    const opened = reconcileClocks(
      { case: snapshot({ createdAt: start }), changes: [created], policy: FCA, reselected: true, clocks: [], newId },
      ldnEnv,
      start,
    ).writes.map((w) => w.clock);
    const waiting = ldnRun(
      opened,
      [status('wait_on_customer', 'investigating', 'waiting_on_customer')],
      at('2026-03-03T10:00:00Z'),
      {
        createdAt: start,
        status: 'waiting_on_customer',
      },
    );
    const resumed = ldnRun(
      waiting,
      [status('resume', 'waiting_on_customer', 'investigating')],
      at('2026-03-03T10:45:30Z'),
      {
        createdAt: start,
        status: 'investigating',
      },
    );
    const resolve = resumed.find((c) => c.key === 'resolve')!;
    assert.equal(resolve.pausedMinutes, 46);
    // Thursday 17:30, then 46 working minutes on Friday morning.
    assert.equal(resolve.dueAt.toISOString(), '2026-03-06T09:46:00.000Z');
  });

  test('a reopen converts the target again from the reopen; an unrelated edit does not move it', () => {
    const ONE_DAY: ServicePolicy = {
      ...POLICY,
      targets: {
        acknowledge: null,
        firstResponse: null,
        keepInLoop: null,
        resolve: { unit: 'working_days', amount: 1 },
      },
      regulatory: null,
    };
    const received = at('2025-03-03T09:00:20Z'); // Monday
    let clocks = run([], [created], received, { case: { createdAt: received }, policy: ONE_DAY }).clocks;
    assert.equal(clocks[0]?.dueAt.toISOString(), '2025-03-04T18:00:00.000Z');
    clocks = run(clocks, [status('resolve', 'investigating', 'resolved')], at('2025-03-03T12:00:00Z'), {
      case: { createdAt: received, status: 'resolved' },
      policy: ONE_DAY,
    }).clocks;
    // Reopened Wednesday 17:00: one working day after that day is Thursday, closing 18:00.
    clocks = run(clocks, [status('reopen', 'resolved', 'investigating')], at('2025-03-05T17:00:00Z'), {
      case: { createdAt: received, status: 'investigating' },
      policy: ONE_DAY,
    }).clocks;
    assert.equal(clocks[0]?.cycle, 2);
    assert.equal(clocks[0]?.dueAt.toISOString(), '2025-03-06T18:00:00.000Z');
    const edited = run(
      clocks,
      [{ type: 'case.field_changed', payload: { field: 'categoryId' } }],
      at('2025-03-05T17:05:00Z'),
      { case: { createdAt: received, status: 'investigating' }, policy: ONE_DAY, reselected: true },
    );
    assert.equal(edited.get('resolve')?.dueAt.toISOString(), '2025-03-06T18:00:00.000Z');
  });
});

describe('a new policy', () => {
  test('a relaxed policy clears a breach its later due time no longer stands for, and warns again', () => {
    const { clocks } = open();
    const ack = clocks.find((c) => c.key === 'acknowledge')!;
    // Breached at 11:00 (60 minutes); both warnings were behind it.
    const breached = { ...ack, breachedAt: ack.dueAt, warningsSent: 2, nextAlertAt: null };
    const relaxed: ServicePolicy = {
      ...POLICY,
      id: 'pol_relaxed',
      targets: { ...POLICY.targets, acknowledge: { unit: 'working_minutes', amount: 240 } },
    };
    const after = run(
      clocks.map((c) => (c.key === 'acknowledge' ? breached : c)),
      [{ type: 'case.field_changed', payload: { field: 'severity' } }],
      at('2025-03-03T11:30:00Z'),
      { policy: relaxed, reselected: true },
    );
    const moved = after.get('acknowledge')!;
    assert.equal(moved.dueAt.toISOString(), '2025-03-03T14:00:00.000Z');
    assert.equal(moved.breachedAt, null);
    // 50 % (12:00) is ahead again; 80 % (13:12) after it.
    assert.equal(moved.warningsSent, 0);
    assert.equal(moved.nextAlertAt?.toISOString(), '2025-03-03T12:00:00.000Z');
    // A stricter one keeps the breach.
    const strict = run(
      clocks.map((c) => (c.key === 'acknowledge' ? breached : c)),
      [{ type: 'case.field_changed', payload: { field: 'severity' } }],
      at('2025-03-03T11:30:00Z'),
      { reselected: true },
    );
    assert.equal(strict.get('acknowledge')?.breachedAt?.toISOString(), '2025-03-03T11:00:00.000Z');
  });

  test('a category change that selects a stricter policy recomputes running clocks from their start', () => {
    const { clocks } = open();
    const strict: ServicePolicy = {
      ...POLICY,
      id: 'pol_strict',
      targets: { ...POLICY.targets, acknowledge: { unit: 'working_minutes', amount: 30 }, firstResponse: null },
      regulatory: null,
    };
    const after = run(
      clocks,
      [{ type: 'case.field_changed', payload: { field: 'categoryId' } }],
      at('2025-03-03T10:10:00Z'),
      {
        policy: strict,
        reselected: true,
      },
    );
    assert.equal(after.get('acknowledge')?.dueAt.toISOString(), '2025-03-03T10:30:00.000Z');
    assert.equal(after.get('acknowledge')?.policyId, 'pol_strict');
    assert.equal(after.get('first_response')?.state, 'cancelled');
    assert.equal(after.get('regulatory')?.state, 'cancelled');
  });
});
