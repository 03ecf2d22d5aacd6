import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  autoReplyReason,
  caseRefInAddresses,
  caseRefInSubject,
  decideThread,
  messageKey,
  readHeaders,
  splitPlusAddress,
} from './inbound-mail.ts';

const raw = (head: string, body = 'hello') => Buffer.from(`${head.trim().replace(/\n/gu, '\r\n')}\r\n\r\n${body}`);
const own = { messageIdDomains: ['redress.shop.example'], addresses: ['complaints@shop.example'] };
const facts = (head: string, from = 'customer@example.com', envelopeFrom: string | null = from) => {
  const headers = readHeaders(raw(head));
  return { headers, from, envelopeFrom, messageId: messageKey(headers, 'abc') };
};

test('headers are read unfolded; mail without a Message-ID is keyed by its digest', () => {
  const headers = readHeaders(raw('Subject: one\n two\nMessage-ID:\n <x@y.example>\nX-Empty:'));
  assert.deepEqual(headers.get('subject'), ['one two']);
  assert.equal(messageKey(headers, 'abc'), '<x@y.example>');
  assert.equal(messageKey(readHeaders(raw('Subject: none')), 'abc'), '<abc@no-message-id.invalid>');
  assert.equal(messageKey(readHeaders(Buffer.from('\u0000garbage')), 'd1'), '<d1@no-message-id.invalid>');
});

test('auto-replies, bulk mail, bounces and our own mail are recognised; a person is not', () => {
  const id = 'Message-ID: <1@example.com>\n';
  assert.equal(autoReplyReason(facts(`${id}Subject: hi`), own), null);
  assert.equal(autoReplyReason(facts(`${id}Auto-Submitted: no`), own), null);
  assert.match(autoReplyReason(facts(`${id}Auto-Submitted: auto-replied`), own) ?? '', /Auto-Submitted/u);
  assert.match(autoReplyReason(facts(`${id}Precedence: bulk`), own) ?? '', /Precedence/u);
  assert.match(autoReplyReason(facts(`${id}Precedence: list`), own) ?? '', /Precedence/u);
  assert.match(autoReplyReason(facts(`${id}X-Autoreply: yes`), own) ?? '', /X-Autoreply/u);
  assert.match(autoReplyReason(facts(`${id}X-Auto-Response-Suppress: All`), own) ?? '', /Suppress/u);
  assert.match(autoReplyReason(facts(id, 'MAILER-DAEMON@mx.example.com'), own) ?? '', /mail system/u);
  assert.match(autoReplyReason(facts(id, 'postmaster@example.com'), own) ?? '', /mail system/u);
  assert.match(autoReplyReason(facts(id, 'customer@example.com', ''), own) ?? '', /null envelope/u);
  assert.match(autoReplyReason(facts('Message-ID: <eml_01J9ABC@redress.shop.example>'), own) ?? '', /loop/u);
  // A customer's own mail client may name our domain in its ids: that is still a person writing.
  assert.equal(autoReplyReason(facts('Message-ID: <9@redress.shop.example>'), own), null);
  assert.match(autoReplyReason(facts(`${id}List-Id: <news.example.com>`), own) ?? '', /mailing list/u);
  assert.match(autoReplyReason(facts(`${id}Return-Path: <>`), own) ?? '', /null return path/u);
  assert.match(autoReplyReason(facts(id, 'complaints+C-2026-000001@shop.example'), own) ?? '', /loop/u);
});

test('case references come from the subject or a plus-address', () => {
  assert.equal(caseRefInSubject('Re: 退款申請 [c-2026-000123]'), 'C-2026-000123');
  assert.equal(caseRefInSubject('Order C-2026-12345'), null);
  assert.equal(
    caseRefInAddresses(['complaints@shop.example', 'complaints+C-2026-000123@shop.example']),
    'C-2026-000123',
  );
  assert.equal(caseRefInAddresses(['complaints+C-2026-000123x@shop.example']), null);
  assert.deepEqual(splitPlusAddress('Complaints+Tag@Shop.example'), { base: 'complaints@shop.example', tag: 'Tag' });
});

test('threading: a reply goes to its case; a reference only for the case customer; otherwise a new case', () => {
  const refCase = { id: 'case_1', customerEmails: ['a@example.com'] };
  assert.deepEqual(decideThread({ byMessageId: 'case_9', ref: 'C-2026-000001', refCase, sender: 'x@example.com' }), {
    kind: 'reply',
    caseId: 'case_9',
  });
  assert.deepEqual(decideThread({ byMessageId: null, ref: 'C-2026-000001', refCase, sender: 'A@example.com' }), {
    kind: 'reference',
    caseId: 'case_1',
  });
  assert.deepEqual(decideThread({ byMessageId: null, ref: 'C-2026-000001', refCase, sender: 'x@example.com' }), {
    kind: 'new',
    strangerRef: 'C-2026-000001',
  });
  assert.deepEqual(decideThread({ byMessageId: null, ref: null, refCase: null, sender: 'a@example.com' }), {
    kind: 'new',
    strangerRef: null,
  });
});
