import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { createTransport } from 'nodemailer';
import pino from 'pino';
import { SMTPServer } from 'smtp-server';
import type { AttachmentList, CaseDto, CustomerDto, IntakeChannelDto } from '@redress/contract';
import { startSmtpReceiver } from '../src/mail/smtp-receiver.ts';
import type { TestApp } from './factories.ts';
import { pngBytes } from './factories/attachments.ts';
import { createTestOrg } from './factories/cases.ts';
import { buildTestAppWith, drainJobs } from './factories/notifications.ts';
import { describeBothBackends } from './pg-util.ts';

/**
 * The whole e-mail round trip over real SMTP, as a customer lives it: they write to the
 * organisation's complaints address; Redress opens a case on the customer it already knows, keeps
 * the photo, and answers through the organisation's mail server saying when they will hear back;
 * the customer replies to that answer and the reply lands on the same case.
 */

const CHANNEL = 'complaints@shop.example';
const CUSTOMER = 'somchai@example.co.th';

/** The organisation's outgoing mail server: takes everything, keeps it parsed. */
const startOutgoingServer = async (): Promise<{ url: string; received: ParsedMail[]; close: () => Promise<void> }> => {
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch(callback);
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const headerText = (mail: ParsedMail, name: string): string => {
  const value = mail.headers.get(name);
  if (value === undefined) return '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(' ');
  return (value as { text?: string }).text ?? JSON.stringify(value);
};

describeBothBackends('e-mail round trip over SMTP', (backend) => {
  test('a complaint by e-mail opens a case on the known customer, is acknowledged, and the reply threads back', async (t: TestContext) => {
    const outgoing = await startOutgoingServer();
    t.after(() => outgoing.close());
    const app: TestApp = await buildTestAppWith(
      { smtpUrl: outgoing.url, publicUrl: 'https://help.shop.example', mailFrom: 'Shop Help <help@shop.example>' },
      { db: await backend.open(t) },
    );
    t.after(() => app.app.close());
    const org = await createTestOrg(app);
    const inject = async <T>(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<T> => {
      const response = await app.app.inject({
        method,
        url: `/api/v1${url}`,
        headers: org.admin.headers,
        ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
      });
      assert.ok(response.statusCode < 300, `${method} ${url}: ${response.statusCode} ${response.body}`);
      return response.json<T>();
    };

    await inject<IntakeChannelDto>('POST', '/intake-channels', {
      kind: 'smtp',
      name: 'Complaints',
      address: CHANNEL,
      siteId: org.siteA,
      ownerId: org.agentA.id,
    });
    const known = await inject<CustomerDto>('POST', '/customers', {
      name: 'สมชาย ใจดี',
      email: CUSTOMER,
      language: 'th',
    });

    const receiver = await startSmtpReceiver({
      port: 0,
      host: '127.0.0.1',
      maxBytes: 5 * 1024 * 1024,
      channelFor: (address) => app.deps.inboundMail.channelForAddress(address),
      receive: (input) => app.deps.inboundMail.receiveRaw(input),
      logger: pino({ level: 'silent' }),
    });
    t.after(() => receiver.stop());
    const customerMail = createTransport({ host: '127.0.0.1', port: receiver.port, secure: false, ignoreTLS: true });
    t.after(() => customerMail.close());

    // 1. The complaint: a Chinese subject, a Thai body, a photo; delivered twice (a sender's retry).
    const complaint = {
      from: `สมชาย <${CUSTOMER}>`,
      to: CHANNEL,
      subject: '退款申請：訂單 12345',
      text: 'สั่งมะม่วงไปสองกล่อง มาถึงเน่าทั้งหมด ขอคืนเงินด้วยครับ',
      messageId: '<complaint-1@example.co.th>',
      attachments: [{ filename: 'mango.png', content: pngBytes(), contentType: 'image/png' }],
    };
    await customerMail.sendMail(complaint);
    await customerMail.sendMail(complaint);
    await drainJobs(app, { concurrency: 4, rounds: 100 });

    const inbound = await app.deps.db.read
      .selectFrom('email_messages')
      .select(['case_id', 'status'])
      .where('direction', '=', 'inbound')
      .execute();
    assert.equal(inbound.length, 1, 'the same message delivered twice is stored once');
    const caseId = inbound[0]?.case_id;
    assert.ok(caseId, JSON.stringify(inbound));
    const opened = await inject<CaseDto>('GET', `/cases/${caseId}`);
    assert.equal(opened.customer.id, known.id, 'the customer is matched by their address');
    assert.equal(opened.channel, 'email');
    assert.equal(opened.siteId, org.siteA);
    assert.match(opened.description, /มะม่วง/);
    const files = await inject<AttachmentList>('GET', `/cases/${caseId}/attachments`);
    assert.deepEqual(
      files.items.map((f) => f.filename),
      ['mango.png'],
    );

    // 2. The acknowledgement went out through the organisation's SMTP server, threaded and tagged.
    const ack = outgoing.received.find((m) => m.subject?.includes(opened.ref));
    assert.ok(ack, `no acknowledgement among ${outgoing.received.map((m) => m.subject).join(' | ')}`);
    assert.equal(outgoing.received.filter((m) => m.subject?.includes(opened.ref)).length, 1, 'acknowledged once');
    assert.equal(ack.to && !Array.isArray(ack.to) ? ack.to.value[0]?.address : undefined, CUSTOMER);
    assert.equal(ack.inReplyTo, complaint.messageId);
    const replyTo = ack.replyTo?.value[0]?.address ?? '';
    assert.equal(replyTo.toLowerCase(), `complaints+${opened.ref}@shop.example`.toLowerCase());
    assert.ok(ack.messageId, 'the acknowledgement has a Message-ID to reply to');
    assert.match(headerText(ack, 'auto-submitted'), /auto-/);

    // 3. The customer answers the acknowledgement from their mail program: to the Reply-To, threaded.
    await customerMail.sendMail({
      from: `สมชาย <${CUSTOMER}>`,
      to: replyTo,
      subject: `Re: ${ack.subject ?? ''}`,
      inReplyTo: ack.messageId,
      references: [complaint.messageId, ack.messageId],
      text: 'ขอบคุณครับ รูปที่สองอยู่ในไฟล์แนบ กล่องบุบด้วย\n\n> ' + (ack.text ?? '').split('\n')[0],
      messageId: '<reply-1@example.co.th>',
    });
    await drainJobs(app, { concurrency: 4, rounds: 100 });

    const cases = await app.deps.db.read.selectFrom('cases').select('id').execute();
    assert.equal(cases.length, 1, 'the reply opened no new case');
    const after = await inject<CaseDto>('GET', `/cases/${caseId}`);
    const messages = (after.timeline ?? []).filter(
      (e) => e.type === 'case.message_recorded' && e.data.direction === 'inbound' && e.data.channel === 'email',
    );
    assert.equal(messages.length, 1);
    assert.match(String(messages[0]?.data.body), /กล่องบุบ/);
    assert.doesNotMatch(String(messages[0]?.data.body), /^>/m, 'the quoted acknowledgement is left out');
  });
});
