import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Permissions, Roles } from '@redress/contract';
import { can, permissionsFor, scopeCoversSite, scopeFor } from './access.policy.ts';

const user = (role: string) =>
  ({
    kind: 'user',
    userId: 'usr_1',
    role,
    via: 'session',
    scope: { allSites: false, siteIds: [], teamIds: [] },
  }) as const;

test('an administrator holds every permission in the catalogue', () => {
  for (const permission of Permissions) assert.equal(can(user('admin'), permission), true, permission);
});

test('an unknown role is denied everything', () => {
  assert.deepEqual(permissionsFor('superuser'), []);
  assert.deepEqual(permissionsFor('__proto__'), []);
  assert.equal(can(user('superuser'), 'session:self'), false);
});

test('only administrators manage users', () => {
  const managers = Roles.filter((role) => can(user(role), 'user:manage'));
  assert.deepEqual(managers, ['admin']);
});

test('every role can see its own session', () => {
  for (const role of Roles) assert.equal(can(user(role), 'session:self'), true, role);
});

test("brand roles see every site; others their home site and their teams' sites", () => {
  const teams = [
    { id: 'team_b', siteId: 'site_2' },
    { id: 'team_a', siteId: null },
  ];
  const agent = scopeFor('agent', 'site_1', teams);
  assert.deepEqual(agent, { allSites: false, siteIds: ['site_1', 'site_2'], teamIds: ['team_a', 'team_b'] });
  assert.equal(scopeCoversSite(agent, 'site_2'), true);
  assert.equal(scopeCoversSite(agent, 'site_3'), false);
  assert.equal(scopeCoversSite(agent, null), false);
  assert.equal(scopeFor('quality_analyst', null, []).allSites, true);
  assert.equal(scopeCoversSite(scopeFor('admin', null, []), 'site_9'), true);
});

test("a department member cannot read customers' contact details", () => {
  assert.equal(can(user('department_member'), 'customer:read'), false);
  assert.equal(can(user('department_member'), 'task:answer'), true);
});
