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
    channelFor: async (address) => {
      const plain = address.toLowerCase().replace(/\+[^@]*@/u, '@');
      if (plain === 'in@shop.example') return { id: 'chn_1' };
      return plain === 'other@shop.example' ? { id: 'chn_2' } : undefined;
    },
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

test("each message on one connection goes to its own recipients' channel", async (t) => {
  const kept: ReceiveInput[] = [];
  const receiver = await start(async (input) => {
    kept.push(input);
  });
  t.after(() => receiver.stop());
  // One connection for both messages, as a mail gateway sends them.
  const transport = createTransport({
    host: '127.0.0.1',
    port: receiver.port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: 1,
  });
  t.after(() => transport.close());
  await transport.sendMail({ from: 'a@example.com', to: 'in@shop.example', subject: '1', text: 'one' });
  await transport.sendMail({ from: 'b@example.com', to: 'other@shop.example', subject: '2', text: 'two' });
  assert.deepEqual(
    kept.map((k) => k.channelId),
    ['chn_1', 'chn_2'],
  );
});

test('an oversized message is refused without being kept in memory whole', async (t) => {
  const receiver = await start(async () => {
    throw new Error('never stored');
  });
  t.after(() => receiver.stop());
  const transport = createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
  t.after(() => transport.close());
  await assert.rejects(
    transport.sendMail({ from: 'a@example.com', to: 'in@shop.example', subject: 'x', text: 'y'.repeat(200 * 1024) }),
    (error: { responseCode?: number }) => error.responseCode === 552,
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
