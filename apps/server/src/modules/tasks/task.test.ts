import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import { visibilityFor } from '../cases/index.ts';
import { answerTask, isAssignedTo, newTask, reassignTask } from './task.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const DUE = new Date('2026-03-02T12:00:00.000Z');

const open = () =>
  newTask(
    {
      id: 'task_1',
      caseId: 'case_1',
      to: { teamId: 'team_wh' },
      question: ' 冷鏈紀錄？ ',
      dueAt: DUE,
      createdBy: 'usr_a',
    },
    NOW,
  ).task;

const fails = (fn: () => unknown, code: string, field?: string) =>
  assert.throws(
    fn,
    (e: unknown) => e instanceof AppError && e.code === code && (!field || e.details[0]?.field === field),
  );

test('a task goes to a team or a person, asks something, and is due in the future', () => {
  const created = newTask(
    { id: 'task_1', caseId: 'case_1', to: { userId: 'usr_m' }, question: '貨在哪？', dueAt: DUE, createdBy: 'usr_a' },
    NOW,
  );
  assert.equal(created.task.status, 'open');
  assert.deepEqual(created.events[0]?.payload, {
    taskId: 'task_1',
    teamId: null,
    userId: 'usr_m',
    question: '貨在哪？',
    dueAt: DUE.toISOString(),
  });
  const base = { id: 't', caseId: 'c', question: 'q', dueAt: DUE, createdBy: null };
  fails(() => newTask({ ...base, to: {} }, NOW), 'validation_failed', '/body/teamId');
  fails(() => newTask({ ...base, to: { teamId: 'x' }, question: '  ' }, NOW), 'validation_failed', '/body/question');
  fails(() => newTask({ ...base, to: { teamId: 'x' }, dueAt: NOW }, NOW), 'validation_failed', '/body/dueAt');
  fails(
    () => newTask({ ...base, to: { teamId: 'x' }, dueAt: new Date('nope') }, NOW),
    'validation_failed',
    '/body/dueAt',
  );
});

test('an answer closes the task once; a blank answer is refused', () => {
  const task = open();
  assert.equal(task.question, '冷鏈紀錄？');
  fails(() => answerTask(task, ' ', 'usr_m', NOW), 'validation_failed', '/body/answer');
  const answered = answerTask(task, 'ส่งแล้ว', 'usr_m', NOW);
  assert.equal(answered.task.status, 'answered');
  assert.equal(answered.task.answeredBy, 'usr_m');
  fails(() => answerTask(answered.task, 'again', 'usr_m', NOW), 'conflict');
  fails(() => reassignTask(answered.task, { teamId: 'team_b' }, 'why'), 'conflict');
});

test('passing a task on needs a reason and a new place; it cannot be refused', () => {
  const task = open();
  fails(() => reassignTask(task, { teamId: 'team_b' }, '  '), 'validation_failed', '/body/reason');
  fails(() => reassignTask(task, {}, 'not ours'), 'validation_failed', '/body/teamId');
  fails(() => reassignTask(task, { teamId: 'team_wh' }, 'same'), 'rule_violated');
  const moved = reassignTask(task, { teamId: 'team_billing' }, ' 退款归财务 ');
  assert.equal(moved.task.assigneeTeamId, 'team_billing');
  assert.deepEqual(moved.events[0]?.payload, {
    taskId: 'task_1',
    from: { teamId: 'team_wh', userId: null },
    to: { teamId: 'team_billing', userId: null },
    reason: '退款归财务',
  });
  assert.equal(isAssignedTo(task, 'usr_x', ['team_wh']), true);
  assert.equal(isAssignedTo(task, 'usr_x', ['team_other']), false);
});

test('department members see cases through tasks only; brand roles see everything', () => {
  const scope = { allSites: false, siteIds: ['site_a'], teamIds: ['team_wh'] };
  const member = visibilityFor({ kind: 'user', userId: 'usr_m', role: 'department_member', via: 'token', scope });
  assert.deepEqual(member, { all: false, siteIds: [], teamIds: ['team_wh'], userId: 'usr_m' });
  const agent = visibilityFor({ kind: 'user', userId: 'usr_a', role: 'agent', via: 'token', scope });
  assert.deepEqual(agent.siteIds, ['site_a']);
  const analyst = visibilityFor({
    kind: 'user',
    userId: 'usr_q',
    role: 'quality_analyst',
    via: 'token',
    scope: { ...scope, allSites: true },
  });
  assert.equal(analyst.all, true);
  assert.equal(visibilityFor({ kind: 'system', name: 'job' }).all, true);
});
