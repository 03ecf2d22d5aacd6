import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTransport } from 'nodemailer';
import pino from 'pino';
import { loadConfig } from '../config.ts';
import type { ReceiveInput } from '../modules/inbound-mail/index.ts';
import { startSmtpReceiver } from './smtp-receiver.ts';

const start = async (receive: (input: ReceiveInput) => Promise<unknown>) =>
  startSmtpReceiver({
    port: 0,
    host: '127.0.0.1',
    maxBytes: 64 * 1024,
    channelFor: async (address) =>
      address.toLowerCase().replace(/\+[^@]*@/u, '@') === 'in@shop.example' ? { id: 'chn_1' } : undefined,
    receive,
    logger: pino({ level: 'silent' }),
  });

test('250 only after the message is kept; 451 when it cannot be; the envelope and +tags reach the store', async (t) => {
  const kept: ReceiveInput[] = [];
  let failing = false;
  const receiver = await start(async (input) => {
    if (failing) throw new Error('disk full');
    kept.push(input);
  });
  t.after(() => receiver.stop());
  const transport = createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  t.after(() => transport.close());

  await transport.sendMail({ from: 'a@example.com', to: 'In+C-2026-000001@shop.example', subject: 'x', text: 'y' });
  assert.equal(kept.length, 1);
  assert.equal(kept[0]?.channelId, 'chn_1');
  assert.deepEqual(kept[0]?.envelope, { from: 'a@example.com', to: ['In+C-2026-000001@shop.example'] });
  assert.match(kept[0]?.raw.toString() ?? '', /Subject: x/u);

  failing = true;
  await assert.rejects(
    transport.sendMail({ from: 'a@example.com', to: 'in@shop.example', subject: 'x', text: 'y' }),
    (error: { responseCode?: number }) => error.responseCode === 451,
  );
  await assert.rejects(
    transport.sendMail({ from: 'a@example.com', to: 'nobody@shop.example', subject: 'x', text: 'y' }),
    (error: { responseCode?: number }) => error.responseCode === 550,
  );
});

test('the receiver is off unless a port is configured; the host defaults to loopback, the limit to 25 MiB', () => {
  assert.equal(loadConfig({}).smtpReceiver, undefined);
  assert.deepEqual(loadConfig({ REDRESS_SMTP_RECEIVER_PORT: '2525' }).smtpReceiver, {
    port: 2525,
    host: '127.0.0.1',
    maxBytes: 25 * 1024 * 1024,
  });
  assert.throws(() => loadConfig({ REDRESS_SMTP_RECEIVER_PORT: '2525', REDRESS_SMTP_RECEIVER_MAX_BYTES: 'lots' }));
  assert.throws(() => loadConfig({ REDRESS_SMTP_RECEIVER_PORT: 'seventy' }));
});
