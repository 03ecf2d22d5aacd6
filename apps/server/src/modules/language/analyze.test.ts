import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EscalationSignals, RiskLevels } from '@redress/contract';
import { analyzeText, strongestPerKind, type AnalyzeOptions } from './analyze.ts';
import { trainCategoryModel } from './categories/naive-bayes.ts';
import { compileLexicon } from './signals/lexicon.ts';

const kinds = (text: string, language?: AnalyzeOptions['language']) =>
  analyzeText(text, { language })
    .signals.map((s) => s.kind)
    .sort();

describe('analyzeText', () => {
  it('reads an English complaint: signals with the words behind them, and a risk', () => {
    const text = 'Please fix this ASAP, I have called 3 times already. Otherwise I will contact my lawyer.';
    const result = analyzeText(text);
    assert.equal(result.language, 'en');
    assert.deepEqual(result.signals.map((s) => s.kind).sort(), ['legal_threat', 'repeat_contact', 'urgency']);
    for (const signal of result.signals) {
      assert.ok(text.includes(signal.evidence), `${signal.evidence} is quoted from the text`);
      assert.ok(signal.confidence > 0 && signal.confidence <= 1);
    }
    assert.ok(result.risk.score >= 50, `a legal threat and repeat contacts score high (${result.risk.score})`);
    assert.ok(RiskLevels.includes(result.risk.level));
    assert.deepEqual(result.categories, []);
  });

  it('does not fire on the same words in another role (English)', () => {
    assert.deepEqual(kinds('My manager at work said the company sued me last year.'), []);
    assert.deepEqual(kinds('I got a tax refund from the government.'), []);
    assert.deepEqual(kinds('I am not asking for a refund, just information.'), []);
  });

  it('reads Traditional and Simplified Chinese alike', () => {
    const traditional = analyzeText('你們是騙子！我要退款，不然我就去消保官投訴。');
    assert.equal(traditional.language, 'zh-TW');
    assert.deepEqual(traditional.signals.map((s) => s.kind).sort(), ['insult', 'refund_demand', 'regulator_threat']);
    assert.ok(
      traditional.signals.some((s) => s.evidence === '騙子'),
      'evidence keeps the script the customer wrote',
    );

    const simplified = analyzeText('你们是骗子，我要曝光，找你们经理来！');
    assert.equal(simplified.language, 'zh-CN');
    assert.deepEqual(simplified.signals.map((s) => s.kind).sort(), ['insult', 'manager_request', 'media_threat']);
    assert.equal(simplified.risk.level, 'high');
  });

  it('does not fire on a Chinese manager in another role or on praise', () => {
    assert.deepEqual(kinds('我們經理說這家店不錯，下次再來。'), []);
    assert.deepEqual(kinds('这家店不错，服务很好，下次还来。'), []);
  });

  it('reads Thai, and not the expressway', () => {
    const result = analyzeText('ขอคุยกับหัวหน้า จะไปแจ้ง สคบ. และขอคืนเงินด่วน');
    assert.equal(result.language, 'th');
    assert.deepEqual(result.signals.map((s) => s.kind).sort(), [
      'manager_request',
      'refund_demand',
      'regulator_threat',
      'urgency',
    ]);
    assert.deepEqual(kinds('ขับรถบนทางด่วนไปกินข้าว อร่อยมาก'), []);
  });

  it('takes the given language instead of guessing', () => {
    // Han text that is the same in both scripts: the caller's language settles it.
    assert.equal(analyzeText('我要退款', { language: 'zh-TW' }).language, 'zh-TW');
    assert.equal(analyzeText('我要退款').language, 'zh-CN');
  });

  it('gives an empty, low-risk result for text without signals', () => {
    assert.deepEqual(analyzeText('Thanks, all good.'), {
      language: 'en',
      signals: [],
      risk: { score: 0, level: 'low' },
      categories: [],
    });
  });

  it('uses an organisation lexicon when given one', () => {
    const lexicon = compileLexicon([
      {
        id: 'admin:1',
        signal: 'media_threat',
        language: 'en',
        kind: 'phrase',
        text: 'tell my followers',
        negatable: true,
        confidence: 0.8,
        source: 'admin',
      },
    ]);
    const text = 'I will tell my followers about this.';
    assert.deepEqual(kinds(text), []);
    assert.deepEqual(
      analyzeText(text, { lexicon }).signals.map((s) => s.kind),
      ['media_threat'],
    );
  });

  it('suggests categories from a model, best first, at most three', () => {
    const model = trainCategoryModel([
      { text: 'my luggage was lost at the airport', label: 'cat_lost' },
      { text: 'lost bag never arrived', label: 'cat_lost' },
      { text: 'the flight was delayed by three hours', label: 'cat_delay' },
      { text: 'delayed again, late departure', label: 'cat_delay' },
      { text: 'the staff were rude to me', label: 'cat_staff' },
      { text: 'rude agent at the gate', label: 'cat_staff' },
      { text: 'charged twice on my card', label: 'cat_billing' },
    ]);
    const result = analyzeText('My bag was lost and never arrived', { categoryModel: model });
    assert.equal(result.categories.length, 3);
    assert.equal(result.categories[0]?.id, 'cat_lost');
    const confidences = result.categories.map((c) => c.confidence);
    assert.deepEqual(
      [...confidences].sort((a, b) => b - a),
      confidences,
    );
    assert.equal(analyzeText('My bag was lost', { categoryModel: model, categoryLimit: 1 }).categories.length, 1);
  });

  it('only ever reports kinds of the fixed vocabulary', () => {
    const result = analyzeText('WTF, never again! Refund me now, you scammers, or I post this everywhere.');
    for (const signal of result.signals) assert.ok(EscalationSignals.includes(signal.kind));
  });
});

describe('strongestPerKind', () => {
  it('keeps one finding per kind, the most confident, first of equals', () => {
    const kept = strongestPerKind([
      { kind: 'refund_demand', evidence: 'refund', confidence: 0.6 },
      { kind: 'anger', evidence: 'furious', confidence: 0.7 },
      { kind: 'refund_demand', evidence: 'money back', confidence: 0.9 },
      { kind: 'anger', evidence: 'livid', confidence: 0.7 },
    ]);
    assert.deepEqual(kept, [
      { kind: 'refund_demand', evidence: 'money back', confidence: 0.9 },
      { kind: 'anger', evidence: 'furious', confidence: 0.7 },
    ]);
  });
});
