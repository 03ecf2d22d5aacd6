import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EscalationSignal } from '@redress/contract';
import { assessRisk, riskLevel, SIGNAL_WEIGHTS } from './risk.ts';
import { detectSignals } from './signals.ts';

const sure = (...kinds: EscalationSignal[]) => kinds.map((kind) => ({ kind, confidence: 1 }));

describe('assessRisk', () => {
  it('is zero and low with nothing to go on', () => {
    assert.deepEqual(assessRisk([]), { score: 0, level: 'low' });
  });

  it('scores one signal as its weight times its confidence', () => {
    assert.deepEqual(assessRisk([{ kind: 'refund_demand', confidence: 0.5 }]), { score: 6, level: 'low' });
    assert.equal(assessRisk(sure('urgency')).score, Math.round(100 * SIGNAL_WEIGHTS.urgency));
  });

  it('weighs outside threats and safety high, urgency low', () => {
    for (const kind of ['safety_risk', 'legal_threat', 'regulator_threat', 'media_threat'] as const) {
      assert.equal(assessRisk(sure(kind)).level, 'high', kind);
    }
    assert.equal(assessRisk(sure('urgency')).level, 'low');
    assert.equal(assessRisk(sure('manager_request')).level, 'medium');
  });

  it('combines terms as independent chances and never passes 100', () => {
    // 1 − (1 − 0.2)(1 − 0.12) = 0.296
    assert.equal(assessRisk(sure('anger', 'refund_demand')).score, 30);
    const everything = assessRisk(sure(...(Object.keys(SIGNAL_WEIGHTS) as EscalationSignal[])), {
      repeatContacts: 9,
      reopened: true,
      safety: true,
    });
    assert.equal(everything.level, 'critical');
    assert.ok(everything.score <= 100);
  });

  it('counts a kind once, at its strongest', () => {
    const once = assessRisk([
      { kind: 'insult', confidence: 0.4 },
      { kind: 'insult', confidence: 0.8 },
    ]);
    assert.deepEqual(once, assessRisk([{ kind: 'insult', confidence: 0.8 }]));
  });

  it('reads the case facts: repeat contacts (capped), a reopen, the safety flag', () => {
    assert.equal(assessRisk([], { repeatContacts: 1 }).score, 0);
    assert.equal(assessRisk([], { repeatContacts: 3 }).score, 20);
    assert.equal(assessRisk([], { repeatContacts: 40 }).score, 30);
    assert.equal(assessRisk([], { reopened: true }).score, 20);
    assert.deepEqual(assessRisk([], { safety: true }), { score: 60, level: 'high' });
  });

  it('holds floors: a sure safety signal is high, two outside threats are critical', () => {
    assert.equal(assessRisk([{ kind: 'safety_risk', confidence: 0.7 }]).level, 'high');
    assert.equal(assessRisk([{ kind: 'safety_risk', confidence: 0.5 }]).level, 'medium');
    assert.equal(
      assessRisk([
        { kind: 'legal_threat', confidence: 0.6 },
        { kind: 'media_threat', confidence: 0.6 },
      ]).level,
      'critical',
    );
  });

  it('grows with each added fact (monotone)', () => {
    const base = sure('refund_demand');
    const a = assessRisk(base).score;
    const b = assessRisk(base, { repeatContacts: 2 }).score;
    const c = assessRisk(base, { repeatContacts: 2, reopened: true }).score;
    assert.ok(a < b && b < c, `${a} < ${b} < ${c}`);
  });

  it('maps scores to levels at 25, 50 and 75', () => {
    assert.deepEqual([0, 24, 25, 49, 50, 74, 75, 100].map(riskLevel), [
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('rates real messages in every language from their detected signals', () => {
    const rate = (text: string) => assessRisk(detectSignals(text)).level;
    assert.equal(rate('Thanks, the parcel arrived today.'), 'low');
    assert.equal(rate('I want my money back'), 'low');
    assert.equal(rate('我要找你們經理，不然我就投訴到消保會，再唔處理就告你哋'), 'critical');
    assert.equal(rate('吃完以后拉肚子，住院了'), 'high');
    assert.equal(rate('จะฟ้องศาล และจะแจ้ง สคบ.'), 'critical');
  });
});
