import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TtlCache } from './ttl-cache.ts';

test('entries expire after their time and the oldest goes first when full', () => {
  const cache = new TtlCache<number>(1000, 2);
  const t0 = new Date('2026-01-01T00:00:00.000Z');
  cache.set('a', 1, t0);
  assert.equal(cache.get('a', new Date(t0.getTime() + 999)), 1);
  assert.equal(cache.get('a', new Date(t0.getTime() + 1000)), undefined);
  cache.set('a', 1, t0);
  cache.set('b', 2, t0);
  cache.set('c', 3, t0);
  assert.equal(cache.get('a', t0), undefined);
  assert.equal(cache.get('c', t0), 3);
  cache.deleteWhere((v) => v === 3);
  assert.equal(cache.get('c', t0), undefined);
});
