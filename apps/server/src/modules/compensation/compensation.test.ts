import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkRemedy,
  decideCompensation,
  proposeCompensation,
  recordCustomerResponse,
  recordDelivery,
} from './compensation.ts';

const at = new Date('2026-03-02T09:00:00.000Z');
const later = new Date('2026-03-05T09:00:00.000Z');
const input = {
  id: 'cmp_1',
  caseId: 'case_1',
  kind: 'refund',
  amount: 800_000,
  currency: 'TWD',
  description: 'Refund the window repair',
  requiredRank: 2,
  proposedBy: 'usr_agent',
  proposedAt: at,
} as const;

describe('compensation', () => {
  it('waits for approval beyond the proposer’s authority, and carries the required rank', () => {
    const { compensation, events } = proposeCompensation(input, false);
    assert.equal(compensation.status, 'proposed');
    assert.deepEqual(
      events.map((e) => e.type),
      ['compensation.proposed'],
    );
    assert.equal(events[0]?.payload.requiredRank, 2);
  });
  it('is approved at once within the proposer’s authority', () => {
    const { compensation, events } = proposeCompensation(
      { ...input, kind: 'goodwill', amount: 100, requiredRank: 0 },
      true,
    );
    assert.equal(compensation.status, 'approved');
    assert.equal(compensation.decidedBy, 'usr_agent');
    assert.deepEqual(
      events.map((e) => e.type),
      ['compensation.proposed', 'compensation.approved'],
    );
  });
  it('goes proposed → approved → accepted → delivered, each once', () => {
    const proposed = proposeCompensation(input, false).compensation;
    const approved = decideCompensation(proposed, 'approve', 'usr_mgr', null, at).compensation;
    assert.throws(() => decideCompensation(approved, 'reject', 'usr_mgr', null, at), /already approved/);
    assert.throws(() => recordDelivery(approved, at, later), /accepted/);
    const accepted = recordCustomerResponse(approved, true, null, at).compensation;
    assert.equal(accepted.status, 'accepted');
    const delivered = recordDelivery(accepted, later, later);
    assert.equal(delivered.compensation.deliveredAt?.toISOString(), later.toISOString());
    assert.equal(delivered.events[0]?.payload.deliveredAt, later.toISOString());
  });
  it('refuses a delivery in the future or before the proposal', () => {
    const accepted = { ...proposeCompensation(input, false).compensation, status: 'accepted' as const };
    assert.throws(() => recordDelivery(accepted, later, at), /delivery time/);
    assert.throws(() => recordDelivery(accepted, new Date('2026-03-01T00:00:00Z'), later), /delivery time/);
  });
  it('records a decline; a rejected proposal is not put to the customer', () => {
    const proposed = proposeCompensation(input, false).compensation;
    const approved = decideCompensation(proposed, 'approve', 'usr_mgr', null, at).compensation;
    assert.equal(recordCustomerResponse(approved, false, 'too little', at).compensation.status, 'declined');
    const rejected = decideCompensation(proposed, 'reject', 'usr_mgr', 'no', at).compensation;
    assert.throws(() => recordCustomerResponse(rejected, true, null, at), /approved/);
  });
  it('checks amount and currency together', () => {
    assert.throws(() => checkRemedy({ kind: 'refund', amount: 100, currency: null }), /currency/);
    assert.throws(() => checkRemedy({ kind: 'money', amount: null, currency: null }), /needs an amount/);
    assert.throws(() => checkRemedy({ kind: 'money', amount: -1, currency: 'TWD' }), /Not an amount/);
  });
  it('needs an amount for every kind: goodwill and voucher their sum, a replacement or repair its value', () => {
    assert.throws(() => checkRemedy({ kind: 'goodwill', amount: null, currency: null }), /goodwill needs an amount/);
    assert.throws(() => checkRemedy({ kind: 'voucher', amount: null, currency: null }), /voucher needs an amount/);
    assert.throws(() => checkRemedy({ kind: 'repair', amount: null, currency: null }), /estimated value/);
    assert.throws(() => checkRemedy({ kind: 'replacement', amount: null, currency: 'TWD' }), /estimated value/);
    assert.doesNotThrow(() => checkRemedy({ kind: 'repair', amount: 150_000, currency: 'TWD' }));
  });
});
