import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { asTextLanguage, detectLanguage } from './detect-language.ts';
import { fold, foldPattern, foldText, originalSpan } from './fold.ts';
import { terms, tokenize } from './segment.ts';

describe('folding', () => {
  it('folds Traditional to Simplified, full width to ASCII and case, keeping length for Han', () => {
    assert.equal(fold('你們是騙子'), '你们是骗子');
    assert.equal(fold('你们是骗子'), '你们是骗子');
    assert.equal(fold('ＣＦＰＢ　１２３１５'), 'cfpb 12315');
    assert.equal(fold('I Want A REFUND'), 'i want a refund');
  });

  it('unifies the two ways of typing Thai SARA AM', () => {
    assert.equal(fold('คำ'), fold('ค\u0e4d\u0e32'));
  });

  it('maps a folded match back to the words the customer wrote', () => {
    const text = '他們說：你們是騙子！';
    const folded = foldText(text);
    const at = folded.text.indexOf('骗子');
    const span = originalSpan(folded, at, at + 2);
    assert.equal(text.slice(span.start, span.end), '騙子');
    const wide = foldText('Ｉ ＷＡＮＴ a ﬁx');
    const fix = wide.text.indexOf('fix');
    const fixSpan = originalSpan(wide, fix, fix + 3);
    assert.equal('Ｉ ＷＡＮＴ a ﬁx'.slice(fixSpan.start, fixSpan.end), 'ﬁx');
  });

  it('folds only the non-ASCII characters of a pattern', () => {
    assert.equal(foldPattern('\\B騙子\\W[A-Z]'), '\\B骗子\\W[A-Z]');
  });
});

describe('language detection', () => {
  it('tells the four languages apart', () => {
    assert.equal(detectLanguage('I have called five times and nobody answers.'), 'en');
    assert.equal(detectLanguage('你們是騙子，我要找你們經理'), 'zh-TW');
    assert.equal(detectLanguage('你们是骗子，我要找你们经理'), 'zh-CN');
    assert.equal(detectLanguage('ขอเงินคืนด่วนเลยค่ะ'), 'th');
  });

  it('reads Cantonese written forms as Traditional', () => {
    assert.equal(detectLanguage('佢哋唔理我'), 'zh-TW');
  });

  it('keeps an English message with a Chinese shop name English, and a Thai message with a brand Thai', () => {
    assert.equal(detectLanguage('My order from the 芒果 shop never arrived and support ignores me'), 'en');
    assert.equal(detectLanguage('ซื้อ iPhone 15 Pro แล้วจอเสีย'), 'th');
  });

  it('settles Chinese with no script-specific character by the hint', () => {
    assert.equal(detectLanguage('我要退款', 'zh-TW'), 'zh-TW');
    assert.equal(detectLanguage('我要退款'), 'zh-CN');
    assert.equal(detectLanguage('', 'th'), 'th');
  });

  it('reads language tags', () => {
    assert.equal(asTextLanguage('zh-Hant-HK'), 'zh-TW');
    assert.equal(asTextLanguage('zh-Hans'), 'zh-CN');
    assert.equal(asTextLanguage('th-TH'), 'th');
    assert.equal(asTextLanguage('fr'), undefined);
  });
});

describe('segmentation', () => {
  it('finds Chinese and Thai words inside runs without spaces', () => {
    assert.deepEqual(terms('我昨天买的芒果都烂了要退款'), [
      '我',
      '昨天',
      '买',
      '的',
      '芒果',
      '都',
      '烂',
      '了',
      '要',
      '退款',
    ]);
    assert.ok(terms('ขอเงินคืนด่วนเลยค่ะ').includes('เงิน'));
    assert.ok(terms('ขอเงินคืนด่วนเลยค่ะ').includes('คืน'));
    assert.deepEqual(terms('I want my MONEY back!'), ['i', 'want', 'my', 'money', 'back']);
  });

  it('folds words and keeps their span in the original text', () => {
    const text = '你們是騙子';
    const tokens = tokenize(text);
    const liar = tokens.find((t) => t.term === '骗子');
    assert.ok(liar);
    assert.equal(text.slice(liar.start, liar.end), '騙子');
  });

  it('segments a long text in chunks with the same words and true offsets', () => {
    const sentence = '我昨天买的芒果都烂了，要退款。ขอเงินคืน I want a refund. ';
    const text = sentence.repeat(200);
    const whole = tokenize(text, 1_000_000);
    const chunked = tokenize(text, 256);
    assert.deepEqual(
      chunked.map((t) => t.term),
      whole.map((t) => t.term),
    );
    for (const token of chunked) assert.equal(fold(text.slice(token.start, token.end)), token.term);
  });

  it('cuts an unpunctuated run without splitting a surrogate pair', () => {
    const text = '😀'.repeat(300) + '芒果';
    const tokens = tokenize(text, 101);
    assert.ok(tokens.some((t) => t.term === '芒果'));
  });
});
