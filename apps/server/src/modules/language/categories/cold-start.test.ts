import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coldStartExamples, pseudoWeight, suggestKind, NAME_WEIGHT, type SuggestableCategory } from './cold-start.ts';
import { suggestCategories, trainCategoryModel } from './naive-bayes.ts';

const TREE: readonly SuggestableCategory[] = [
  {
    id: 'cat_delivery',
    parentId: null,
    kind: 'service_process',
    names: { en: 'Delivery', 'zh-TW': '配送', 'zh-CN': '配送', th: 'การจัดส่ง' },
  },
  {
    id: 'cat_late',
    parentId: 'cat_delivery',
    kind: 'service_process',
    names: { en: 'Late delivery', 'zh-TW': '配送延誤', 'zh-CN': '配送延误', th: 'จัดส่งล่าช้า' },
  },
  {
    id: 'cat_spoiled',
    parentId: null,
    kind: 'product_quality',
    names: { en: 'Spoiled food', 'zh-TW': '食品腐爛', 'zh-CN': '食品腐烂', th: 'อาหารเน่าเสีย' },
  },
  {
    id: 'cat_rude',
    parentId: null,
    kind: 'service_process',
    names: { en: 'Rude staff', 'zh-TW': '服務態度差', 'zh-CN': '服务态度差', th: 'พนักงานไม่สุภาพ' },
  },
];

const kinds = new Map(TREE.map((c) => [c.id, c.kind]));

describe('cold start from the category tree', () => {
  it('suggests from the names alone in every language', () => {
    const model = trainCategoryModel(coldStartExamples(TREE, new Map()));
    const top = (text: string) => suggestCategories(model, text, 1)[0]?.id;
    assert.equal(top('my delivery is late'), 'cat_late');
    assert.equal(top('配送延誤三天了'), 'cat_late');
    assert.equal(top('食物都腐烂了'), 'cat_spoiled');
    assert.equal(top('店員服務態度很差'), 'cat_rude');
    assert.equal(top('การจัดส่งล่าช้ามาก'), 'cat_late');
    assert.equal(top('อาหารเน่า'), 'cat_spoiled');
  });

  it('counts ancestors for less and skips unknown parents and cycles', () => {
    const examples = coldStartExamples(TREE, new Map());
    const late = examples.filter((e) => e.label === 'cat_late');
    assert.ok(late.some((e) => e.text === 'Delivery' && e.weight === NAME_WEIGHT / 2));
    assert.ok(late.some((e) => e.text === 'Late delivery' && e.weight === NAME_WEIGHT));
    const cyclic: SuggestableCategory[] = [
      { id: 'a', parentId: 'b', kind: 'service_process', names: { en: 'A' } },
      { id: 'b', parentId: 'a', kind: 'service_process', names: { en: 'B' } },
      { id: 'c', parentId: 'gone', kind: 'service_process', names: { en: 'C', th: ' ' } },
    ];
    assert.deepEqual(
      coldStartExamples(cyclic, new Map()).map((e) => `${e.label}:${e.text}`),
      ['a:A', 'a:B', 'b:B', 'b:A', 'c:C'],
    );
  });

  it('weighs names down as real examples of the category accumulate, never to nothing', () => {
    assert.equal(pseudoWeight(0), NAME_WEIGHT);
    assert.ok(pseudoWeight(20) === NAME_WEIGHT / 2);
    assert.ok(pseudoWeight(10_000) > 0 && pseudoWeight(10_000) < 0.01);
    const examples = coldStartExamples(TREE, new Map([['cat_rude', 1000]]));
    const rude = examples.find((e) => e.label === 'cat_rude');
    const spoiled = examples.find((e) => e.label === 'cat_spoiled');
    assert.ok((rude?.weight ?? 1) < 0.1 && spoiled?.weight === NAME_WEIGHT);
  });

  it('takes further evidence (best answers, later) only for known categories', () => {
    const examples = coldStartExamples(TREE, new Map(), [
      { label: 'cat_spoiled', text: 'We refund spoiled fruit in full' },
      { label: 'cat_unknown', text: 'nothing' },
    ]);
    assert.ok(examples.some((e) => e.text === 'We refund spoiled fruit in full'));
    assert.ok(!examples.some((e) => e.label === 'cat_unknown'));
  });
});

describe('product quality or service process', () => {
  it('sums the ranking per kind', () => {
    const kind = suggestKind(
      [
        { id: 'cat_spoiled', confidence: 0.4 },
        { id: 'cat_late', confidence: 0.35 },
        { id: 'cat_rude', confidence: 0.25 },
      ],
      kinds,
    );
    assert.deepEqual(kind, { kind: 'service_process', confidence: 0.6 });
  });

  it('ignores categories of unknown kind and is null when none is known', () => {
    assert.deepEqual(
      suggestKind(
        [
          { id: 'cat_gone', confidence: 0.9 },
          { id: 'cat_spoiled', confidence: 0.1 },
        ],
        kinds,
      ),
      { kind: 'product_quality', confidence: 1 },
    );
    assert.equal(suggestKind([{ id: 'cat_gone', confidence: 1 }], kinds), null);
    assert.equal(suggestKind([], kinds), null);
  });
});
