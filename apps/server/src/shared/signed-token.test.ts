import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signLink, verifyLink } from './signed-token.ts';

const KEY = 'k'.repeat(43);
const now = new Date('2026-05-01T00:00:00Z');
const claims = { purpose: 'case' as const, caseId: 'case_01', expiresAt: now.getTime() / 1000 + 60 };

test('a signed link verifies for its purpose until it expires', () => {
  const token = signLink(KEY, claims);
  assert.deepEqual(verifyLink(KEY, token, 'case', now), claims);
  assert.equal(verifyLink(KEY, token, 'survey', now), null, 'another purpose');
  assert.equal(verifyLink(KEY, token, 'case', new Date(now.getTime() + 60_000)), null, 'expired');
  assert.equal(verifyLink('other-key', token, 'case', now), null, 'another key');
});

test('a survey link carries its survey', () => {
  const token = signLink(KEY, { ...claims, purpose: 'survey', surveyId: 'srv_1' });
  assert.equal(verifyLink(KEY, token, 'survey', now)?.surveyId, 'srv_1');
});

test('tampered or malformed tokens are refused without throwing', () => {
  const token = signLink(KEY, claims);
  const [body, mac] = token.split('.') as [string, string];
  const forged = Buffer.from(JSON.stringify({ p: 'case', c: 'case_02', e: claims.expiresAt })).toString('base64url');
  for (const bad of [
    `${forged}.${mac}`,
    `${body}.`,
    `.${mac}`,
    body,
    '',
    'a.b.c',
    `${body}.${mac}x`,
    'x'.repeat(2000),
  ]) {
    assert.equal(verifyLink(KEY, bad, 'case', now), null, bad.slice(0, 40));
  }
});
