import assert from 'node:assert/strict';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type {
  CaseEmailDto,
  CaseEmailList,
  EmailPreviewDto,
  EmailTemplateDto,
  EmailTemplateList,
} from '@redress/contract';
import { newId } from '../src/shared/ids.ts';
import { verifyLink } from '../src/shared/signed-token.ts';
import { serverKeyLoader } from '../src/storage/repositories/server-keys.ts';
import { readJson, toDbJson, toDbTime } from '../src/storage/codec.ts';
import type { TestApp } from './factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from './factories/cases.ts';
import { appendCaseEvent, buildTestAppWith, drainJobs, insertClock } from './factories/notifications.ts';
import { describeBothBackends } from './pg-util.ts';

/** A real SMTP server on an ephemeral port that answers RCPT with the queued codes, then accepts. */
const startMailServer = async (): Promise<{
  url: string;
  answers: number[];
  received: ParsedMail[];
  close: () => Promise<void>;
}> => {
  const answers: number[] = [];
  const received: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(_address, _session, callback) {
      const code = answers.shift();
      if (code) {
        callback(Object.assign(new Error(code >= 500 ? 'No such mailbox' : 'Try again later'), { responseCode: code }));
        return;
      }
      callback();
    },
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
    answers,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const PUBLIC_URL = 'https://redress.example.com';

describeBothBackends('customer e-mail out', (backend) => {
  const setUp = async (
    ctx: Parameters<typeof backend.open>[0],
    smtpUrl: string | undefined,
  ): Promise<{ t: TestApp; org: TestOrg }> => {
    const t = await buildTestAppWith(
      { smtpUrl, publicUrl: PUBLIC_URL, mailFrom: 'Help Desk <help@shop.example>' },
      { db: await backend.open(ctx) },
    );
    ctx?.after(() => t.app.close());
    return { t, org: await createTestOrg(t) };
  };

  const emails = async (t: TestApp, org: TestOrg, caseId: string): Promise<CaseEmailDto[]> => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/emails`,
      headers: org.agentA.headers,
    });
    assert.equal(response.statusCode, 200, response.body);
    return response.json<CaseEmailList>().items;
  };

  const eventsOf = async (t: TestApp, caseId: string, type: string) =>
    t.deps.db.read
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('subject_id', '=', caseId)
      .where('type', '=', type)
      .execute();

  test('the acknowledgement goes out through SMTP on case.created, in the customer language, naming the hear-back time', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, siteId: org.siteA });
    // The first-response clock is due at 01:00 UTC, 09:00 in Taipei (the site's zone).
    await insertClock(t, { caseId: opened.id, key: 'first_response', dueAt: new Date('2026-03-03T01:00:00.000Z') });
    await drainJobs(t);

    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0];
    assert.ok(mail);
    assert.equal(mail.to && !Array.isArray(mail.to) ? mail.to.text : '', 'chen.meiling@example.tw');
    assert.match(mail.messageId ?? '', /^<eml_[0-9A-Z]{26}@redress\.example\.com>$/);
    assert.equal(mail.inReplyTo, undefined);
    assert.equal(mail.replyTo?.text, `help+${opened.ref}@shop.example`);
    assert.equal(mail.subject, `我們已收到您的申訴 [${opened.ref}]`);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.match(mail.text ?? '', /2026年3月3日/);
    assert.match(mail.text ?? '', /上午9:00/);
    assert.match(mail.text ?? '', /陳美玲 您好/);
    assert.ok((mail.text ?? '').includes(`${PUBLIC_URL}/portal/case#token=`));
    assert.match(String(mail.html), /<a href="https:\/\/redress\.example\.com\/portal\/case#token=/);

    const [row] = await emails(t, org, opened.id);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.template, 'acknowledgement');
    assert.equal(row?.messageId, mail.messageId);
    assert.deepEqual(row?.to, ['chen.meiling@example.tw']);
    assert.equal((await eventsOf(t, opened.id, 'email.queued')).length, 1);
    assert.equal((await eventsOf(t, opened.id, 'email.sent')).length, 1);
    const recorded = await eventsOf(t, opened.id, 'case.message_recorded');
    assert.equal(recorded.length, 1);
    // An automatic acknowledgement is not a person's first response: the clock still runs.
    const clock = await t.deps.db.read
      .selectFrom('service_clocks')
      .select('state')
      .where('case_id', '=', opened.id)
      .where('key', '=', 'first_response')
      .executeTakeFirstOrThrow();
    assert.equal(clock.state, 'running');

    // Running the queue again sends nothing more.
    await drainJobs(t);
    assert.equal(smtp.received.length, 1);
  });

  test("an agent's e-mail threads under the customer's newest e-mail and routes replies to the intake address", async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.refund, siteId: org.siteA });
    await drainJobs(t);
    assert.equal(smtp.received.length, 1); // the acknowledgement
    // As the inbound side records it: the channel, then the customer's two e-mails on the case.
    const now = toDbTime(t.clock.now());
    await t.deps.db.write(async (tx) => {
      await tx
        .insertInto('intake_channels')
        .values({
          id: 'chn_test',
          kind: 'smtp',
          name: 'Complaints',
          address: 'complaints@shop.example',
          site_id: org.siteA,
          owner_id: org.agentA.id,
          enabled: true,
          created_at: now,
          updated_at: now,
        })
        .execute();
      for (const [i, id] of ['<first@mail.example>', '<second@mail.example>'].entries()) {
        await tx
          .insertInto('email_messages')
          .values({
            id: newId('eml', new Date(t.clock.now().getTime() + i)),
            direction: 'inbound',
            status: 'threaded',
            channel_id: 'chn_test',
            case_id: opened.id,
            message_id: id,
            references: toDbJson(i === 0 ? [] : ['<first@mail.example>']),
            from_address: 'wanglei@example.cn',
            to_addresses: toDbJson(['complaints@shop.example']),
            attachment_ids: toDbJson([]),
            attempts: 0,
            created_at: toDbTime(new Date(t.clock.now().getTime() + i)),
            updated_at: now,
          })
          .execute();
      }
    });
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${opened.id}/emails`,
      headers: org.agentA.headers,
      payload: { body: '退款已于今天处理，<b>三个工作日</b>内到账。', subject: '关于退款' },
    });
    assert.equal(response.statusCode, 202, response.body);
    const queued = response.json<CaseEmailDto>();
    assert.equal(queued.status, 'queued');
    await drainJobs(t);

    assert.equal(smtp.received.length, 2);
    const mail = smtp.received[1];
    assert.ok(mail);
    assert.equal(mail.messageId, queued.messageId);
    assert.equal(mail.inReplyTo, '<second@mail.example>');
    assert.deepEqual(mail.references, ['<first@mail.example>', '<second@mail.example>']);
    assert.equal(mail.replyTo?.text, `complaints+${opened.ref}@shop.example`);
    assert.equal(mail.subject, `关于退款 [${opened.ref}]`);
    assert.equal(mail.headers.get('auto-submitted'), undefined);
    assert.ok((mail.text ?? '').includes('<b>三个工作日</b>'));
    assert.ok(String(mail.html).includes('&lt;b&gt;三个工作日&lt;/b&gt;'));
    const timeline = await eventsOf(t, opened.id, 'case.message_recorded');
    const payloads = timeline.map((e) => readJson<{ direction: string; emailId: string; body: string }>(e.payload));
    assert.ok(payloads.some((p) => p.emailId === queued.id && p.body.startsWith('退款已于今天处理')));

    // Another site's agent cannot write on this case; a customer without an address cannot be written to.
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${opened.id}/emails`,
      headers: org.agentB.headers,
      payload: { body: 'hello' },
    });
    assert.equal(other.statusCode, 404);
    const phoneOnly = await openCaseAs(t, org.agentA, { ...complaintFixtures.parcel, siteId: org.siteA });
    const noAddress = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${phoneOnly.id}/emails`,
      headers: org.agentA.headers,
      payload: { body: 'hello' },
    });
    assert.equal(noAddress.statusCode, 400);
    assert.equal(noAddress.json<{ error: { code: string } }>().error.code, 'validation_failed');
    await drainJobs(t);
    assert.deepEqual(await emails(t, org, phoneOnly.id), []);
  });

  test('a 4xx answer is retried with backoff until accepted; a 5xx marks the e-mail failed', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    smtp.answers.push(451, 421);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.window, siteId: org.siteA });
    await drainJobs(t);
    let [row] = await emails(t, org, opened.id);
    assert.equal(row?.status, 'queued');
    assert.equal(row?.attempts, 1);
    assert.equal(row?.lastError, 'the mail server answered 451');
    t.clock.advance(60_000);
    await drainJobs(t);
    t.clock.advance(60_000);
    await drainJobs(t);
    [row] = await emails(t, org, opened.id);
    assert.equal(row?.status, 'sent');
    assert.equal(row?.attempts, 3);
    assert.equal(smtp.received.length, 1);
    assert.equal((await eventsOf(t, opened.id, 'email.sent')).length, 1);

    smtp.answers.push(550);
    const refused = await openCaseAs(t, org.agentA, {
      ...complaintFixtures.window,
      customer: { name: 'Gone', email: 'gone@example.com', language: 'en' },
      siteId: org.siteA,
    });
    await drainJobs(t);
    [row] = await emails(t, org, refused.id);
    assert.equal(row?.status, 'failed');
    assert.equal(row?.reason, 'the mail server answered 550');
    assert.equal((await eventsOf(t, refused.id, 'email.failed')).length, 1);
    t.clock.advance(3_600_000);
    assert.equal(await drainJobs(t), 0);
    assert.equal(smtp.received.length, 1);
  });

  test('resolution, follow-up with its survey link and a fresh private link are sent on their events, once each', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.refund, siteId: org.siteA });
    await drainJobs(t);
    assert.equal(smtp.received.length, 1);
    const at = toDbTime(t.clock.now());
    const expires = new Date('2026-04-15T00:00:00.000Z');
    const { customer_id: customerId } = await t.deps.db.read
      .selectFrom('cases')
      .select('customer_id')
      .where('id', '=', opened.id)
      .executeTakeFirstOrThrow();
    await t.deps.db.write(async (tx) => {
      await tx
        .updateTable('cases')
        .set({
          resolution: toDbJson({
            text: '全额退款已于今天汇出。',
            kind: 'refund',
            rootCauseId: null,
            recordedAt: at,
            recordedBy: org.agentA.id,
          }),
        })
        .where('id', '=', opened.id)
        .execute();
      await tx
        .insertInto('surveys')
        .values({
          id: 'srv_test',
          case_id: opened.id,
          customer_id: customerId,
          language: 'zh-CN',
          status: 'open',
          expires_at: toDbTime(expires),
          created_at: at,
        })
        .execute();
    });
    await appendCaseEvent(t, opened.id, 'case.status_changed', { from: 'in_progress', to: 'resolved' });
    await appendCaseEvent(t, opened.id, 'case.status_changed', { from: 'new', to: 'in_progress' });
    await appendCaseEvent(t, opened.id, 'followup.sent', { surveyId: 'srv_test', plan: 'email', language: 'zh-CN' });
    await appendCaseEvent(t, opened.id, 'portal.link_requested', { language: 'th' });
    await drainJobs(t);

    const bySubject = (start: string) => smtp.received.find((m) => m.subject?.startsWith(start));
    const [resolution, followUp, link] = [bySubject('我们对您投诉'), bySubject('问题解决了吗'), bySubject('ลิงก์')];
    assert.equal(smtp.received.length, 4);
    assert.equal(resolution?.subject, `我们对您投诉的处理结果 [${opened.ref}]`);
    assert.ok(resolution?.text?.includes('全额退款已于今天汇出。'));
    // The problem is restated from the case (its subject), not carried by the event.
    assert.match(followUp?.text ?? '', /您之前告诉我们：退款\n/);
    const token = /portal\/survey#token=([A-Za-z0-9_.-]+)/.exec(followUp?.text ?? '')?.[1] ?? '';
    const key = await serverKeyLoader(t.deps.db, 'links')();
    const claims = verifyLink(key, token, 'survey', t.clock.now());
    assert.equal(claims?.surveyId, 'srv_test');
    assert.equal(claims?.caseId, opened.id);
    assert.equal(claims?.expiresAt, expires.getTime() / 1000);
    assert.equal(link?.subject, `ลิงก์สำหรับติดตามเรื่องร้องเรียนของคุณ [${opened.ref}]`);
    const caseToken = /portal\/case#token=([A-Za-z0-9_.-]+)/.exec(link?.text ?? '')?.[1] ?? '';
    assert.equal(verifyLink(key, caseToken, 'case', t.clock.now())?.caseId, opened.id);

    // The same event again (a crashed worker's rerun) queues nothing more.
    const requested = await t.deps.db.read
      .selectFrom('events')
      .select(['id', 'payload'])
      .where('type', '=', 'portal.link_requested')
      .executeTakeFirstOrThrow();
    const again = await t.deps.correspondence.trigger({
      id: requested.id,
      type: 'portal.link_requested',
      subjectId: opened.id,
      payload: { language: 'th' },
    });
    assert.equal(again, 'already');
    await drainJobs(t);
    assert.equal(smtp.received.length, 4);
    assert.equal((await emails(t, org, opened.id)).length, 4);
  });

  test('without a mail server the e-mail is suppressed, with the reason', async (ctx) => {
    const { t, org } = await setUp(ctx, undefined);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.window, siteId: org.siteA });
    await drainJobs(t);
    const [row] = await emails(t, org, opened.id);
    assert.equal(row?.status, 'suppressed');
    assert.equal(row?.reason, 'no outgoing mail server');
    assert.equal((await eventsOf(t, opened.id, 'email.failed')).length, 1);
  });

  test('administrators edit templates per kind and language; unknown placeholders are refused', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/email-templates', headers: org.admin.headers });
    assert.equal(list.statusCode, 200);
    const items = list.json<EmailTemplateList>().items;
    assert.equal(items.length, 6 * 4);
    assert.ok(items.every((i) => !i.customised));

    const url = '/api/v1/email-templates/acknowledgement/en';
    const bad = await t.app.inject({
      method: 'PUT',
      url,
      headers: org.admin.headers,
      payload: { subject: 'Got it', body: 'Hi {{customerName}}, {{portalLink}} {{password}}' },
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /unknown placeholder/);
    assert.match(bad.body, /must use \{\{hearBackBy\}\}/);
    const agent = await t.app.inject({
      method: 'PUT',
      url,
      headers: org.agentA.headers,
      payload: { subject: 'x', body: '{{hearBackBy}} {{portalLink}}' },
    });
    assert.equal(agent.statusCode, 404);

    const saved = await t.app.inject({
      method: 'PUT',
      url,
      headers: org.admin.headers,
      payload: {
        subject: 'Thanks, {{customerName}}',
        body: 'Hi {{customerName}} <script>x</script>,\n\nWe will answer by {{hearBackBy}}.\n\n{{portalLink}}',
      },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    assert.equal(saved.json<EmailTemplateDto>().customised, true);
    const preview = await t.app.inject({
      method: 'POST',
      url: `${url}/preview`,
      headers: org.admin.headers,
      payload: {},
    });
    assert.equal(preview.statusCode, 200);
    const rendered = preview.json<EmailPreviewDto>();
    assert.match(rendered.subject, /^Thanks, Alex Chen \[C-2026-000123\]$/);
    assert.ok(rendered.html.includes('&lt;script&gt;'));
    assert.ok(!rendered.html.includes('<script>'));

    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.window, siteId: org.siteA });
    await drainJobs(t);
    assert.equal(smtp.received[0]?.subject, `Thanks, Sarah Mitchell [${opened.ref}]`);

    const reset = await t.app.inject({ method: 'DELETE', url, headers: org.admin.headers });
    assert.equal(reset.statusCode, 200);
    assert.equal(reset.json<EmailTemplateDto>().customised, false);
    assert.equal((await t.app.inject({ method: 'DELETE', url, headers: org.admin.headers })).statusCode, 404);
    const saves = await t.deps.db.read
      .selectFrom('events')
      .select('payload')
      .where('type', '=', 'email_template.saved')
      .execute();
    assert.equal(saves.length, 2);
  });
});
