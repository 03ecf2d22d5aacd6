import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createTransport } from 'nodemailer';
import pino from 'pino';
import type { CaseDto, ErrorBody, InboundMailList, IntakeChannelDto } from '@redress/contract';
import { startSmtpReceiver } from '../src/mail/smtp-receiver.ts';
import { toDbTime } from '../src/storage/codec.ts';
import { buildTestApp, type TestApp } from './factories.ts';
import { exeBytes, pngBytes } from './factories/attachments.ts';
import { createTestOrg, type TestOrg } from './factories/cases.ts';
import { drainJobs } from './factories/notifications.ts';
import { describeBothBackends } from './pg-util.ts';

const CHANNEL = 'complaints@shop.example';
const CUSTOMER = 'somchai@example.co.th';

interface Harness {
  readonly app: TestApp;
  readonly org: TestOrg;
  readonly channel: IntakeChannelDto;
  readonly port: number;
  send(message: Record<string, unknown>): Promise<unknown>;
  emails(): Promise<
    { id: string; status: string; reason: string | null; case_id: string | null; raw_key: string | null }[]
  >;
  getCase(id: string): Promise<CaseDto>;
}

describeBothBackends('e-mail in over SMTP', (backend) => {
  const setup = async (t: TestContext, maxBytes = 1024 * 1024): Promise<Harness> => {
    const app = await buildTestApp({ db: await backend.open(t) });
    t.after(() => app.app.close());
    const org = await createTestOrg(app);
    const created = await app.app.inject({
      method: 'POST',
      url: '/api/v1/intake-channels',
      headers: org.admin.headers,
      payload: { kind: 'smtp', name: 'Complaints', address: CHANNEL, siteId: org.siteA, ownerId: org.agentA.id },
    });
    assert.equal(created.statusCode, 201, created.body);
    const receiver = await startSmtpReceiver({
      port: 0,
      host: '127.0.0.1',
      maxBytes,
      channelFor: (address) => app.deps.inboundMail.channelForAddress(address),
      receive: (input) => app.deps.inboundMail.receiveRaw(input),
      logger: pino({ level: 'silent' }),
    });
    t.after(() => receiver.stop());
    const transport = createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
    t.after(() => transport.close());
    return {
      app,
      org,
      channel: created.json<IntakeChannelDto>(),
      port: receiver.port,
      send: (message) => transport.sendMail(message),
      emails: () =>
        app.deps.db.read
          .selectFrom('email_messages')
          .select(['id', 'status', 'reason', 'case_id', 'raw_key'])
          .where('direction', '=', 'inbound')
          .orderBy('id')
          .execute(),
      getCase: async (id) => {
        const response = await app.app.inject({
          method: 'GET',
          url: `/api/v1/cases/${id}`,
          headers: org.admin.headers,
        });
        assert.equal(response.statusCode, 200, response.body);
        return response.json<CaseDto>();
      },
    };
  };

  const complaint = {
    from: `Somchai <${CUSTOMER}>`,
    to: CHANNEL,
    subject: '退款申請：訂單 12345',
    text: 'สินค้าที่ได้รับชำรุด กล่องแตกและขวดรั่ว ขอคืนเงินเต็มจำนวนครับ',
    messageId: '<first-complaint@example.co.th>',
    attachments: [
      { filename: 'broken.png', content: pngBytes() },
      { filename: 'tool.exe', content: exeBytes() },
    ],
  };

  test('a Chinese-subject Thai e-mail opens a case for the known customer, with its attachment; twice is once', async (t) => {
    const h = await setup(t);
    const known = await h.app.app.inject({
      method: 'POST',
      url: '/api/v1/customers',
      headers: h.org.agentA.headers,
      payload: { name: 'สมชาย ใจดี', email: CUSTOMER.toUpperCase(), language: 'th' },
    });
    assert.equal(known.statusCode, 201, known.body);
    const customerId = known.json<{ id: string }>().id;

    await h.send(complaint);
    // The same message again (an SMTP client retrying after a lost answer): stored once.
    await h.send(complaint);
    assert.equal((await h.emails()).length, 1);
    await drainJobs(h.app);

    const [email] = await h.emails();
    assert.equal(email?.status, 'threaded');
    assert.match(email?.reason ?? '', /attachment 2 .* not kept: file_type_not_allowed/u);
    assert.ok(email?.case_id);
    const opened = await h.getCase(email.case_id);
    assert.equal(opened.channel, 'email');
    assert.equal(opened.subject, complaint.subject);
    assert.equal(opened.customer.id, customerId);
    assert.equal(opened.siteId, h.org.siteA);
    assert.equal(opened.language, 'th');
    assert.match(opened.description, /ขอคืนเงิน/u);
    const files = await h.app.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${opened.id}/attachments`,
      headers: h.org.admin.headers,
    });
    const items = files.json<{ items: { filename: string; contentType: string }[] }>().items;
    assert.deepEqual(
      items.map((i) => i.contentType),
      ['image/png'],
    );

    // Delivered a third time after processing: still one row, one case, no second message.
    await h.send(complaint);
    await drainJobs(h.app);
    assert.equal((await h.emails()).length, 1);
    const cases = await h.app.deps.db.read.selectFrom('cases').select('id').execute();
    assert.equal(cases.length, 1);

    // A reply to it threads into the case, with only the new text recorded on the case.
    await h.send({
      from: CUSTOMER,
      to: CHANNEL,
      subject: 'Re: 退款申請：訂單 12345',
      inReplyTo: complaint.messageId,
      references: [complaint.messageId],
      text: 'ส่งรูปเพิ่มเติมแล้วครับ\n\nOn Mon, 2 Mar 2026 Somchai wrote:\n> สินค้าที่ได้รับชำรุด',
    });
    await drainJobs(h.app);
    const threaded = await h.getCase(opened.id);
    const messages =
      threaded.timeline?.filter((e) => e.type === 'case.message_recorded' && e.data.direction === 'inbound') ?? [];
    assert.equal(messages.length, 1);
    assert.equal(messages[0]?.data.body, 'ส่งรูปเพิ่มเติมแล้วครับ');
    assert.equal(messages[0]?.data.channel, 'email');
    assert.equal((await h.app.deps.db.read.selectFrom('cases').select('id').execute()).length, 1);
  });

  test('auto-replies are ignored, unknown recipients refused, oversize refused, garbage kept as unparsed', async (t) => {
    const h = await setup(t, 64 * 1024);
    await h.send({
      from: CUSTOMER,
      to: CHANNEL,
      subject: 'Out of office',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    await assert.rejects(
      h.send({ from: CUSTOMER, to: 'someone-else@shop.example', subject: 'hi', text: 'hello' }),
      (error: { responseCode?: number }) => error.responseCode === 550,
    );
    await assert.rejects(
      h.send({ from: CUSTOMER, to: CHANNEL, subject: 'big', text: 'x'.repeat(100 * 1024) }),
      (error: { responseCode?: number }) => error.responseCode === 552,
    );
    // Bytes that are no e-mail at all: accepted (nothing is lost), kept, marked unparsed with why.
    await h.send({
      envelope: { from: CUSTOMER, to: [`complaints+anything@shop.example`] },
      raw: Buffer.from('\u0000\u0001\u0002 this is not a message\r\n\r\n\u00ff\u00fe'),
    });
    await drainJobs(h.app);
    const rows = await h.emails();
    assert.deepEqual(rows.map((r) => r.status).sort(), ['ignored', 'unparsed']);
    const ignored = rows.find((r) => r.status === 'ignored');
    assert.match(ignored?.reason ?? '', /Auto-Submitted/u);
    const unparsed = rows.find((r) => r.status === 'unparsed');
    assert.match(unparsed?.reason ?? '', /sender/u);
    assert.ok(unparsed?.raw_key);
    assert.equal((await h.app.deps.db.read.selectFrom('cases').select('id').execute()).length, 0);

    // The administrator's log shows metadata only; reprocessing an unparsed message runs it again.
    const list = await h.app.app.inject({
      method: 'GET',
      url: '/api/v1/inbound-mail?status=unparsed',
      headers: h.org.admin.headers,
    });
    assert.equal(list.statusCode, 200, list.body);
    const [item] = list.json<InboundMailList>().items;
    assert.equal(item?.id, unparsed?.id);
    assert.equal(JSON.stringify(item).includes(CUSTOMER), false);
    const again = await h.app.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-mail/${unparsed?.id}/reprocess`,
      headers: h.org.admin.headers,
    });
    assert.equal(again.statusCode, 202, again.body);
    await drainJobs(h.app);
    assert.equal((await h.emails()).find((r) => r.id === unparsed?.id)?.status, 'unparsed');
    const agent = await h.app.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-mail/${unparsed?.id}/reprocess`,
      headers: h.org.agentA.headers,
    });
    assert.equal(agent.statusCode, 404);
  });

  test('a case reference threads only for the case customer; a stranger quoting it gets a new case', async (t) => {
    const h = await setup(t);
    await h.send({ ...complaint, attachments: [] });
    await drainJobs(h.app);
    const [first] = await h.emails();
    const original = await h.getCase(first?.case_id ?? '');

    // A stranger writes with the reference in the subject: a new case, not a message on Somchai's.
    await h.send({ from: 'stranger@elsewhere.example', to: CHANNEL, subject: `About ${original.ref}`, text: 'Hello' });
    // The customer writes fresh (no In-Reply-To) to the plus-address carrying the reference.
    await h.send({
      from: CUSTOMER,
      to: `complaints+${original.ref}@shop.example`,
      subject: 'ยังไม่ได้รับเงินคืน',
      text: 'ผ่านมาสามวันแล้ว',
    });
    await drainJobs(h.app);
    const rows = await h.emails();
    assert.equal(rows.length, 3);
    const cases = await h.app.deps.db.read.selectFrom('cases').select(['id', 'customer_id']).execute();
    assert.equal(cases.length, 2);
    const stranger = cases.find((c) => c.id !== original.id);
    assert.notEqual(stranger?.customer_id, original.customer.id);
    const threaded = await h.getCase(original.id);
    const messages =
      threaded.timeline?.filter((e) => e.type === 'case.message_recorded' && e.data.direction === 'inbound') ?? [];
    assert.deepEqual(
      messages.map((m) => m.data.body),
      ['ผ่านมาสามวันแล้ว'],
    );
  });

  test('NUL bytes, a quoted private link and thousands of references are stored safely, on both databases', async (t) => {
    const h = await setup(t);
    const link = 'https://help.shop.example/portal/case#token=eyJwIjoiY2FzZSJ9.c2lnbmF0dXJl';
    await h.send({
      ...complaint,
      attachments: [],
      messageId: '<hostile@example.co.th>',
      subject: 'broken\u0000 again',
      text: `It is still broken.\u0000\nMy link: ${link}\n\n> ${link}`,
      references: Array.from({ length: 3000 }, (_, i) => `<ref-${i}@example.co.th>`),
    });
    await drainJobs(h.app);
    const [row] = await h.emails();
    assert.equal(row?.status, 'threaded', JSON.stringify(row));
    const stored = await h.app.deps.db.read
      .selectFrom('email_messages')
      .select(['subject', 'text_body', 'references'])
      .where('direction', '=', 'inbound')
      .executeTakeFirstOrThrow();
    assert.equal(String(stored.subject).includes('\u0000'), false);
    assert.equal(String(stored.text_body).includes('token='), false, 'no private link is stored');
    assert.match(String(stored.text_body), /\[private link\]/u);
    const kase = await h.getCase(row?.case_id ?? '');
    assert.equal(JSON.stringify(kase).includes('token='), false);
  });

  test('a message whose processing fails on every attempt is kept as unparsed with what failed', async (t) => {
    const h = await setup(t);
    await h.send({ ...complaint, attachments: [], messageId: '<gives-up@example.co.th>' });
    const [row] = await h.emails();
    await h.app.deps.inboundMail.abandonEmail(row?.id ?? '', 'SQLITE_FULL');
    const [after] = await h.emails();
    assert.equal(after?.status, 'unparsed');
    assert.match(after?.reason ?? '', /processing failed: SQLITE_FULL/u);
    // Reprocessing it later takes it as any other message.
    const again = await h.app.app.inject({
      method: 'POST',
      url: `/api/v1/inbound-mail/${row?.id}/reprocess`,
      headers: h.org.admin.headers,
    });
    assert.ok(again.statusCode < 300, again.body);
    await drainJobs(h.app);
    assert.equal((await h.emails())[0]?.status, 'threaded');
  });

  test('processing is idempotent when the job runs twice', async (t) => {
    const h = await setup(t);
    await h.send({ ...complaint, attachments: [] });
    const [row] = await h.emails();
    const [one, two] = await Promise.all([
      h.app.deps.inboundMail.processEmail(row?.id ?? ''),
      h.app.deps.inboundMail.processEmail(row?.id ?? ''),
    ]);
    assert.deepEqual([one, two].sort(), ['skipped', 'threaded']);
    await drainJobs(h.app);
    assert.equal((await h.app.deps.db.read.selectFrom('cases').select('id').execute()).length, 1);
    const events = await h.app.deps.db.read
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'email.received')
      .execute();
    assert.equal(events.length, 1);
    void toDbTime;
  });
});

describeBothBackends('intake channels', (backend) => {
  test('validated, password write-only, owner must work at the site', async (t) => {
    const app = await buildTestApp({ db: await backend.open(t) });
    t.after(() => app.app.close());
    const org = await createTestOrg(app);
    const post = (payload: Record<string, unknown>, headers = org.admin.headers) =>
      app.app.inject({ method: 'POST', url: '/api/v1/intake-channels', headers, payload });
    const badAddress = await post({
      kind: 'smtp',
      name: 'x',
      address: 'not-an-address',
      siteId: null,
      ownerId: org.admin.id,
    });
    assert.equal(badAddress.statusCode, 400);
    assert.equal(badAddress.json<ErrorBody>().error.details?.[0]?.field, '/body/address');
    const noHost = await post({
      kind: 'imap',
      name: 'Mailbox',
      address: 'help@shop.example',
      siteId: org.siteA,
      ownerId: org.agentA.id,
      imap: { host: ' ', user: 'help', password: 'secret' },
    });
    assert.equal(noHost.statusCode, 400);
    const wrongOwner = await post({
      kind: 'smtp',
      name: 'x',
      address: 'a@shop.example',
      siteId: org.siteB,
      ownerId: org.agentA.id,
    });
    assert.equal(wrongOwner.statusCode, 400);
    assert.equal(wrongOwner.json<ErrorBody>().error.details?.[0]?.field, '/body/ownerId');
    const forbidden = await post(
      { kind: 'portal', name: 'Web', siteId: org.siteA, ownerId: org.agentA.id },
      org.agentA.headers,
    );
    assert.equal(forbidden.statusCode, 404);

    const imap = await post({
      kind: 'imap',
      name: 'Mailbox',
      address: 'Help@Shop.example',
      siteId: org.siteA,
      ownerId: org.agentA.id,
      language: 'zh-TW',
      imap: { host: 'imap.shop.example', user: 'help', password: 'hunter2-secret' },
    });
    assert.equal(imap.statusCode, 201, imap.body);
    assert.equal(imap.body.includes('hunter2'), false);
    const dto = imap.json<IntakeChannelDto>();
    assert.equal(dto.address, 'help@shop.example');
    assert.deepEqual(
      {
        port: dto.imap?.port,
        secure: dto.imap?.secure,
        passwordSet: dto.imap?.passwordSet,
        mailbox: dto.imap?.mailbox,
      },
      { port: 993, secure: true, passwordSet: true, mailbox: 'INBOX' },
    );
    const clash = await post({
      kind: 'smtp',
      name: 'Dup',
      address: 'help@shop.example',
      siteId: null,
      ownerId: org.admin.id,
    });
    assert.equal(clash.statusCode, 409);

    const patched = await app.app.inject({
      method: 'PATCH',
      url: `/api/v1/intake-channels/${dto.id}`,
      headers: org.admin.headers,
      payload: { enabled: false, imap: { host: 'mail.shop.example', user: 'help' } },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.json<IntakeChannelDto>().imap?.passwordSet, true);
    assert.equal(patched.json<IntakeChannelDto>().enabled, false);
    const list = await app.app.inject({ method: 'GET', url: '/api/v1/intake-channels', headers: org.admin.headers });
    assert.equal(list.body.includes('hunter2'), false);
    const saved = await app.deps.db.read
      .selectFrom('events')
      .select('type')
      .where('type', '=', 'intake_channel.saved')
      .execute();
    assert.equal(saved.length, 2);
  });
});
