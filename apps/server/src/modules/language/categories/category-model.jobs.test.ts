import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EventJobPayload } from '../../../jobs/index.ts';
import { categoryModelStaleJob } from './category-model.jobs.ts';

const event = (type: string, payload: Record<string, unknown>): EventJobPayload => ({
  eventId: 'evt_1',
  seq: 1,
  type,
  subjectType: 'case',
  subjectId: 'case_1',
  actorId: null,
  requestId: null,
  occurredAt: '2026-03-02T09:00:00.000Z',
  payload,
});

describe('category model stale job', () => {
  it('marks the models stale only when a case enters or leaves the training set, or a category is added', async () => {
    let marked = 0;
    const job = categoryModelStaleJob({ markStale: () => (marked += 1) });
    assert.deepEqual(job.subscribesTo, ['case.status_changed', 'category.created', 'category.renamed']);
    const run = (e: EventJobPayload) => job.handler(e, {} as Parameters<typeof job.handler>[1]);
    await run(event('case.status_changed', { from: 'new', to: 'acknowledged' }));
    assert.equal(marked, 0);
    await run(event('case.status_changed', { from: 'investigating', to: 'resolved' }));
    await run(event('case.status_changed', { from: 'resolved', to: 'closed' }));
    await run(event('case.status_changed', { from: 'closed', to: 'investigating' }));
    await run(event('category.created', {}));
    assert.equal(marked, 4);
  });
});
