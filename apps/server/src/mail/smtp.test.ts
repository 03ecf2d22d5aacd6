import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadConfig } from '../config.ts';
import { isAppError } from '../shared/errors.ts';
import { startSmtpServer } from '../../test/factories/notifications.ts';
import { createSmtpCustomerMailer, createSmtpMailer } from './smtp.ts';

test('SMTP_URL and MAIL_FROM: optional, checked, the password never echoed', () => {
  const none = loadConfig({});
  assert.equal(none.smtpUrl, undefined);
  assert.equal(none.mailFrom, 'Redress <redress@localhost>');
  const set = loadConfig({
    SMTP_URL: 'smtp://user:s3cret@mail.example.com:587',
    MAIL_FROM: 'Help <help@example.com>',
    REDRESS_PUBLIC_URL: 'https://redress.example.com',
  });
  assert.equal(set.smtpUrl, 'smtp://user:s3cret@mail.example.com:587');
  assert.equal(set.mailFrom, 'Help <help@example.com>');
  assert.equal(
    loadConfig({ REDRESS_PUBLIC_URL: 'https://redress.example.com' }).mailFrom,
    'Redress <redress@redress.example.com>',
  );
  for (const bad of ['http://user:s3cret@mail.example.com', 'mail.example.com:587', 'smtp://']) {
    assert.throws(
      () => loadConfig({ SMTP_URL: bad }),
      (error) => isAppError(error) && error.code === 'config_invalid' && !error.message.includes('s3cret'),
      bad,
    );
  }
});

test('the transport delivers to a real SMTP server and reports a refused mailbox as rejected', async () => {
  const smtp = await startSmtpServer({ reject: (to) => to.startsWith('gone@') });
  try {
    const mailer = createSmtpMailer({ url: smtp.url, from: 'Redress <redress@example.test>', timeoutMs: 5_000 });
    const message = { subject: 'Hello', text: 'Plain', html: '<p>Plain</p>', messageId: '<ntf_1@example.test>' };
    assert.equal(await mailer.send({ ...message, to: 'someone@example.test' }), 'sent');
    assert.equal(await mailer.send({ ...message, to: 'gone@example.test' }), 'rejected');
    assert.equal(smtp.received.length, 1);
    assert.deepEqual(smtp.received[0]?.to, ['someone@example.test']);
    assert.match(smtp.received[0]?.raw ?? '', /Message-ID: <ntf_1@example\.test>/i);
  } finally {
    await smtp.close();
  }
});

test('a customer e-mail goes to the one address it names: a comma in it cannot add a recipient', async () => {
  const smtp = await startSmtpServer();
  try {
    const mailer = createSmtpCustomerMailer({ url: smtp.url, timeoutMs: 5_000 });
    const mail = {
      from: 'Help <help@example.test>',
      replyTo: 'help+C-2026-000001@example.test',
      subject: 'Hello',
      text: 'Plain',
      html: '<p>Plain</p>',
      messageId: '<eml_1@example.test>',
      inReplyTo: null,
      references: [],
      autoSubmitted: null,
    };
    await mailer.send({ ...mail, to: 'someone@example.test, evil@example.test' }).catch(() => undefined);
    for (const received of smtp.received) {
      assert.equal(received.to.length, 1, JSON.stringify(received.to));
      assert.ok(!received.to.includes('evil@example.test'));
    }
    await mailer.send({ ...mail, to: 'someone@example.test', messageId: '<eml_2@example.test>' });
    assert.deepEqual(smtp.received.at(-1)?.to, ['someone@example.test']);
  } finally {
    await smtp.close();
  }
});
