import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import {
  categoryChain,
  changedFields,
  cleanBody,
  cleanTitle,
  MAX_CHAIN_LENGTH,
  MAX_SEARCH_WORDS,
  searchTextOf,
  searchWords,
} from './knowledge.ts';

test('a category chain runs from the category up to the top, nearest first', () => {
  const parents = new Map<string, string | null>([
    ['cat_top', null],
    ['cat_mid', 'cat_top'],
    ['cat_leaf', 'cat_mid'],
    ['cat_other', null],
  ]);
  assert.deepEqual(categoryChain('cat_leaf', parents), ['cat_leaf', 'cat_mid', 'cat_top']);
  assert.deepEqual(categoryChain('cat_top', parents), ['cat_top']);
  assert.deepEqual(categoryChain('cat_unknown', parents), ['cat_unknown'], 'an unknown category is alone');
});

test('a damaged tree (a cycle, or deeper than any real one) does not loop', () => {
  const cycle = new Map<string, string | null>([
    ['cat_a', 'cat_b'],
    ['cat_b', 'cat_a'],
  ]);
  assert.deepEqual(categoryChain('cat_a', cycle), ['cat_a', 'cat_b']);
  const deep = new Map<string, string | null>(
    Array.from({ length: 20 }, (_, i) => [`cat_${i}`, i === 19 ? null : `cat_${i + 1}`]),
  );
  assert.equal(categoryChain('cat_0', deep).length, MAX_CHAIN_LENGTH);
});

test('searches fold width, case and Chinese script on both sides, word by word', () => {
  const text = searchTextOf('Ｒｅｆｕｎｄ 退款說明', 'Your REFUND reaches the card in 5 working days.');
  const words = searchWords('  refund   退款说明 ');
  assert.deepEqual(words, ['refund', '退款说明']);
  assert.ok(words.every((word) => text.includes(word)));
  assert.deepEqual(searchWords('ส่งล่าช้า'), ['ส่งล่าช้า'], 'Thai is one run, matched as written');
  assert.deepEqual(searchWords(undefined), []);
  assert.deepEqual(searchWords('   '), []);
  assert.deepEqual(searchWords('Late late LATE'), ['late'], 'a word repeated is looked for once');
  assert.equal(searchWords(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' ')).length, MAX_SEARCH_WORDS);
});

test('titles are one trimmed line; bodies keep their lines; blanks are coded 400s naming the field', () => {
  assert.equal(cleanTitle('  Late  parcel:\n what happens next '), 'Late parcel: what happens next');
  assert.equal(cleanTitle('<b>Refund</b> & more'), '<b>Refund</b> & more', 'markup is text, kept as written');
  assert.equal(
    cleanBody('\r\nDear {{customerName}},\r\n\r\nWe will call.\r\n  '),
    'Dear {{customerName}},\n\nWe will call.',
  );
  for (const [clean, field] of [
    [() => cleanTitle(' \n\t '), '/body/title'],
    [() => cleanBody('   '), '/body/body'],
  ] as const) {
    assert.throws(clean, (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'validation_failed');
      assert.equal(error.details[0]?.field, field);
      return true;
    });
  }
});

test('changed fields are named in a fixed order; an unchanged answer changes nothing', () => {
  const current = { categoryId: 'cat_a', language: 'en', title: 'T', body: 'B' } as const;
  assert.deepEqual(changedFields(current, { ...current }), []);
  assert.deepEqual(changedFields(current, { ...current, body: 'B2', categoryId: null }), ['categoryId', 'body']);
  assert.deepEqual(changedFields(current, { ...current, language: 'th', title: 'T2' }), ['language', 'title']);
});
