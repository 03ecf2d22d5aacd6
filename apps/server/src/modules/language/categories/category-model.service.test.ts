import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CategoryModelRepository, TrainingScope } from './category-model.repository.ts';
import { createCategoryModelService } from './category-model.service.ts';
import { fixedClock } from '../../../shared/clock.ts';
import { systemContext } from '../../../shared/unit-of-work.ts';

/** An in-memory port that counts its queries, so caching and re-checking can be observed. */
const fakeStore = () => {
  const state = {
    seq: 1,
    version: 'v1',
    cases: [{ categoryId: 'cat_billing', text: 'charged twice on my card' }],
    calls: { seq: 0, version: 0, train: 0 },
    scopes: [] as TrainingScope[],
  };
  const read: CategoryModelRepository = {
    listCategories: async () => [
      { id: 'cat_billing', parentId: null, kind: 'service_process', names: { en: 'Billing' } },
      { id: 'cat_spoiled', parentId: null, kind: 'product_quality', names: { en: 'Spoiled food' } },
    ],
    lastRelevantEventSeq: async () => {
      state.calls.seq += 1;
      return state.seq;
    },
    trainingVersion: async () => {
      state.calls.version += 1;
      return state.version;
    },
    listTrainingCases: async (scope) => {
      state.calls.train += 1;
      state.scopes.push(scope);
      return state.cases;
    },
    caseText: async () => undefined,
  };
  return { state, store: { read, write: <T>(work: (port: CategoryModelRepository) => Promise<T>) => work(read) } };
};

test('the model is cached, re-checked after the time-to-live or when marked stale, and retrained only when its cases changed', async () => {
  const { state, store } = fakeStore();
  const clock = fixedClock('2026-03-02T09:00:00.000Z');
  const service = createCategoryModelService({
    store,
    clock,
    requireVisibleCase: async () => undefined,
    options: { ttlMs: 1000 },
  });
  const ctx = systemContext('test');

  const first = await service.modelFor(ctx);
  assert.equal(first.trainedOn, 1);
  assert.ok(first.trainingMs >= 0);
  assert.deepEqual(state.scopes, [{ all: true, siteIds: [] }]);
  assert.equal(await service.modelFor(ctx), first, 'within the time-to-live: no query at all');
  assert.deepEqual(state.calls, { seq: 1, version: 1, train: 1 });

  clock.advance(1001);
  assert.equal(await service.modelFor(ctx), first, 'no relevant event since: kept');
  assert.deepEqual(state.calls, { seq: 2, version: 1, train: 1 });

  state.seq = 2; // e.g. a case acknowledged elsewhere: events moved, the training set did not
  service.markStale();
  assert.equal(await service.modelFor(ctx), first, 'same fingerprint: kept');
  assert.deepEqual(state.calls, { seq: 3, version: 2, train: 1 });

  state.seq = 3;
  state.version = 'v2';
  state.cases = [...state.cases, { categoryId: 'cat_spoiled', text: 'rotten mangoes' }];
  service.markStale();
  const second = await service.modelFor(ctx);
  assert.notEqual(second, first);
  assert.equal(second.trainedOn, 2);

  const [a, b] = await Promise.all([
    service.suggestForText(ctx, { text: 'rotten' }),
    service.suggestForText(ctx, { text: 'rotten' }),
  ]);
  assert.deepEqual(a, b);
  assert.equal(a.categories[0]?.id, 'cat_spoiled');
  assert.equal(a.kind?.kind, 'product_quality');
});

test('each site scope has its own model', async () => {
  const { state, store } = fakeStore();
  const service = createCategoryModelService({
    store,
    clock: fixedClock('2026-03-02T09:00:00.000Z'),
    requireVisibleCase: async () => undefined,
  });
  const user = (siteIds: string[]) => ({
    actor: {
      kind: 'user' as const,
      userId: 'usr_1',
      role: 'agent',
      via: 'token' as const,
      scope: { allSites: false, siteIds, teamIds: [] },
    },
    requestId: null,
  });
  await service.modelFor(user(['site_b', 'site_a']));
  await service.modelFor(user(['site_a', 'site_b']));
  await service.modelFor(user(['site_c']));
  assert.deepEqual(state.scopes, [
    { all: false, siteIds: ['site_b', 'site_a'] },
    { all: false, siteIds: ['site_c'] },
  ]);
});
