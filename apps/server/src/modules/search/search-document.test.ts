import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BOUNDARY, buildSearchDocument, ftsColumns, MAX_DOCUMENT_TERMS, tsvectorLiteral } from './search-document.ts';
import { findParts, makeSnippet, termParts } from './search-highlight.ts';
import { compileQuery } from './search-query.ts';
import { bigrams, hanRuns, wordTerms } from './search-text.ts';

test('Han runs become overlapping bigrams of the folded run, whatever the segmenter made of them', () => {
  assert.deepEqual(bigrams('芒果干'), ['芒果', '果干']);
  assert.deepEqual(bigrams('芒'), []);
  assert.deepEqual(bigrams('𠀀𠀁芒'), ['𠀀𠀁', '𠀁芒'], 'characters outside the BMP are one character');
  const runs = hanRuns('我買的芒果乾，iPhone 退款');
  assert.deepEqual(
    runs.map((r) => r.run),
    ['我买的芒果干', '退款'],
  );
  assert.deepEqual(
    runs.map((r) => [r.start, r.end]),
    [
      [0, 6],
      [14, 16],
    ],
  );
});

test('words are folded, without Han, and split at ASCII punctuation; Thai marks stay in their word', () => {
  assert.deepEqual(
    wordTerms("Don't REFUND 芒果 ขอเงินคืนด่วน e-mail").map((w) => w.term),
    ['don', 't', 'refund', 'ขอ', 'เงิน', 'คืน', 'ด่วน', 'e', 'mail'],
  );
});

test('a document keeps texts apart, so no phrase spans two of them', () => {
  const doc = buildSearchDocument(['cold chain', null, 'chain store', '芒果。退款']);
  assert.deepEqual(doc.words, ['cold', 'chain', BOUNDARY, 'chain', 'store']);
  assert.deepEqual(doc.grams, ['芒果', BOUNDARY, '退款']);
  assert.deepEqual(ftsColumns(doc), { words: `cold chain ${BOUNDARY} chain store`, grams: `芒果 ${BOUNDARY} 退款` });
  const huge = buildSearchDocument(['word '.repeat(MAX_DOCUMENT_TERMS + 50), 'later text']);
  assert.equal(huge.words.length + huge.grams.length, MAX_DOCUMENT_TERMS);
});

test('the tsvector literal has positions, skips boundaries, and quotes lexemes', () => {
  const doc = buildSearchDocument(['cold chain cold', "o'neil", '芒果干']);
  assert.equal(tsvectorLiteral(doc), "'cold':1,3 'chain':2 'o':5 'neil':6 '芒果':8 '果干':9");
  assert.equal(tsvectorLiteral({ words: ["it's", 'a\\b'], grams: [] }), "'it''s':1 'a\\\\b':2");
});

test('highlights: phrases of words, Han runs in either script, offsets in the original text', () => {
  const text = '上週買的芒果乾發霉了 — the LEFT front window';
  const parts = termParts(compileQuery('芒果干 "left front" 霉').terms);
  const hits = findParts(text, parts);
  const quote = (key: string) => (hits.get(key) ?? []).map((r) => text.slice(r.start, r.end));
  assert.deepEqual(quote('0:r0'), ['芒果乾']);
  assert.deepEqual(quote('1:w'), ['LEFT front']);
  assert.deepEqual(quote('2:s'), ['霉']);
  assert.equal(findParts('front left', termParts(compileQuery('"left front"').terms)).size, 0, 'order matters');
});

test('snippets cut a window around the first hit and rebase the ranges', () => {
  const text = `${'a'.repeat(100)} needle ${'b'.repeat(300)}`;
  const at = text.indexOf('needle');
  const snippet = makeSnippet(text, [{ start: at, end: at + 6 }], 80);
  assert.ok(snippet.text.startsWith('…') && snippet.text.endsWith('…'));
  const [range] = snippet.highlights;
  assert.equal(snippet.text.slice(range!.start, range!.end), 'needle');
  const short = makeSnippet('芒果乾發霉', [{ start: 0, end: 3 }]);
  assert.deepEqual(short, { text: '芒果乾發霉', highlights: [{ start: 0, end: 3 }] });
  const emoji = makeSnippet(`😡${'x'.repeat(10)}`, [], 5);
  assert.equal(emoji.text, `😡${'x'.repeat(3)}…`, 'no half surrogate pair');
});
