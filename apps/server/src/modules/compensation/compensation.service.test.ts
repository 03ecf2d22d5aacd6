import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../../shared/clock.ts';
import { AppError, ErrorCode, isAppError } from '../../shared/errors.ts';
import type { Context } from '../../shared/unit-of-work.ts';
import type { CaseRepository } from '../cases/index.ts';
import type { Compensation } from './compensation.ts';
import type { CompensationRepository, CompensationStore } from './compensation.repository.ts';
import { createCompensationService } from './compensation.service.ts';

const at = new Date('2026-03-02T09:00:00.000Z');
const waiting: Compensation = {
  id: 'cmp_1',
  caseId: 'case_1',
  kind: 'refund',
  amount: 800_000,
  currency: 'TWD',
  description: 'Refund',
  status: 'approved',
  requiredRank: 2,
  proposedBy: 'usr_agent',
  proposedAt: at,
  decidedBy: 'usr_mgr',
  decidedAt: at,
  decisionNote: null,
  customerAccepted: null,
  customerResponseAt: null,
  deliveredAt: null,
};
const agent: Context = {
  actor: {
    kind: 'user',
    userId: 'usr_agent',
    role: 'agent',
    via: 'token',
    scope: { allSites: false, siteIds: ['site_a'], teamIds: [] },
  },
  requestId: 'req_1',
};

/** A store whose case lookup fails the way `failure` says; only what the service reaches is real. */
const storeFailingWith = (failure: Error): CompensationStore => {
  const compensation = { find: async () => waiting } as unknown as CompensationRepository;
  const cases = {
    findVisibleCase: async () => {
      throw failure;
    },
  } as unknown as CaseRepository;
  return { compensation, cases };
};

describe('compensation service errors', () => {
  it('passes a database failure through instead of calling it not-found', async () => {
    const port = storeFailingWith(new Error('connection reset'));
    const service = createCompensationService({
      store: { read: port, write: (work) => work(port) },
      clock: fixedClock(at),
    });
    await assert.rejects(service.respond(agent, 'cmp_1', { accepted: true }), (error: unknown) => {
      assert.equal(isAppError(error), false);
      assert.match(String(error), /connection reset/);
      return true;
    });
  });
  it('still answers a case the caller may not see as this compensation’s not-found', async () => {
    const port = storeFailingWith(new AppError(ErrorCode.NotFound, 'No such case'));
    const service = createCompensationService({
      store: { read: port, write: (work) => work(port) },
      clock: fixedClock(at),
    });
    await assert.rejects(service.respond(agent, 'cmp_1', { accepted: true }), /No such compensation/);
  });
});
