import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CaseVisibility } from '../cases/index.ts';
import {
  advanceTail,
  caseReadableBy,
  changeMessage,
  parseLastEventId,
  positionMessage,
  resetMessage,
  type CaseReach,
  type LiveEvent,
} from './live.ts';

const reach: CaseReach = { siteId: 'site_a', ownerId: 'usr_owner', taskTeamIds: ['team_wh'], taskUserIds: ['usr_x'] };
const scoped = (over: Partial<CaseVisibility>): CaseVisibility => ({
  all: false,
  siteIds: [],
  teamIds: [],
  userId: null,
  ...over,
});

test('a case is readable as GET /cases reads it: all sites, my site, my own, or a task for me or my team', () => {
  assert.equal(caseReadableBy(scoped({ all: true }), reach), true);
  assert.equal(caseReadableBy(scoped({ siteIds: ['site_a'] }), reach), true);
  assert.equal(caseReadableBy(scoped({ siteIds: ['site_b'], userId: 'usr_other' }), reach), false);
  assert.equal(caseReadableBy(scoped({ siteIds: ['site_b'], userId: 'usr_owner' }), reach), true);
  assert.equal(caseReadableBy(scoped({ userId: 'usr_x' }), reach), true);
  assert.equal(caseReadableBy(scoped({ teamIds: ['team_wh'] }), reach), true);
  assert.equal(caseReadableBy(scoped({ teamIds: ['team_billing'] }), reach), false);
  // A case without a site is seen only by all sites (or its owner, or a task).
  assert.equal(caseReadableBy(scoped({ siteIds: ['site_a'] }), { ...reach, siteId: null }), false);
  // A case not found is read by nobody, not even all sites.
  assert.equal(caseReadableBy(scoped({ all: true }), undefined), false);
});

const event = (seq: number, caseId: string | null = 'case_1'): LiveEvent => ({
  seq,
  type: 'case.updated',
  caseId,
  occurredAt: new Date('2026-03-02T09:00:00.000Z'),
});

test('messages are server-sent events: a change names its position; a position alone dispatches nothing', () => {
  assert.equal(
    changeMessage(event(42)),
    'id: 42\nevent: change\ndata: {"seq":42,"type":"case.updated","caseId":"case_1","occurredAt":"2026-03-02T09:00:00.000Z"}\n\n',
  );
  assert.equal(resetMessage(7), 'id: 7\nevent: reset\ndata: {}\n\n');
  assert.equal(positionMessage(7), 'id: 7\n\n');
  assert.equal(positionMessage(7, 'keep-alive'), ': keep-alive\nid: 7\n\n');
});

test('Last-Event-ID: absent, a position, or something else', () => {
  assert.equal(parseLastEventId(undefined), undefined);
  assert.equal(parseLastEventId('15'), 15);
  assert.equal(parseLastEventId(' 15 '), 15);
  assert.equal(parseLastEventId(''), null);
  assert.equal(parseLastEventId('-1'), null);
  assert.equal(parseLastEventId('abc'), null);
  assert.equal(parseLastEventId('1'.repeat(16)), null);
});

test('the tail skips over positions not yet committed, delivers them late, and forgets them after the wait', () => {
  const start = { cursor: 10, gaps: new Map<number, number>() };
  const first = advanceTail(start, [event(11), event(14)], 1_000, 5_000);
  assert.equal(first.state.cursor, 14);
  assert.deepEqual([...first.state.gaps.keys()], [12, 13]);
  assert.equal(first.late.size, 0);

  // 13 commits later; 12 never does (a rolled-back transaction).
  const second = advanceTail(first.state, [event(13), event(15)], 2_000, 5_000);
  assert.equal(second.state.cursor, 15);
  assert.deepEqual([...second.late], [13]);
  assert.deepEqual([...second.state.gaps.keys()], [12]);
  const third = advanceTail(second.state, [], 6_001, 5_000);
  assert.deepEqual([...third.state.gaps.keys()], []);

  // An event below the cursor that was not missing is not delivered twice.
  assert.equal(advanceTail(third.state, [event(14)], 7_000, 5_000).late.size, 0);
  // No more than `maxGaps` are kept, however far the log jumps.
  assert.equal(advanceTail(start, [event(10_000)], 0, 5_000, 100).state.gaps.size, 100);
});
