import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold } from './fold.ts';
import { terms } from './segment.ts';
import { isStopWord, STOP_WORDS } from './stopwords.ts';

const contentWords = (text: string): string[] => terms(text).filter((term) => !isStopWord(term));

describe('stop words', () => {
  it('drops English function words and keeps the words that name a complaint', () => {
    for (const word of ['the', 'and', 'my', 'was', 'would']) assert.equal(isStopWord(word), true, word);
    for (const word of ['problem', 'call', 'order', 'number', 'account', 'open', 'help', 'refund', 'not'])
      assert.equal(isStopWord(word), false, word);
    assert.deepEqual(contentWords('The problem with my account is still open'), ['problem', 'account', 'open']);
  });

  it('keeps the Thai words of "I did not receive the goods"', () => {
    for (const word of ['ส่ง', 'ของ', 'รับ', 'ได้รับ', 'เปิด', 'ทำ']) assert.equal(isStopWord(word), false, word);
    for (const word of ['ที่', 'และ', 'ได้', 'จะ']) assert.equal(isStopWord(word), true, word);
    assert.deepEqual(contentWords('ไม่ได้รับของ'), ['รับ', 'ของ']);
    assert.ok(contentWords('สินค้าที่ส่งมา').includes('ส่ง'));
  });

  it('keeps Chinese complaint words, in Traditional and Simplified alike', () => {
    for (const word of ['的', '了', '我们', '因为']) assert.equal(isStopWord(word), true, word);
    for (const word of ['等', '打', '给', '受到', '结果', '退款', '问题']) assert.equal(isStopWord(word), false, word);
    assert.deepEqual(contentWords('我等了三天'), ['等', '三天']);
    // The list is folded: the Traditional form of a stop word is one once the text is folded.
    assert.equal(STOP_WORDS.has(fold('我們')), true);
    assert.equal(STOP_WORDS.has(fold('結果')), false);
  });
});
