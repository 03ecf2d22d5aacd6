import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Permissions, Roles } from '@redress/contract';
import { can, permissionsFor } from './access.policy.ts';

const user = (role: string) => ({ kind: 'user', userId: 'usr_1', role, via: 'session' }) as const;

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
