import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../shared/errors.ts';
import { compileQuery, indexedTerms, splitTerms, toFtsMatch, toTsQuery } from './search-query.ts';

test('terms split at whitespace; double quotes keep a phrase together; a lone quote is text', () => {
  assert.deepEqual(splitTerms('  cold   chain '), ['cold', 'chain']);
  assert.deepEqual(splitTerms('"cold chain" 芒果'), ['cold chain', '芒果']);
  assert.deepEqual(splitTerms('say "hi'), ['say', '"hi']);
  assert.deepEqual(splitTerms('""'), []);
});

test('each term is analysed like a document: words folded, Han runs folded to Simplified', () => {
  const q = compileQuery('Window 芒果乾 เงินคืน');
  assert.deepEqual(
    q.terms.map((t) => ({ words: t.words, runs: t.runs, indexed: t.indexed })),
    [
      { words: ['window'], runs: [], indexed: true },
      { words: [], runs: ['芒果干'], indexed: true },
      { words: ['เงิน', 'คืน'], runs: [], indexed: true },
    ],
  );
  assert.equal(q.indexed, true);
  // Full-width letters fold (NFKC), and ASCII punctuation inside a word splits it the way both indexes do.
  assert.deepEqual(compileQuery('ＷＩＮＤＯＷ').terms[0]?.words, ['window']);
  assert.deepEqual(compileQuery("don't").terms[0]?.words, ['don', 't']);
});

test('a single Han character or a term of symbols only is left to the scan', () => {
  const q = compileQuery('芒果 霉 !!!');
  assert.equal(q.indexed, false);
  assert.deepEqual(
    q.terms.map((t) => [t.indexed, t.needle]),
    [
      [true, '芒果'],
      [false, '霉'],
      [false, '!!!'],
    ],
  );
  assert.deepEqual(
    indexedTerms(q).map((t) => t.raw),
    ['芒果'],
  );
  // A run of two or more characters next to a single one elsewhere in the term still needs the scan.
  assert.equal(compileQuery('A級').terms[0]?.indexed, false);
});

test('repeated terms are matched once', () => {
  assert.equal(compileQuery('芒果 芒果 芒果').terms.length, 1);
  assert.equal(compileQuery('Window window').terms.length, 1);
});

test('empty, too long or too many terms is a validation error', () => {
  for (const q of ['', '   ', '\u3000', 'x'.repeat(501), 'a b c d e f g h i j k l m n o p q']) {
    assert.throws(
      () => compileQuery(q),
      (e: unknown) => e instanceof AppError && e.code === 'validation_failed',
      JSON.stringify(q.slice(0, 20)),
    );
  }
});

test('FTS5: each term a phrase on its column, all ANDed, bigrams for Han', () => {
  const q = compileQuery('"left front window" 芒果干 退款');
  assert.equal(toFtsMatch(q.terms), 'words : "left front window" AND grams : "芒果 果干" AND grams : "退款"');
  assert.equal(toFtsMatch(compileQuery('霉').terms), undefined);
});

test('tsquery: phrases with <->, terms with &, lexemes quoted', () => {
  const q = compileQuery('"left front window" 芒果干 退款');
  assert.equal(toTsQuery(q.terms), "('left' <-> 'front' <-> 'window') & ('芒果' <-> '果干') & '退款'");
});

test('operators and quotes typed by the user never reach either query language', () => {
  const hostile = [
    'NEAR(window regulator, 2)',
    'window* OR 1=1',
    '{words grams} : x',
    "'; DROP TABLE cases; --",
    "'芒果':* & !退款",
    'a"b',
    '\\x',
    '^start',
    '-not',
  ];
  for (const raw of hostile) {
    const terms = compileQuery(raw).terms;
    const fts = toFtsMatch(terms) ?? '';
    const ts = toTsQuery(terms) ?? '';
    // Outside the quotes we add, FTS5 sees only column names, colons and AND.
    const ftsOutside = fts.replace(/"[^"]*"/gu, '');
    assert.match(ftsOutside, /^(?:\s|words|grams|:|AND)*$/u, `${raw} → ${fts}`);
    // Inside quoted phrases there is no quote, star, colon or parenthesis left.
    for (const phrase of fts.match(/"[^"]*"/gu) ?? []) assert.doesNotMatch(phrase.slice(1, -1), /["*:()^{}]/u, fts);
    const tsOutside = ts.replace(/'(?:[^']|'')*'/gu, '');
    assert.match(tsOutside, /^(?:\s|<->|&|\(|\))*$/u, `${raw} → ${ts}`);
  }
});
