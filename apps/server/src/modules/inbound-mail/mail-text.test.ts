import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sanitizeEmailHtml, stripQuotedReply, textFromHtml } from './mail-text.ts';

const hostile = `
<html><head><style>body{background:url(https://track.example/p.gif)}</style><title>x</title></head>
<body onload="steal()">
<script>alert(document.cookie)</script>
<p style="color:red" onclick="evil()">退款 <b>please</b></p>
<img src="https://track.example/open.gif?u=1" width="1" height="1">
<img src="x" onerror="alert(1)">
<a href="javascript:alert(1)">click</a>
<a href="https://shop.example/order/12345" onmouseover="x()">order</a>
<a href="//evil.example/x">protocol-relative</a>
<iframe src="https://evil.example"></iframe>
<form action="https://evil.example"><input name="card"></form>
<svg><script>alert(2)</script></svg>
<table><tr><td colspan="2" bgcolor="red">cell</td></tr></table>
</body></html>`;

test('hostile HTML keeps the words and loses every active or remote part', () => {
  const safe = sanitizeEmailHtml(hostile);
  for (const banned of [
    '<script',
    'alert(',
    'onload',
    'onclick',
    'onerror',
    'onmouseover',
    'javascript:',
    '<style',
    'track.example',
    '<img',
    '<iframe',
    '<form',
    '<input',
    'style=',
    'evil.example',
    'bgcolor',
  ]) {
    assert.equal(safe.includes(banned), false, `${banned} survived: ${safe}`);
  }
  assert.match(safe, /<p>退款 <b>please<\/b><\/p>/u);
  assert.match(
    safe,
    /<a href="https:\/\/shop\.example\/order\/12345" rel="noopener noreferrer nofollow" target="_blank">order<\/a>/u,
  );
  assert.match(safe, /<td colspan="2">cell<\/td>/u);
});

test('text comes from the HTML when there is no text part, line breaks kept, no code', () => {
  const text = textFromHtml('<div>สวัสดีครับ</div><p>Line&nbsp;two &amp; more</p><script>x()</script>third<br>fourth');
  assert.equal(text, 'สวัสดีครับ\nLine two & more\nthird\nfourth');
});

test('quoted replies are stripped in each language we serve; nothing-but-quote keeps the text', () => {
  assert.equal(
    stripQuotedReply('Thanks, got it.\n\nOn Mon, 2 Mar 2026 at 09:00, Shop <a@b.c> wrote:\n> old\n> text'),
    'Thanks, got it.',
  );
  assert.equal(
    stripQuotedReply('好的，謝謝\n\n在 2026年3月2日 週一 上午9:00，客服 <a@b.c> 寫道：\n> 舊的'),
    '好的，謝謝',
  );
  assert.equal(stripQuotedReply('ได้รับแล้วครับ\n\nเมื่อ จ. 2 มี.ค. 2026 ร้านค้า เขียนว่า:\n> เก่า'), 'ได้รับแล้วครับ');
  assert.equal(
    stripQuotedReply('See below\n\n-----Original Message-----\nFrom: Shop\nSent: Monday\n\nold'),
    'See below',
  );
  assert.equal(
    stripQuotedReply('From: my neighbour, who also bought one.\nIt broke too.'),
    'From: my neighbour, who also bought one.\nIt broke too.',
  );
  assert.equal(stripQuotedReply('Answer inline:\n> question?\nyes\n\n-- \nSomchai'), 'Answer inline:\nyes');
  assert.equal(stripQuotedReply('> only a quote'), '> only a quote');
});

test('a reply of a hundred thousand quoted lines is read once, not once per line', () => {
  const hostile = `${'>\n'.repeat(100_000)}x`;
  // The last line is not a quote, so no quoted block ends the reply: the quotes are dropped, x kept.
  assert.equal(stripQuotedReply(hostile), 'x');
  assert.equal(stripQuotedReply(`answer\n${'> q\n'.repeat(100_000)}`), 'answer');
});
