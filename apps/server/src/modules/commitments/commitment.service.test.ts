import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError, ErrorCode, isAppError } from '../../shared/errors.ts';
import type { Context } from '../../shared/unit-of-work.ts';
import type { Commitment } from './commitment.ts';
import type { CommitmentStore } from './commitment.repository.ts';
import { createCommitmentService } from './commitment.service.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');

const commitment: Commitment = {
  id: 'cmt_1',
  caseId: 'case_1',
  text: 'Send the report',
  promisedTo: 'Customer',
  keyPersonId: null,
  dueAt: new Date('2026-03-04T09:00:00.000Z'),
  madeBy: 'usr_1',
  madeAt: NOW,
  messageEventId: null,
  dependsOn: [],
  remedy: null,
  flags: [],
  status: 'open',
  outcomeAt: null,
  keptOnTime: null,
  renegotiatedFromId: null,
  renegotiatedToId: null,
  atRiskAt: null,
  siteId: null,
  teamId: null,
};

const supervisor: Context = {
  actor: {
    kind: 'user',
    userId: 'usr_sup',
    role: 'supervisor',
    via: 'token',
    scope: { allSites: false, siteIds: ['site_a'], teamIds: [] },
  },
  requestId: null,
};

/** A store whose commitment exists and whose case lookup fails as `caseLookup` says. */
const serviceWhere = (caseLookup: () => Promise<unknown>) => {
  const port = {
    commitments: { findCommitment: async () => commitment },
    cases: { findVisibleCase: caseLookup },
  } as unknown as CommitmentStore;
  return createCommitmentService({
    store: { read: port, write: (work) => work(port) },
    clock: { now: () => NOW },
  });
};

test('a database failure while loading the case is not turned into a not-found', async () => {
  const failure = new Error('connection reset by peer');
  const service = serviceWhere(async () => {
    throw failure;
  });
  await assert.rejects(service.keepCommitment(supervisor, 'cmt_1'), (error) => error === failure);
  await assert.rejects(service.draftUpdate(supervisor, 'cmt_1', undefined), (error) => error === failure);
});

test("a case the caller cannot see answers as the commitment's not-found", async () => {
  const hidden = serviceWhere(async () => undefined);
  await assert.rejects(
    hidden.keepCommitment(supervisor, 'cmt_1'),
    (error) => isAppError(error) && error.code === ErrorCode.NotFound && error.message === 'No such commitment',
  );
  const forbidden = serviceWhere(async () => {
    throw new AppError(ErrorCode.Forbidden, 'Not yours');
  });
  await assert.rejects(
    forbidden.breakCommitment(supervisor, 'cmt_1', 'x'),
    (error) => isAppError(error) && error.code === ErrorCode.NotFound,
  );
});
