import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Type } from 'typebox';
import { checkPayload, createJobRegistry, defineJob } from './registry.ts';

const noop = async (): Promise<void> => {};

const sendEmail = defineJob({
  name: 'email.send',
  schema: Type.Object({ to: Type.String(), template: Type.String() }),
  handler: noop,
});
const welcome = defineJob({
  name: 'user.welcome',
  schema: Type.Object({}),
  handler: noop,
  subscribesTo: ['user.created'],
});
const audit = defineJob({
  name: 'audit.copy',
  schema: Type.Object({}),
  handler: noop,
  subscribesTo: ['user.created', 'api_token.revoked'],
});

describe('createJobRegistry', () => {
  test('finds jobs by name and lists the claimable names', () => {
    const registry = createJobRegistry([sendEmail, welcome, audit]);
    assert.equal(registry.get('email.send'), sendEmail);
    assert.equal(registry.get('nope'), undefined);
    assert.deepEqual(registry.names, ['email.send', 'user.welcome', 'audit.copy']);
  });

  test('maps each event type to its subscribers in registration order', () => {
    const registry = createJobRegistry([sendEmail, welcome, audit]);
    assert.deepEqual(
      registry.subscribersOf('user.created').map((job) => job.name),
      ['user.welcome', 'audit.copy'],
    );
    assert.deepEqual(
      registry.subscribersOf('api_token.revoked').map((job) => job.name),
      ['audit.copy'],
    );
    assert.deepEqual(registry.subscribersOf('user.signed_in'), []);
  });

  test('refuses a name registered twice', () => {
    assert.throws(() => createJobRegistry([sendEmail, { ...sendEmail }]), /registered twice/);
  });
});

describe('checkPayload', () => {
  test('passes a payload that matches the schema', () => {
    const result = checkPayload(sendEmail, { to: 'usr_1', template: 'welcome' });
    assert.deepEqual(result, { ok: true, payload: { to: 'usr_1', template: 'welcome' } });
  });

  test('says what is wrong with one that does not', () => {
    const result = checkPayload(sendEmail, { to: 42 });
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.reason, /^invalid payload for email\.send: /);
    assert.match(result.ok ? '' : result.reason, /\/to must be string/);
  });
});
