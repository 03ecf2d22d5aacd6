import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Locales, EmailTemplateKinds } from '@redress/contract';
import {
  hearBackBy,
  mailLanguage,
  mailTimeZone,
  nextSendAttemptAt,
  recipientFor,
  SEND_MAX_ATTEMPTS,
  sendRetryDelayMs,
  withoutPrivateLinks,
  messageIdFor,
  plusTagged,
  referencesFor,
  addressOf,
  oneLine,
  isPermanentSmtpFailure,
  describeSmtpError,
} from './correspondence.ts';
import { formatHearBackBy, renderEmail, subjectWithRef } from './render.ts';
import { SHIPPED_TEMPLATES, templateProblems, TEMPLATE_VARIABLES } from './templates.ts';

const due = new Date('2026-03-04T09:30:00.000Z');
const values = (language: (typeof Locales)[number]) => ({
  customerName: 'Chen',
  caseRef: 'C-2026-000123',
  caseSubject: 'Mangoes',
  portalLink: 'https://redress.example.com/portal/case#token=abc.def',
  hearBackBy: formatHearBackBy(due, 'Asia/Taipei', language),
  message: 'We have booked the engineer.',
  resolution: 'Refunded in full.',
  problem: 'The mangoes were rotten',
  surveyLink: 'https://redress.example.com/portal/survey#token=xyz.uvw',
  linkExpiresOn: '1 April 2026',
});

test('every shipped template is valid, in every language', () => {
  for (const kind of EmailTemplateKinds) {
    for (const language of Locales) {
      assert.deepEqual(templateProblems(kind, SHIPPED_TEMPLATES[kind][language]), [], `${kind} ${language}`);
    }
  }
});

test('the acknowledgement names the hear-back time in the customer language and the site zone', () => {
  // 09:30 UTC is 17:30 in Taipei, 16:30 in Bangkok.
  const expected: Record<string, RegExp[]> = {
    en: [/Wednesday, 4 March 2026/, /17:30/, /GMT\+8/],
    'zh-TW': [/2026年3月4日/, /星期三/, /5:30/],
    'zh-CN': [/2026年3月4日/, /星期三/, /17:30/],
    // The Thai calendar counts Buddhist years: 2026 is 2569.
    th: [/วันพุธ/, /มีนาคม/, /2569/, /17:30/],
  };
  for (const language of Locales) {
    const mail = renderEmail(SHIPPED_TEMPLATES.acknowledgement[language], values(language), {
      language,
      caseRef: 'C-2026-000123',
    });
    for (const pattern of expected[language] ?? []) assert.match(mail.text, pattern, `${language}: ${mail.text}`);
    assert.ok(mail.text.includes('C-2026-000123'), language);
    assert.ok(mail.text.includes('https://redress.example.com/portal/case#token=abc.def'), language);
    assert.ok(mail.subject.endsWith('[C-2026-000123]'), mail.subject);
    assert.match(mail.html, new RegExp(`<html lang="${language}">`));
    assert.match(mail.html, /<a href="https:\/\/redress\.example\.com\/portal\/case#token=abc\.def">/);
  }
  const bangkok = formatHearBackBy(due, 'Asia/Bangkok', 'en');
  assert.match(bangkok, /16:30/);
});

test('the follow-up restates the problem and links the survey in all four languages', () => {
  for (const language of Locales) {
    const mail = renderEmail(SHIPPED_TEMPLATES.follow_up[language], values(language), {
      language,
      caseRef: 'C-2026-000123',
    });
    assert.ok(mail.text.includes('The mangoes were rotten'), language);
    assert.ok(mail.html.includes('href="https://redress.example.com/portal/survey#token=xyz.uvw"'), language);
  }
});

test('hostile values stay text: escaped in HTML, never read as placeholders, no header injection', () => {
  const hostile = {
    ...values('en'),
    customerName: '<img src=x onerror=alert(1)> {{portalLink}}',
    message: '"><script>alert(1)</script>\nhttps://evil.example/"onmouseover="x',
  };
  const mail = renderEmail(SHIPPED_TEMPLATES.reply.en, hostile, { language: 'en', caseRef: 'C-2026-000123' });
  assert.ok(!mail.html.includes('<script'), mail.html);
  assert.ok(!mail.html.includes('<img'), mail.html);
  assert.ok(mail.html.includes('&lt;script&gt;'));
  assert.ok(!/href="[^"]*"onmouseover/.test(mail.html), mail.html);
  // A value that looks like a placeholder is not filled in again.
  assert.ok(mail.text.includes('{{portalLink}}'));
  const subject = renderEmail(
    { subject: 'Hi {{customerName}}', body: '{{message}}' },
    { customerName: 'a\r\nBcc: x@y' },
    {
      language: 'en',
      caseRef: 'C-2026-000123',
    },
  ).subject;
  assert.ok(!/[\r\n]/.test(subject), subject);
  assert.equal(subjectWithRef('Re [C-2026-000123] x', 'C-2026-000123'), 'Re [C-2026-000123] x');
});

test('saving refuses unknown and malformed placeholders, a missing required one, a subject on two lines', () => {
  const fields = (kind: (typeof EmailTemplateKinds)[number], subject: string, body: string) =>
    templateProblems(kind, { subject, body }).map((p) => `${p.field} ${p.message}`);
  assert.match(fields('reply', 'Hi', '{{message}} {{password}}').join('|'), /unknown placeholder \{\{password\}\}/);
  assert.match(fields('reply', 'Hi {{ customerName }', '{{message}}').join('|'), /\/body\/subject has "\{\{"/);
  assert.match(fields('acknowledgement', 'Hi', 'Thanks. {{portalLink}}').join('|'), /must use \{\{hearBackBy\}\}/);
  assert.match(fields('reply', 'a\nb', '{{message}}').join('|'), /must be one line/);
  assert.match(fields('follow_up', 'Hi', '{{problem}}').join('|'), /must use \{\{surveyLink\}\}/);
  assert.deepEqual(fields('reply', 'Hi {{ customerName }}', '{{message}}'), []);
  assert.ok(TEMPLATE_VARIABLES.acknowledgement.includes('hearBackBy'));
});

test('threading: Message-ID under the public host, References chain, plus-tagged Reply-To', () => {
  assert.equal(messageIdFor('eml_01ABC', 'https://redress.example.com/x'), '<eml_01ABC@redress.example.com>');
  assert.deepEqual(referencesFor(null), []);
  assert.deepEqual(referencesFor({ messageId: '<c@x>', references: ['<a@x>', '<b@x>', '<a@x>'] }), [
    '<a@x>',
    '<b@x>',
    '<c@x>',
  ]);
  const long = referencesFor({ messageId: '<last@x>', references: Array.from({ length: 30 }, (_, i) => `<${i}@x>`) });
  assert.equal(long.length, 20);
  assert.equal(long[0], '<0@x>');
  assert.equal(long.at(-1), '<last@x>');
  assert.equal(plusTagged('help@shop.example', 'C-2026-000123'), 'help+C-2026-000123@shop.example');
  assert.equal(plusTagged('help+old@shop.example', 'C-2026-000123'), 'help+C-2026-000123@shop.example');
  assert.equal(addressOf('Redress <redress@example.com>'), 'redress@example.com');
  assert.equal(addressOf('not an address'), null);
});

test('which clock the acknowledgement promises, the language, one line, SMTP failures', () => {
  const at = (iso: string) => new Date(iso);
  // No clock: eight weeks after filing (FCA DISP 1.6.2).
  assert.deepEqual(hearBackBy([], at('2026-03-02T09:00:00Z')), at('2026-04-27T09:00:00Z'));
  assert.deepEqual(
    hearBackBy(
      [
        { key: 'resolve', state: 'running', dueAt: at('2026-03-10T00:00:00Z') },
        { key: 'first_response', state: 'met', dueAt: at('2026-03-03T00:00:00Z') },
        { key: 'acknowledge', state: 'running', dueAt: at('2026-03-02T12:00:00Z') },
      ],
      at('2026-03-02T09:00:00Z'),
    ),
    at('2026-03-02T12:00:00Z'),
  );
  assert.equal(mailLanguage(null, 'th'), 'th');
  assert.equal(mailLanguage('zh-TW', 'th'), 'zh-TW');
  assert.equal(mailLanguage('fr', null), 'en');
  assert.equal(oneLine('\n  first   line \nsecond'), 'first line');
  assert.equal(oneLine('x'.repeat(300)).length, 160);
  const refusal = (responseCode: number, command: string) => Object.assign(new Error('x'), { responseCode, command });
  // The recipient or the message refused: permanent.
  for (const code of [550, 551, 552, 553, 554]) {
    assert.equal(isPermanentSmtpFailure(refusal(code, 'RCPT TO')), true, `${code} RCPT`);
    assert.equal(isPermanentSmtpFailure(refusal(code, 'DATA')), true, `${code} DATA`);
  }
  // Authentication, a refused sender, a busy or greylisting server: the configuration's or time's to fix.
  assert.equal(isPermanentSmtpFailure(refusal(535, 'AUTH PLAIN')), false);
  assert.equal(isPermanentSmtpFailure(refusal(530, 'MAIL FROM')), false);
  assert.equal(isPermanentSmtpFailure(refusal(550, 'MAIL FROM')), false);
  assert.equal(isPermanentSmtpFailure(refusal(421, 'RCPT TO')), false);
  assert.equal(isPermanentSmtpFailure(refusal(451, 'DATA')), false);
  assert.equal(isPermanentSmtpFailure(Object.assign(new Error('x'), { responseCode: 550 })), false);
  assert.equal(isPermanentSmtpFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })), false);
  assert.equal(
    describeSmtpError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' })),
    'could not deliver (ECONNREFUSED)',
  );
});

test('retries span a day: quick at first, then hourly', () => {
  assert.equal(sendRetryDelayMs(1), 30_000);
  assert.equal(sendRetryDelayMs(2), 60_000);
  assert.equal(sendRetryDelayMs(20), 3_600_000);
  let waited = 0;
  for (let attempts = 1; attempts < SEND_MAX_ATTEMPTS; attempts += 1) waited += sendRetryDelayMs(attempts);
  assert.ok(waited >= 24 * 3_600_000, `${waited}`);
  assert.ok(waited < 26 * 3_600_000, `${waited}`);
  const now = new Date('2026-03-02T09:00:00Z');
  assert.equal(nextSendAttemptAt(SEND_MAX_ATTEMPTS, now), null);
  assert.deepEqual(nextSendAttemptAt(1, now), new Date('2026-03-02T09:00:30Z'));
});

test('only the link variables become links: a URL in a customer-supplied value stays text', () => {
  const hostile = {
    ...values('en'),
    customerName: 'Win a prize at https://evil.example/claim now',
    caseSubject: 'http://evil.example/x',
    message: 'see https://evil.example/again',
  };
  for (const kind of ['acknowledgement', 'reply'] as const) {
    const mail = renderEmail(SHIPPED_TEMPLATES[kind].en, hostile, { language: 'en', caseRef: 'C-2026-000123' });
    assert.ok(!mail.html.includes('<a href="https://evil'), mail.html);
    assert.ok(!mail.html.includes('<a href="http://evil'), mail.html);
    assert.equal((mail.html.match(/<a /g) ?? []).length, 1, mail.html);
    assert.match(mail.html, /<a href="https:\/\/redress\.example\.com\/portal\/case#token=abc\.def">/);
  }
  // A link variable that is not an http(s) URL is not a link either.
  const odd = renderEmail(
    SHIPPED_TEMPLATES.magic_link.en,
    { ...values('en'), portalLink: 'javascript:alert(1)' },
    {
      language: 'en',
      caseRef: 'C-2026-000123',
    },
  );
  assert.ok(!odd.html.includes('<a '), odd.html);
  // Private-use characters cannot pose as a link's slot.
  const posing = renderEmail(
    { subject: 'x', body: '{{customerName}} {{portalLink}}' },
    {
      customerName: '\uE0000\uE001',
      portalLink: 'https://redress.example.com/portal/case#token=abc',
    },
    { language: 'en', caseRef: 'C-1' },
  );
  assert.equal((posing.html.match(/<a /g) ?? []).length, 1, posing.html);
  assert.equal((posing.text.match(/token=abc/g) ?? []).length, 1, posing.text);
});

test("the staff copy shows a marker where the customer's copy has a private link", () => {
  for (const language of Locales) {
    const kept = renderEmail(SHIPPED_TEMPLATES.follow_up[language], values(language), {
      language,
      caseRef: 'C-2026-000123',
      linkMarker: '[LINK]',
    });
    assert.ok(!kept.text.includes('token='), kept.text);
    assert.ok(!kept.html.includes('token='), kept.html);
    assert.ok(kept.text.includes('[LINK]'), kept.text);
    assert.ok(!kept.html.includes('<a '), kept.html);
  }
  assert.equal(
    withoutPrivateLinks('open https://x.example/portal/case#token=a.b-c_d, then https://x.example/help', 'en'),
    'open [private link], then https://x.example/help',
  );
  assert.equal(withoutPrivateLinks('https://x.example/portal/survey#token=q', 'zh-TW'), '[私人連結]');
});

test('the follow-up must say which problem it asks about', () => {
  const problems = templateProblems('follow_up', { subject: 'Hi', body: 'How did we do? {{surveyLink}}' });
  assert.ok(
    problems.some((p) => p.message === 'must use {{problem}}'),
    JSON.stringify(problems),
  );
});

test("the recipient is the newest sender only when that is one of the customer's addresses", () => {
  const contacts = ['wanglei@example.cn', 'wl.work@example.cn'];
  assert.equal(recipientFor('cc.colleague@example.org', contacts), 'wanglei@example.cn');
  assert.equal(recipientFor('WL.Work@Example.CN', contacts), 'wl.work@example.cn');
  assert.equal(recipientFor(null, contacts), 'wanglei@example.cn');
  assert.equal(recipientFor('someone@example.org', []), null);
});

test('times are written in the site zone, else the clock calendar zone, else UTC', () => {
  const dueAt = new Date('2026-03-03T01:00:00Z');
  const clocks = [
    { key: 'resolve', state: 'running', dueAt, timeZone: 'Asia/Taipei' },
    { key: 'first_response', state: 'running', dueAt, timeZone: 'Asia/Bangkok' },
  ];
  assert.equal(mailTimeZone('Europe/London', clocks), 'Europe/London');
  assert.equal(mailTimeZone(null, clocks), 'Asia/Bangkok');
  assert.equal(
    mailTimeZone(null, [{ key: 'keep_in_loop', state: 'running', dueAt, timeZone: 'Asia/Taipei' }]),
    'Asia/Taipei',
  );
  assert.equal(mailTimeZone(null, [{ key: 'first_response', state: 'running', dueAt, timeZone: null }]), 'UTC');
});
