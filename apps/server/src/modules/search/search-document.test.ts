import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BOUNDARY,
  buildSearchDocument,
  ftsColumns,
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_TERMS,
  tsvectorLiteral,
} from './search-document.ts';
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

/** The document's size as `buildSearchDocument` estimates it (the tsvector layout). */
const estimatedBytes = (doc: { words: readonly string[]; grams: readonly string[] }): number => {
  const terms = [...doc.words, ...doc.grams].filter((t) => t !== BOUNDARY);
  const distinct = new Set(terms);
  return terms.length * 2 + [...distinct].reduce((sum, t) => sum + Buffer.byteLength(t, 'utf8') + 8, 0);
};

/**
 * `count` distinct words of 28 characters that fold to 64 Arabic letters (128 bytes): NFKC spells
 * out the ligature U+FDF2 as four letters, so the folded document outgrows the characters read.
 */
const ligatureWords = (from: number, count: number): string[] => {
  const letters = 'ابتثجحخدذرزسشصضط';
  return Array.from({ length: count }, (_, i) => {
    let n = from + i;
    let word = '\uFDF2'.repeat(12);
    for (let k = 0; k < 16; k += 1) {
      word += letters[n % 16];
      n = Math.floor(n / 16);
    }
    return word;
  });
};

test('the document stays under its byte cap: long distinct words stop it before PostgreSQL’s 1 MB', () => {
  const messages = Array.from({ length: 25 }, (_, m) => ligatureWords(m * 700, 700).join(' '));
  const doc = buildSearchDocument(['Refund for the broken kettle', ...messages]);
  const bytes = estimatedBytes(doc);
  assert.ok(bytes <= MAX_DOCUMENT_BYTES, `${bytes} bytes`);
  assert.ok(bytes > MAX_DOCUMENT_BYTES - 200, 'filled to the cap, not short of it');
  assert.ok(doc.words.length < MAX_DOCUMENT_TERMS, 'the bytes, not the positions, were the limit');
  assert.deepEqual(doc.words.slice(0, 5), ['refund', 'for', 'the', 'broken', 'kettle']);
  assert.ok(Buffer.byteLength(tsvectorLiteral(doc), 'utf8') < 1_048_575);
});

test('a full document cuts the last text it reaches, never the texts before it, whatever their script', () => {
  const english = Array.from({ length: 40 }, (_, m) => `message ${m} ${'word '.repeat(1_000)}`);
  const doc = buildSearchDocument(['芒果乾發霉', '陳美玲', '上週買的芒果乾全部發霉了', ...english, '更早的留言']);
  assert.equal(doc.words.length + doc.grams.length, MAX_DOCUMENT_TERMS, 'full');
  // Every bigram of the subject, the name and the description is kept, behind 40,000 English words.
  for (const gram of ['芒果', '果干', '干发', '发霉', '陈美', '美玲', '上周', '全部', '霉了']) {
    assert.ok(doc.grams.includes(gram), gram);
  }
  assert.ok(!doc.grams.includes('更早'), 'the text after the cut is dropped');
  // The text the room ran out in keeps its first words, in order.
  const lastKept = doc.words.lastIndexOf('message');
  assert.match(doc.words[lastKept + 1] ?? '', /^\d+$/);
  assert.equal(doc.words.at(-1), 'word');
});

test('within one text, words and Han bigrams are kept in the order they occur', () => {
  const filler = 'x '.repeat(MAX_DOCUMENT_TERMS - 3);
  const doc = buildSearchDocument([filler, 'alpha 芒果干 beta']);
  // Room for 3 positions after the filler: a boundary, `alpha`, then the run's first bigram.
  assert.deepEqual(doc.words.slice(-2), [BOUNDARY, 'alpha']);
  assert.deepEqual(doc.grams, ['芒果']);
  assert.equal(doc.words.length + doc.grams.length, MAX_DOCUMENT_TERMS);
});
