import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeSummary, EXCERPT_LENGTH } from './summary.ts';
import { DEFAULT_TRIGGERS, evaluateTriggers, validateTriggers, type EscalationTrigger } from './triggers.ts';
import { builtInLexicon } from '../language/index.ts';
import { explainSignals as explain } from './escalation-triggers.service.ts';

const explainSignals = (text: string) => explain(text, undefined, builtInLexicon());

const TRIGGERS: EscalationTrigger[] = DEFAULT_TRIGGERS.map((t, i) => ({ ...t, id: `trg_${i}` }));
const base = { currentRank: 0, topRank: 3 };

describe('evaluateTriggers', () => {
  it('climbs to the supervisor when the customer asks for a manager and threatens a regulator', () => {
    const decision = evaluateTriggers(TRIGGERS, {
      ...base,
      signals: explainSignals('我要找你們經理,不然我就投訴到消保會'),
    });
    assert.equal(decision?.toRank, 1);
    assert.equal(decision?.trigger, 'signal');
    assert.match(decision?.reason ?? '', /manager_request \("找你們經理"\)/);
  });
  it('takes the highest target when several fire', () => {
    const decision = evaluateTriggers(TRIGGERS, {
      ...base,
      signals: explainSignals('I want your manager, and my lawyer will hear of this'),
    });
    assert.equal(decision?.toRank, 3);
  });
  it('does nothing when the case already stands at or above the target', () => {
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, currentRank: 1, signals: explainSignals('找你们经理') }), null);
  });
  it('goes one up without a target, capped at the top', () => {
    const breach = { phase: 'breached', kind: 'escalation' } as const;
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, currentRank: 1, clock: breach })?.toRank, 2);
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, currentRank: 3, clock: breach }), null);
  });
  it('respects the clock kinds and the phase', () => {
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, clock: { phase: 'breached', kind: 'acknowledge' } }), null);
    assert.equal(
      evaluateTriggers(TRIGGERS, { ...base, clock: { phase: 'warned', kind: 'resolve' } }),
      null,
      'warning trigger off',
    );
    const on = TRIGGERS.map((t) => (t.kind === 'clock_warning' ? { ...t, enabled: true } : t));
    assert.equal(
      evaluateTriggers(on, { ...base, clock: { phase: 'warned', kind: 'resolve' } })?.trigger,
      'clock_warning',
    );
  });
  it('fires on reaching a count, not on every contact after it', () => {
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, inboundContacts: 2 }), null);
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, inboundContacts: 3 })?.trigger, 'repeat_contact');
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, inboundContacts: 4 }), null);
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, negotiationRounds: 3 })?.trigger, 'negotiation_rounds');
  });
  it('sends a remedy to the rank that may approve it', () => {
    const decision = evaluateTriggers(TRIGGERS, { ...base, remedyRequiredRank: 2 });
    assert.deepEqual([decision?.trigger, decision?.toRank], ['remedy_above_authority', 2]);
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, currentRank: 2, remedyRequiredRank: 2 }), null);
  });
  it('hears safety in a flag or in the words; reopen; a poor survey; a disabled trigger never fires', () => {
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, safety: true })?.toRank, 2);
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, signals: explainSignals('充電器起火了') })?.trigger, 'safety');
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, reopened: true })?.trigger, 'reopen');
    // A poor survey answer (2 of 5 or less) brings the supervisor; a fair one does not.
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, surveyScore: 1 })?.trigger, 'poor_survey');
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, surveyScore: 2 })?.toRank, 1);
    assert.equal(evaluateTriggers(TRIGGERS, { ...base, surveyScore: 3 }), null);
    const off = TRIGGERS.map((t) => ({ ...t, enabled: false }));
    assert.equal(evaluateTriggers(off, { ...base, safety: true, reopened: true, surveyScore: 1 }), null);
  });
  it('validates what the schema cannot', () => {
    assert.doesNotThrow(() => validateTriggers(DEFAULT_TRIGGERS, 3));
    assert.throws(() => validateTriggers(DEFAULT_TRIGGERS, 2), /Invalid triggers/, 'a signal trigger aims at rank 3');
    assert.throws(() => validateTriggers([{ kind: 'repeat_contact', enabled: true, settings: {}, toRank: null }], 3));
  });
});

describe('composeSummary', () => {
  const at = new Date('2026-01-27T02:00:00.000Z');
  const source = {
    case: {
      ref: 'C-2026-000001',
      subject: '車窗升不上去',
      description: '春節前買的新車，左前車窗升不上去。我要退車！',
      categoryId: null,
      channel: 'phone',
      status: 'investigating',
      severity: 'high',
      safety: false,
      expectedRemedy: 'replacement',
      createdAt: at,
    },
    signals: [...explainSignals('我要退車！'), ...explainSignals('退车,马上退车')],
    commitments: [
      { id: 'cmt_1', text: '1月30日前回覆檢測報告', dueAt: at, status: 'open' },
      { id: 'cmt_2', text: 'call back by 3 pm', dueAt: at, status: 'kept' },
      { id: 'cmt_3', text: 'loaner car', dueAt: at, status: 'broken' },
    ],
    tasks: [{ question: 'Regulator motor fault?', status: 'answered', answer: 'Yes, motor burnt' }],
    compensations: [{ kind: 'voucher', amount: 50_000, currency: 'TWD', status: 'declined' }],
    escalations: [],
    statusChanges: [{ from: 'new', to: 'investigating', at }],
  } as const;

  it('says what happened, what the customer wants, what was promised and what was tried', () => {
    const summary = composeSummary(source);
    assert.equal(summary.whatHappened.ref, 'C-2026-000001');
    assert.equal(summary.whatHappened.openedAt, '2026-01-27T02:00:00.000Z');
    assert.equal(summary.customerWants.expectedRemedy, 'replacement');
    assert.deepEqual(
      summary.customerWants.signals.map((s) => s.signal),
      ['replacement_demand', 'urgency'],
    );
    assert.deepEqual(
      summary.promised.map((p) => p.id),
      ['cmt_1', 'cmt_3'],
      'open and broken promises only',
    );
    assert.equal(summary.tried.tasks[0]?.answer, 'Yes, motor burnt');
    assert.equal(summary.tried.compensations[0]?.status, 'declined');
    assert.deepEqual(summary.tried.statusHistory, [
      { from: 'new', to: 'investigating', at: '2026-01-27T02:00:00.000Z' },
    ]);
  });
  it('keeps a long description to an excerpt, cut on characters, not bytes', () => {
    const long = '很'.repeat(EXCERPT_LENGTH + 50);
    const summary = composeSummary({ ...source, case: { ...source.case, description: long } });
    assert.equal([...summary.whatHappened.excerpt].length, EXCERPT_LENGTH + 1);
    assert.ok(summary.whatHappened.excerpt.endsWith('…'));
  });
});
