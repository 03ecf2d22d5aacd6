import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clausesOf, foldedSlice, readDraft, sentencesOf } from './draft-sentences.ts';
import { findTimeExpressions } from './time-expressions.ts';

const NOW = new Date('2026-03-02T01:00:00.000Z');
const texts = (text: string, spans: readonly { start: number; end: number }[]) =>
  spans.map((s) => text.slice(s.start, s.end).trim());

test('sentences end at sentence marks and at a stop before a space, but not at the stop of a time', () => {
  const text = 'I will call by 3 p.m. tomorrow. Thanks!\n我們會處理。謝謝';
  const sentences = sentencesOf(text, findTimeExpressions(text, NOW, 'Asia/Taipei'));
  assert.deepEqual(texts(text, sentences), ['I will call by 3 p.m. tomorrow.', 'Thanks!', '我們會處理。', '謝謝']);
  const thai = 'ดิฉันจะโทรกลับก่อน 15.00 น. ค่ะ';
  assert.deepEqual(texts(thai, sentencesOf(thai, findTimeExpressions(thai, NOW, 'Asia/Bangkok'))), [thai]);
});

test('clauses end at commas and colons, and at a space between Thai words only', () => {
  const zh = '我们会为您退款，明天下午三点前打电话确认';
  assert.deepEqual(texts(zh, clausesOf(zh, { start: 0, end: zh.length })), [
    '我们会为您退款',
    '明天下午三点前打电话确认',
  ]);
  const th = 'คุณสมชายคะ ดิฉันจะโทรกลับก่อน 15.00 น.  ค่ะ';
  assert.deepEqual(texts(th, clausesOf(th, { start: 0, end: th.length })), [
    'คุณสมชายคะ',
    'ดิฉันจะโทรกลับก่อน 15.00 น.  ค่ะ',
  ]);
});

test('a span of the draft reads folded, surrogate pairs and Traditional characters included', () => {
  const text = 'A𠀀B 臺灣 ＡＢＣ';
  const draft = readDraft(text);
  assert.equal(foldedSlice(draft, { start: 0, end: text.length }), draft.folded.text);
  assert.equal(foldedSlice(draft, { start: 1, end: 3 }), '𠀀');
  assert.equal(foldedSlice(draft, { start: 5, end: 7 }), '台湾');
  assert.equal(foldedSlice(draft, { start: 8, end: 11 }), 'abc');
});
