import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isId, newId } from './ids.ts';

test('ids carry their prefix and sort by creation time', () => {
  const early = newId('case', new Date('2026-01-01T00:00:00.000Z'));
  const late = newId('case', new Date('2026-01-01T00:00:00.001Z'));
  assert.match(early, /^case_[0-9A-HJKMNP-TV-Z]{26}$/);
  assert.ok(early < late);
  assert.equal(isId('case', early), true);
  assert.equal(isId('cus', early), false);
  assert.equal(isId('case', 'case_<script>'), false);
});

test('ids made in the same millisecond differ', () => {
  const at = new Date();
  const ids = new Set(Array.from({ length: 1000 }, () => newId('evt', at)));
  assert.equal(ids.size, 1000);
});
