import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { AddressInfo, Server } from 'node:net';
import { test, type TestContext } from 'node:test';
import { ImapFlow } from 'imapflow';
import type { IntakeChannelDto } from '@redress/contract';
import { buildTestApp, type TestApp } from './factories.ts';
import { createTestOrg, type TestOrg } from './factories/cases.ts';
import { drainJobs } from './factories/notifications.ts';
import { describeBothBackends } from './pg-util.ts';

// hoodiecrow-imap is CommonJS without types: a scriptable in-memory IMAP4rev1 server.
const hoodiecrow = createRequire(import.meta.url)('hoodiecrow-imap') as (options: unknown) => {
  listen(port: number, host: string, callback: () => void): void;
  server: Server;
  close(callback: () => void): void;
};

const message = (n: number, from = `customer${n}@example.com`) =>
  [
    `From: Customer ${n} <${from}>`,
    'To: help@shop.example',
    `Subject: 投訴 ${n}`,
    `Message-ID: <imap-${n}@example.com>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    `ของเสียหายครั้งที่ ${n}`,
  ].join('\r\n');

/** Starts an IMAP server on an ephemeral port holding `messages` in INBOX; stopped when `t` ends. */
const startImap = async (
  t: TestContext,
  messages: string[],
  options: { seen?: readonly number[] } = {},
): Promise<number> => {
  const server = hoodiecrow({
    plugins: ['IDLE', 'ENABLE', 'UNSELECT'],
    users: { help: { password: 'imap-pass' } },
    storage: {
      INBOX: {
        messages: messages.map((raw, i) => ({ raw, flags: options.seen?.includes(i + 1) ? ['\\Seen'] : [] })),
      },
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return (server.server.address() as AddressInfo).port;
};

/** Drops a message into INBOX as another mail client (or the MX) would. */
const appendMessage = async (port: number, raw: string): Promise<void> => {
  const client = new ImapFlow({
    host: '127.0.0.1',
    port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: 'help', pass: 'imap-pass' },
    logger: false,
  });
  await client.connect();
  await client.append('INBOX', raw);
  await client.logout();
};

describeBothBackends('e-mail in over IMAP', (backend) => {
  const setup = async (
    t: TestContext,
    port: number,
  ): Promise<{ app: TestApp; org: TestOrg; channel: IntakeChannelDto }> => {
    const app = await buildTestApp({ db: await backend.open(t) });
    t.after(() => app.app.close());
    const org = await createTestOrg(app);
    const created = await app.app.inject({
      method: 'POST',
      url: '/api/v1/intake-channels',
      headers: org.admin.headers,
      payload: {
        kind: 'imap',
        name: 'Help mailbox',
        address: 'help@shop.example',
        siteId: org.siteA,
        ownerId: org.agentA.id,
        imap: { host: '127.0.0.1', port, secure: false, user: 'help', password: 'imap-pass' },
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    return { app, org, channel: created.json<IntakeChannelDto>() };
  };

  const inbound = (app: TestApp) =>
    app.deps.db.read
      .selectFrom('email_messages')
      .select(['message_id', 'status', 'imap_uid'])
      .where('direction', '=', 'inbound')
      .orderBy('imap_uid')
      .execute();

  test('new mail is taken exactly once, marked seen, and only the new message on the next poll', async (t) => {
    const port = await startImap(t, [message(1), message(2)]);
    const { app } = await setup(t, port);

    const first = await app.deps.inboundMail.pollMailboxes();
    assert.deepEqual(first, { channels: 1, taken: 2, failed: 0 });
    await drainJobs(app);
    assert.deepEqual(
      (await inbound(app)).map((r) => [r.message_id, r.status]),
      [
        ['<imap-1@example.com>', 'threaded'],
        ['<imap-2@example.com>', 'threaded'],
      ],
    );
    assert.equal((await app.deps.db.read.selectFrom('cases').select('id').execute()).length, 2);

    const again = await app.deps.inboundMail.pollMailboxes();
    assert.equal(again.taken, 0);

    // Someone (another mail client, the MX) drops a new message into the mailbox.
    const client = new ImapFlow({
      host: '127.0.0.1',
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: 'help', pass: 'imap-pass' },
      logger: false,
    });
    await client.connect();
    await client.append('INBOX', message(3));
    const lock = await client.getMailboxLock('INBOX');
    const seen: number[] = [];
    try {
      for await (const m of client.fetch('1:*', { uid: true, flags: true })) {
        if (m.flags?.has('\\Seen')) seen.push(m.uid);
      }
    } finally {
      lock.release();
    }
    await client.logout();
    assert.deepEqual(seen, [1, 2]);

    const third = await app.deps.inboundMail.pollMailboxes();
    assert.equal(third.taken, 1);
    await drainJobs(app);
    const rows = await inbound(app);
    assert.deepEqual(
      rows.map((r) => r.message_id),
      ['<imap-1@example.com>', '<imap-2@example.com>', '<imap-3@example.com>'],
    );
    const channel = await app.deps.db.read
      .selectFrom('intake_channels')
      .select(['imap_last_uid', 'last_error', 'last_polled_at'])
      .executeTakeFirstOrThrow();
    assert.equal(Number(channel.imap_last_uid), 3);
    assert.equal(channel.last_error, null);
    assert.ok(channel.last_polled_at);
  });

  test('a new UIDVALIDITY takes only unread mail since the last poll, nothing twice', async (t) => {
    const port = await startImap(t, [message(1), message(2)]);
    const { app } = await setup(t, port);
    assert.equal((await app.deps.inboundMail.pollMailboxes()).taken, 2);
    // As if the mailbox had been rebuilt: the stored UIDVALIDITY no longer matches.
    await app.deps.db.write((tx) =>
      tx.updateTable('intake_channels').set({ imap_uidvalidity: 'old', imap_last_uid: 99 }).execute(),
    );
    assert.equal((await app.deps.inboundMail.pollMailboxes()).taken, 0, 'the two read messages are not taken again');
    await appendMessage(port, message(3));
    assert.equal((await app.deps.inboundMail.pollMailboxes()).taken, 1, 'only the new one');
    await drainJobs(app);
    assert.deepEqual(
      (await inbound(app)).map((r) => r.message_id),
      ['<imap-1@example.com>', '<imap-2@example.com>', '<imap-3@example.com>'],
    );
    const channel = await app.deps.db.read
      .selectFrom('intake_channels')
      .select(['imap_uidvalidity'])
      .executeTakeFirstOrThrow();
    assert.notEqual(channel.imap_uidvalidity, 'old', "the mailbox's own UIDVALIDITY is stored again");
  });

  test('the first poll of a mailbox with history takes only its unread mail', async (t) => {
    const port = await startImap(t, [message(1), message(2)], { seen: [1] });
    const { app } = await setup(t, port);
    assert.equal((await app.deps.inboundMail.pollMailboxes()).taken, 1);
    await drainJobs(app);
    assert.deepEqual(
      (await inbound(app)).map((r) => r.message_id),
      ['<imap-2@example.com>'],
    );
  });

  test('a connection or login failure is recorded on the channel, not thrown', async (t) => {
    const port = await startImap(t, [message(1)]);
    const { app, org, channel } = await setup(t, port);
    const patched = await app.app.inject({
      method: 'PATCH',
      url: `/api/v1/intake-channels/${channel.id}`,
      headers: org.admin.headers,
      payload: { imap: { host: '127.0.0.1', port, secure: false, user: 'help', password: 'wrong' } },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const result = await app.deps.inboundMail.pollMailboxes();
    assert.deepEqual(result, { channels: 1, taken: 0, failed: 1 });
    const list = await app.app.inject({ method: 'GET', url: '/api/v1/intake-channels', headers: org.admin.headers });
    const [shown] = list.json<{ items: IntakeChannelDto[] }>().items;
    assert.ok(shown?.imap?.lastError);
    assert.equal(list.body.includes('wrong'), false);
  });
});
