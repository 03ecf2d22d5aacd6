import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { categoryFeatures, isStopWord } from './features.ts';
import {
  addExample,
  emptyCategoryModel,
  modelFromJson,
  modelToJson,
  scoreCategories,
  suggestCategories,
  trainCategoryModel,
  type LabelledText,
} from './naive-bayes.ts';

/** Small complaints in four languages; Traditional and Simplified Chinese train one model. */
const EXAMPLES: readonly LabelledText[] = [
  { label: 'cat_late', text: 'My parcel arrived a week late, the delivery was delayed again' },
  { label: 'cat_late', text: 'Delivery is late and nobody tells me when it will arrive' },
  { label: 'cat_late', text: '快递延误了一个星期还没送到' },
  { label: 'cat_late', text: '包裹延誤，到現在還沒送到' },
  { label: 'cat_late', text: 'พัสดุส่งช้ามาก รอมาหนึ่งสัปดาห์แล้วยังไม่ได้รับ' },
  { label: 'cat_spoiled', text: 'The mangoes were rotten and mouldy when I opened the box' },
  { label: 'cat_spoiled', text: 'Rotten fruit again, the strawberries were mouldy' },
  { label: 'cat_spoiled', text: '芒果全部烂了，还发霉' },
  { label: 'cat_spoiled', text: '買的水果都爛了，有發霉的味道' },
  { label: 'cat_spoiled', text: 'มะม่วงเน่าหมดเลย มีเชื้อรา' },
  { label: 'cat_rude', text: 'The staff member was rude and shouted at me' },
  { label: 'cat_rude', text: '店员态度很差，对我大吼大叫' },
  { label: 'cat_rude', text: '服務人員態度惡劣，很沒禮貌' },
  { label: 'cat_rude', text: 'พนักงานพูดจาไม่สุภาพ ตะคอกใส่ลูกค้า' },
];

const top = (model: ReturnType<typeof trainCategoryModel>, text: string): string | undefined =>
  suggestCategories(model, text, 1)[0]?.id;

describe('category features', () => {
  it('folds Traditional to Simplified and adds Han bigrams across word edges', () => {
    const features = categoryFeatures('包裹延誤');
    assert.ok(features.includes('延误'), `words: ${features.join(' ')}`);
    assert.deepEqual(
      features.filter((f) => f.startsWith('#')),
      ['#包裹', '#裹延', '#延误'],
    );
    assert.deepEqual(categoryFeatures('包裹延誤'), categoryFeatures('包裹延误'));
  });

  it('drops stop words, digits and masked data but keeps complaint words', () => {
    const features = categoryFeatures('The flight was LATE by 3 hours, XXXX called the line');
    assert.deepEqual(features, ['flight', 'late', 'hours', 'called', 'line']);
    assert.equal(isStopWord('的'), true);
    assert.equal(isStopWord('退款'), false);
  });

  it('reads Thai words without spaces', () => {
    const features = categoryFeatures('มะม่วงเน่าหมดเลย');
    assert.ok(features.includes('มะม่วง') && features.includes('เน่า'), features.join(' '));
  });
});

describe('naive Bayes category model', () => {
  const model = trainCategoryModel(EXAMPLES);

  it('suggests the right category in each language and script', () => {
    assert.equal(top(model, 'Where is my delivery? It is three days late'), 'cat_late');
    assert.equal(top(model, '我的快遞延誤了'), 'cat_late');
    assert.equal(top(model, '我的快递延误了'), 'cat_late');
    assert.equal(top(model, 'ส่งช้ามาก ยังไม่ได้รับของ'), 'cat_late');
    assert.equal(top(model, 'The bananas were rotten'), 'cat_spoiled');
    assert.equal(top(model, '水果發霉了'), 'cat_spoiled');
    assert.equal(top(model, '水果发霉了'), 'cat_spoiled');
    assert.equal(top(model, 'ทุเรียนเน่า'), 'cat_spoiled');
    assert.equal(top(model, 'Your cashier was so rude to me'), 'cat_rude');
    assert.equal(top(model, '店員態度很差'), 'cat_rude');
    assert.equal(top(model, 'พนักงานไม่สุภาพ'), 'cat_rude');
  });

  it('returns at most `limit` suggestions, best first, with confidences that sum to at most 1', () => {
    const ranking = suggestCategories(model, 'rotten mangoes', 2);
    assert.equal(ranking.length, 2);
    assert.ok((ranking[0]?.confidence ?? 0) >= (ranking[1]?.confidence ?? 0));
    const all = scoreCategories(model, 'rotten mangoes');
    assert.equal(all.length, 3);
    assert.ok(Math.abs(all.reduce((sum, s) => sum + s.confidence, 0) - 1) < 1e-9);
    assert.ok(all.every((s) => s.confidence > 0 && s.confidence < 1));
    assert.deepEqual(suggestCategories(model, 'rotten', 0), []);
  });

  it('is more confident when the words agree than when they are unknown', () => {
    const clear = suggestCategories(model, 'rotten mouldy mangoes', 1)[0]?.confidence ?? 0;
    const unknown = suggestCategories(model, 'zebra quantum', 1)[0]?.confidence ?? 0;
    assert.ok(clear > 0.6, `clear ${clear}`);
    assert.ok(unknown < 0.5, `unknown ${unknown}`);
  });

  it('falls back to the prior when no word is known, and suggests nothing without labels', () => {
    const skewed = trainCategoryModel([
      { label: 'a', text: 'alpha' },
      { label: 'a', text: 'alpha beta' },
      { label: 'a', text: 'alpha gamma' },
      { label: 'b', text: 'delta' },
    ]);
    assert.equal(top(skewed, 'nothing known here'), 'a');
    assert.equal(top(skewed, ''), 'a');
    assert.deepEqual(suggestCategories(emptyCategoryModel(), 'rotten'), []);
  });

  it('learns incrementally: one added example can change the answer', () => {
    const growing = trainCategoryModel(EXAMPLES);
    assert.notEqual(top(growing, 'charged twice on my card'), 'cat_billing');
    addExample(growing, { label: 'cat_billing', text: 'You charged my card twice, I want the money back' });
    addExample(growing, { label: 'cat_billing', text: '信用卡被重复扣款' });
    assert.equal(top(growing, 'charged twice on my card'), 'cat_billing');
    assert.equal(top(growing, '重複扣款'), 'cat_billing');
  });

  it('weights examples: a heavy example outvotes light ones', () => {
    const weighted = trainCategoryModel([
      { label: 'light', text: 'refund', weight: 0.1 },
      { label: 'heavy', text: 'refund', weight: 5 },
    ]);
    assert.equal(top(weighted, 'refund'), 'heavy');
    const ignored = trainCategoryModel([{ label: 'none', text: 'refund', weight: 0 }]);
    assert.equal(ignored.labels.size, 0);
  });

  it('round-trips through JSON with the same suggestions', () => {
    const restored = modelFromJson(JSON.stringify(modelToJson(model)));
    for (const text of ['包裹延誤', 'rotten fruit', 'พนักงานตะคอก', 'unknown words']) {
      assert.deepEqual(suggestCategories(restored, text), suggestCategories(model, text));
    }
    assert.equal(restored.vocabulary.size, model.vocabulary.size);
  });

  it('refuses a file that is not a model, naming the problem', () => {
    const saved = modelToJson(model);
    assert.throws(() => modelFromJson('not json'), /not JSON/);
    assert.throws(() => modelFromJson({ ...saved, format: 'other' }), /expected redress.category-model/);
    assert.throws(() => modelFromJson({ ...saved, alpha: -1 }), /alpha/);
    assert.throws(
      () => modelFromJson({ ...saved, labels: [{ id: 'a', examples: 1, total: 1, counts: [['x', 'y']] }] }),
      /\[feature, number\]/,
    );
    assert.throws(() => modelFromJson({ ...saved, labels: [...saved.labels, ...saved.labels] }), /distinct id/);
    assert.throws(() => trainCategoryModel([], { alpha: 0 }), /positive/);
  });
});
