import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alertStep } from './clock-alerts.ts';
import { percentUsed } from './clock.ts';
import { settledClock, trackedClock } from './due-items.ts';
import { MON_10, OFFICE, POLICY, at, env, open } from './clock.fixtures.ts';

describe('the sweeper step', () => {
  test('each threshold once, then the breach; a late sweep announces only the latest and never stale warnings', () => {
    const ack = open().get('acknowledge')!;
    assert.equal(alertStep(ack, env, at('2025-03-03T10:29:59Z')).event, null);
    const first = alertStep(ack, env, at('2025-03-03T10:30:00Z'));
    assert.deepEqual(first.event, { type: 'clock.warned', percent: 50 });
    assert.equal(first.warningsSent, 1);
    assert.equal(first.nextAlertAt?.toISOString(), '2025-03-03T10:48:00.000Z');
    const late = alertStep(ack, env, at('2025-03-03T10:50:00Z'));
    assert.deepEqual(late.event, { type: 'clock.warned', percent: 80 });
    assert.equal(late.warningsSent, 2);
    assert.equal(late.nextAlertAt?.toISOString(), '2025-03-03T11:00:00.000Z');
    const breach = alertStep({ ...ack, warningsSent: 1 }, env, at('2025-03-03T12:00:00Z'));
    assert.deepEqual(breach.event, { type: 'clock.breached' });
    assert.equal(breach.breachedAt?.toISOString(), '2025-03-03T11:00:00.000Z');
    assert.equal(breach.nextAlertAt, null);
    assert.equal(alertStep({ ...ack, breachedAt: breach.breachedAt }, env, at('2025-03-03T13:00:00Z')).event, null);
  });
});

describe('due items', () => {
  test('a task with a given due time warns at its share of wall time and is settled once', () => {
    const task = trackedClock(
      {
        caseId: 'case_1',
        kind: 'task',
        subjectId: 'task_1',
        startedAt: MON_10,
        dueAt: at('2025-03-03T20:00:00Z'),
        id: 'clk_t',
        policyId: null,
        calendarId: null,
        warnPercents: [80],
      },
      undefined,
      env,
      MON_10,
    );
    assert.equal(task.key, 'task:task_1');
    assert.equal(task.nextAlertAt?.toISOString(), '2025-03-03T18:00:00.000Z');
    assert.equal(percentUsed(task, env, at('2025-03-03T15:00:00Z')), 50);
    const met = settledClock(task, 'met', at('2025-03-03T12:00:00Z'))!;
    assert.equal(met.state, 'met');
    assert.equal(met.nextAlertAt, null);
    assert.equal(settledClock(met, 'cancelled', at('2025-03-03T13:00:00Z')), undefined);
    assert.throws(() =>
      trackedClock(
        {
          caseId: 'c',
          kind: 'task',
          subjectId: 't',
          startedAt: MON_10,
          id: 'x',
          policyId: null,
          calendarId: null,
          warnPercents: [],
        },
        undefined,
        env,
        MON_10,
      ),
    );
  });

  test('working minutes count in the calendar; re-tracking moves the due time and keeps warnings sent', () => {
    const input = {
      caseId: 'case_1',
      kind: 'commitment' as const,
      subjectId: 'cmt_1',
      startedAt: MON_10,
      targetMinutes: 600,
      id: 'clk_c',
      policyId: POLICY.id,
      calendarId: OFFICE.id,
      warnPercents: [50],
    };
    const first = trackedClock(input, undefined, env, MON_10);
    // 8 h Monday, 2 h Tuesday.
    assert.equal(first.dueAt.toISOString(), '2025-03-04T11:00:00.000Z');
    const moved = trackedClock({ ...input, targetMinutes: 1200 }, { ...first, warningsSent: 1 }, env, MON_10);
    assert.equal(moved.id, 'clk_c');
    assert.equal(moved.warningsSent, 1);
    assert.equal(moved.cycle, 1);
    assert.equal(moved.nextAlertAt?.toISOString(), moved.dueAt.toISOString());
  });
});
