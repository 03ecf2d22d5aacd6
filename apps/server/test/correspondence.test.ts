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
import { RATE_LIMITED, SEND_JOB, SEND_MAX_ATTEMPTS } from '../src/modules/correspondence/index.ts';
import { newId } from '../src/shared/ids.ts';
import { verifyLink } from '../src/shared/signed-token.ts';
import { serverKeyLoader } from '../src/storage/repositories/server-keys.ts';
import { readJson, readTime, toDbJson, toDbTime } from '../src/storage/codec.ts';
import type { TestApp } from './factories.ts';
import { complaintFixtures, createTestOrg, openCaseAs, type TestOrg } from './factories/cases.ts';
import { appendCaseEvent, buildTestAppWith, drainJobs, insertClock } from './factories/notifications.ts';
import { describeBothBackends } from './pg-util.ts';

/**
 * A real SMTP server on an ephemeral port that answers RCPT (then DATA) with the queued codes,
 * then accepts; `envelopes` are the RCPT TO addresses of each accepted message.
 */
const startMailServer = async (): Promise<{
  url: string;
  answers: number[];
  dataAnswers: number[];
  received: ParsedMail[];
  envelopes: string[][];
  close: () => Promise<void>;
}> => {
  const answers: number[] = [];
  const dataAnswers: number[] = [];
  const received: ParsedMail[] = [];
  const envelopes: string[][] = [];
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
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          const code = dataAnswers.shift();
          if (code) {
            callback(Object.assign(new Error('Message refused'), { responseCode: code }));
            return;
          }
          received.push(mail);
          envelopes.push(session.envelope.rcptTo.map((r) => r.address));
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
    dataAnswers,
    received,
    envelopes,
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
  const customerOf = async (t: TestApp, caseId: string): Promise<string> =>
    (await t.deps.db.read.selectFrom('cases').select('customer_id').where('id', '=', caseId).executeTakeFirstOrThrow())
      .customer_id;

  /** An e-mail from `from` on the case, as the inbound side records one that reached it. */
  const insertInbound = async (
    t: TestApp,
    caseId: string,
    from: string,
    messageId: string,
    channelId: string | null = null,
  ): Promise<void> => {
    t.clock.advance(1_000);
    const at = toDbTime(t.clock.now());
    await t.deps.db.write((tx) =>
      tx
        .insertInto('email_messages')
        .values({
          id: newId('eml', t.clock.now()),
          direction: 'inbound',
          status: 'threaded',
          channel_id: channelId,
          case_id: caseId,
          message_id: messageId,
          references: toDbJson([]),
          from_address: from,
          to_addresses: toDbJson(['complaints@shop.example']),
          attachment_ids: toDbJson([]),
          attempts: 0,
          created_at: at,
          updated_at: at,
        })
        .execute(),
    );
  };

  const insertChannel = async (
    t: TestApp,
    row: { id: string; kind: string; address: string; siteId: string | null; ownerId: string; enabled: boolean },
  ): Promise<void> => {
    const at = toDbTime(t.clock.now());
    await t.deps.db.write((tx) =>
      tx
        .insertInto('intake_channels')
        .values({
          id: row.id,
          kind: row.kind,
          name: row.id,
          address: row.address,
          site_id: row.siteId,
          owner_id: row.ownerId,
          enabled: row.enabled,
          created_at: at,
          updated_at: at,
        })
        .execute(),
    );
    t.clock.advance(1);
  };

  const insertSurvey = async (t: TestApp, caseId: string, id: string): Promise<void> => {
    const at = toDbTime(t.clock.now());
    const customerId = await customerOf(t, caseId);
    await t.deps.db.write((tx) =>
      tx
        .insertInto('surveys')
        .values({
          id,
          case_id: caseId,
          customer_id: customerId,
          language: 'zh-TW',
          status: 'open',
          expires_at: toDbTime(new Date('2026-04-15T00:00:00.000Z')),
          created_at: at,
        })
        .execute(),
    );
  };

  const postEmail = async (t: TestApp, as: TestOrg['agentA'], caseId: string, body: string) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/emails`,
      headers: as.headers,
      payload: { body },
    });
    assert.equal(response.statusCode, 202, response.body);
    return response;
  };

  const resend = (t: TestApp, as: TestOrg['agentA'], caseId: string, emailId: string) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/emails/${emailId}/resend`,
      headers: as.headers,
    });

  test('a private link reaches the customer only: no event, stored copy or API answer carries its token', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, siteId: org.siteA });
    await insertSurvey(t, opened.id, 'srv_links');
    await appendCaseEvent(t, opened.id, 'portal.link_requested', { language: 'zh-TW' });
    await appendCaseEvent(t, opened.id, 'followup.sent', { surveyId: 'srv_links', plan: 'email' });
    // An agent who pastes a private link: the customer gets it, the record does not keep it.
    const posted = await postEmail(
      t,
      org.agentA,
      opened.id,
      `請從 ${PUBLIC_URL}/portal/case#token=pasted.secret 補上照片。`,
    );
    await drainJobs(t);

    assert.equal(smtp.received.length, 4);
    for (const mail of smtp.received) {
      assert.ok((mail.text ?? '').includes(`${PUBLIC_URL}/portal/`), mail.subject);
      assert.match(mail.text ?? '', /#token=[A-Za-z0-9_-]{20,}/, mail.subject);
      assert.match(String(mail.html), /<a href="https:\/\/redress\.example\.com\/portal\/(case|survey)#token=/);
    }
    assert.ok(smtp.received.some((m) => (m.text ?? '').includes('#token=pasted.secret')));

    const listed = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${opened.id}/emails`,
      headers: org.agentA.headers,
    });
    assert.equal(listed.statusCode, 200);
    assert.ok(!listed.body.includes('token='), listed.body);
    const items = listed.json<CaseEmailList>().items;
    assert.equal(items.length, 4);
    assert.ok(items.every((e) => e.status === 'sent' && (e.text ?? '').includes('[私人連結]')));
    assert.ok(!posted.body.includes('token='), posted.body);
    const detail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${opened.id}`,
      headers: org.agentA.headers,
    });
    assert.equal(detail.statusCode, 200);
    assert.ok(!detail.body.includes('token='));
    // Every event (what webhooks deliver and search indexes) and every stored copy staff can read.
    const events = await t.deps.db.read.selectFrom('events').select(['type', 'payload']).execute();
    for (const event of events) {
      assert.ok(!JSON.stringify(readJson(event.payload)).includes('token='), `${event.type} carries a token`);
    }
    const recorded = (await eventsOf(t, opened.id, 'case.message_recorded')).map((e) =>
      readJson<{ body: string }>(e.payload),
    );
    assert.equal(recorded.length, 4);
    assert.ok(recorded.every((p) => p.body.includes('[私人連結]')));
    const stored = await t.deps.db.read
      .selectFrom('email_messages')
      .select(['text_body', 'html_body', 'send_text'])
      .where('case_id', '=', opened.id)
      .execute();
    assert.ok(stored.every((r) => !`${r.text_body}${r.html_body}`.includes('token=')));
    // Once sent, the customer's copy with its links is not kept either.
    assert.ok(stored.every((r) => r.send_text === null));
  });

  test("the newest inbound From is written to only when it is one of the customer's addresses", async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.refund, siteId: org.siteA });
    await drainJobs(t);
    assert.deepEqual(smtp.envelopes.at(-1), ['wanglei@example.cn']);

    // Someone copied in on the thread replies last: the customer is still the one written to.
    await insertInbound(t, opened.id, 'cc.colleague@example.org', '<cc@mail.example>');
    await postEmail(t, org.agentA, opened.id, '我们已收到。');
    await appendCaseEvent(t, opened.id, 'case.status_changed', { from: 'in_progress', to: 'resolved' });
    await drainJobs(t);
    assert.equal(smtp.envelopes.length, 3);
    assert.deepEqual(smtp.envelopes.slice(1), [['wanglei@example.cn'], ['wanglei@example.cn']]);

    // Another address of the customer's that wrote last is answered there.
    const customerId = await customerOf(t, opened.id);
    await t.deps.db.write((tx) =>
      tx
        .insertInto('customer_contacts')
        .values({
          customer_id: customerId,
          kind: 'email',
          value: 'wl.work@example.cn',
          created_at: toDbTime(t.clock.now()),
        })
        .execute(),
    );
    await insertInbound(t, opened.id, 'WL.Work@Example.CN', '<work@mail.example>');
    await postEmail(t, org.agentA, opened.id, '收到。');
    await drainJobs(t);
    assert.deepEqual(smtp.envelopes.at(-1), ['wl.work@example.cn']);

    // After a merge, the survivor's addresses are the customer's.
    const other = await openCaseAs(t, org.agentA, {
      ...complaintFixtures.refund,
      customer: { name: '王磊', email: 'lei.wang@example.cn', language: 'zh-CN' },
      siteId: org.siteA,
    });
    await drainJobs(t);
    const survivor = await customerOf(t, other.id);
    assert.notEqual(survivor, customerId);
    const merged = await t.app.inject({
      method: 'POST',
      url: `/api/v1/customers/${survivor}/merge`,
      headers: org.supervisorA.headers,
      payload: { duplicateId: customerId, reason: 'same person' },
    });
    assert.equal(merged.statusCode, 200, merged.body);
    await insertInbound(t, opened.id, 'lei.wang@example.cn', '<survivor@mail.example>');
    await postEmail(t, org.agentA, opened.id, '好的。');
    await drainJobs(t);
    assert.deepEqual(smtp.envelopes.at(-1), ['lei.wang@example.cn']);
  });

  test('at most five acknowledgements and private links an hour reach one address; the rest are suppressed', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const cases = [];
    for (let i = 0; i < 6; i += 1) {
      cases.push(await openCaseAs(t, org.agentA, { ...complaintFixtures.window, siteId: org.siteA }));
    }
    await drainJobs(t);
    assert.equal(smtp.received.length, 5);
    // Which one is held depends on which trigger ran last; exactly one is.
    const all = await Promise.all(cases.map(async (c) => ({ caseId: c.id, rows: await emails(t, org, c.id) })));
    const heldOn = all.filter((c) => c.rows[0]?.status === 'suppressed');
    assert.equal(heldOn.length, 1);
    const last = heldOn[0]?.caseId ?? '';
    const held = heldOn[0]?.rows[0];
    assert.equal(held?.reason, RATE_LIMITED);
    const failed = (await eventsOf(t, last, 'email.failed')).map((e) => readJson<{ reason: string }>(e.payload));
    assert.deepEqual(
      failed.map((p) => p.reason),
      [RATE_LIMITED],
    );
    // A fresh link asked for on the portal counts too.
    const first = cases.find((c) => c.id !== last)?.id ?? '';
    await appendCaseEvent(t, first, 'portal.link_requested', { language: 'en' });
    await drainJobs(t);
    assert.equal(smtp.received.length, 5);
    // A person's e-mail is not limited.
    await postEmail(t, org.agentA, first, 'We are on it.');
    await drainJobs(t);
    assert.equal(smtp.received.length, 6);
    // An hour on, the address may be written to again; an agent may send a held one again.
    t.clock.advance(61 * 60_000);
    await appendCaseEvent(t, first, 'portal.link_requested', { language: 'en' });
    const again = await resend(t, org.agentA, last, held?.id ?? '');
    assert.equal(again.statusCode, 202, again.body);
    await drainJobs(t);
    assert.equal(smtp.received.length, 8);
    assert.ok(smtp.envelopes.every((e) => e.length === 1 && e[0] === 'sarah.mitchell@example.com'));
  });

  test('replies to a case that did not come by e-mail go to a mailbox Redress receives', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    await insertChannel(t, {
      id: 'chn_OLD',
      kind: 'smtp',
      address: 'old@shop.example',
      siteId: org.siteA,
      ownerId: org.agentA.id,
      enabled: false,
    });
    await insertChannel(t, {
      id: 'chn_BKK',
      kind: 'imap',
      address: 'bkk@shop.example',
      siteId: org.siteB,
      ownerId: org.agentB.id,
      enabled: true,
    });
    await insertChannel(t, {
      id: 'chn_PORTAL',
      kind: 'portal',
      address: 'portal@shop.example',
      siteId: org.siteA,
      ownerId: org.agentA.id,
      enabled: true,
    });
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, siteId: org.siteA });
    await drainJobs(t);
    // No enabled mail channel at the case's site: any enabled one.
    assert.equal(smtp.received.at(-1)?.replyTo?.text, `bkk+${opened.ref}@shop.example`);
    await insertChannel(t, {
      id: 'chn_TPE',
      kind: 'smtp',
      address: 'tpe@shop.example',
      siteId: org.siteA,
      ownerId: org.agentA.id,
      enabled: true,
    });
    await postEmail(t, org.agentA, opened.id, '已安排退款。');
    await drainJobs(t);
    // The case's own site's, once it has one.
    assert.equal(smtp.received.at(-1)?.replyTo?.text, `tpe+${opened.ref}@shop.example`);
  });

  test('a relay outage is waited out for a day; a refused recipient or message fails at once; a failed one can be sent again', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const start = t.clock.now().getTime();
    smtp.answers.push(...Array.from({ length: 100 }, () => 421));
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.window, siteId: org.siteA });
    await drainJobs(t);
    let at30Minutes = '';
    for (let i = 0; i < 200; i += 1) {
      const next = await t.deps.db.read
        .selectFrom('jobs')
        .select('run_at')
        .where('name', '=', SEND_JOB)
        .where('status', '=', 'queued')
        .orderBy('run_at')
        .executeTakeFirst();
      if (!next) break;
      t.clock.set(readTime(next.run_at));
      await drainJobs(t);
      if (!at30Minutes && t.clock.now().getTime() - start >= 30 * 60_000) {
        at30Minutes = (await emails(t, org, opened.id))[0]?.status ?? '';
      }
    }
    assert.equal(at30Minutes, 'queued');
    let [row] = await emails(t, org, opened.id);
    assert.equal(row?.status, 'failed');
    assert.equal(row?.attempts, SEND_MAX_ATTEMPTS);
    assert.equal(row?.reason, 'the mail server answered 421');
    assert.ok(t.clock.now().getTime() - start >= 24 * 3_600_000, `${(t.clock.now().getTime() - start) / 3_600_000} h`);
    assert.equal((await eventsOf(t, opened.id, 'email.failed')).length, 1);

    // The relay is back: an agent sends it again, with the same Message-ID.
    smtp.answers.length = 0;
    const again = await resend(t, org.agentA, opened.id, row?.id ?? '');
    assert.equal(again.statusCode, 202, again.body);
    assert.equal(again.json<CaseEmailDto>().status, 'queued');
    await drainJobs(t);
    [row] = await emails(t, org, opened.id);
    assert.equal(row?.status, 'sent');
    assert.equal(smtp.received.length, 1);
    assert.equal(smtp.received[0]?.messageId, row?.messageId);
    assert.ok((smtp.received[0]?.text ?? '').includes('#token='));
    // Not again once sent; not another site's agent; not an e-mail of another case.
    assert.equal((await resend(t, org.agentA, opened.id, row?.id ?? '')).statusCode, 409);
    assert.equal((await resend(t, org.agentB, opened.id, row?.id ?? '')).statusCode, 404);
    const elsewhere = await openCaseAs(t, org.agentA, { ...complaintFixtures.refund, siteId: org.siteA });
    assert.equal((await resend(t, org.agentA, elsewhere.id, row?.id ?? '')).statusCode, 404);
    await drainJobs(t);

    // Refusals of the recipient (RCPT) or of the message (DATA) are final at the first attempt.
    smtp.answers.push(552);
    const full = await openCaseAs(t, org.agentA, {
      ...complaintFixtures.window,
      customer: { name: 'Full Box', email: 'full@example.com', language: 'en' },
      siteId: org.siteA,
    });
    await drainJobs(t);
    smtp.dataAnswers.push(554);
    const spam = await openCaseAs(t, org.agentA, {
      ...complaintFixtures.window,
      customer: { name: 'Strict Filter', email: 'strict@example.com', language: 'en' },
      siteId: org.siteA,
    });
    await drainJobs(t);
    for (const [caseId, code] of [
      [full.id, 552],
      [spam.id, 554],
    ] as const) {
      const [refused] = await emails(t, org, caseId);
      assert.equal(refused?.status, 'failed');
      assert.equal(refused?.attempts, 1);
      assert.equal(refused?.reason, `the mail server answered ${code}`);
    }
  });

  test('an e-mail left queued with no job to send it is sent again on request', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    smtp.answers.push(451);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.window, siteId: org.siteA });
    await drainJobs(t);
    const [row] = await emails(t, org, opened.id);
    assert.equal(row?.status, 'queued');
    // While its next attempt waits, it is not sent twice.
    assert.equal((await resend(t, org.agentA, opened.id, row?.id ?? '')).statusCode, 409);
    // The worker died on its job's last run: the job is dead, the e-mail still queued.
    await t.deps.db.write((tx) =>
      tx
        .updateTable('jobs')
        .set({ status: 'dead' })
        .where('name', '=', SEND_JOB)
        .where('status', '=', 'queued')
        .execute(),
    );
    t.clock.advance(3_600_000);
    assert.equal(await drainJobs(t), 0);
    const again = await resend(t, org.agentA, opened.id, row?.id ?? '');
    assert.equal(again.statusCode, 202, again.body);
    await drainJobs(t);
    assert.equal((await emails(t, org, opened.id))[0]?.status, 'sent');
    assert.equal(smtp.received.length, 1);
  });

  test('a case without a site names the hear-back time in its clock calendar zone', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.window, siteId: org.siteA });
    const at = toDbTime(t.clock.now());
    const clockId = await insertClock(t, {
      caseId: opened.id,
      key: 'first_response',
      dueAt: new Date('2026-03-03T01:00:00.000Z'),
    });
    await t.deps.db.write(async (tx) => {
      await tx
        .insertInto('calendars')
        .values({
          id: 'cal_BKK',
          name: 'Bangkok office',
          time_zone: 'Asia/Bangkok',
          week: toDbJson(Array.from({ length: 7 }, () => [[0, 1440]])),
          preset: null,
          created_at: at,
          updated_at: at,
        })
        .execute();
      await tx.updateTable('service_clocks').set({ calendar_id: 'cal_BKK' }).where('id', '=', clockId).execute();
      await tx.updateTable('cases').set({ site_id: null }).where('id', '=', opened.id).execute();
    });
    await drainJobs(t);
    const text = smtp.received[0]?.text ?? '';
    // 01:00 UTC is 08:00 in Bangkok.
    assert.match(text, /Tuesday, 3 March 2026/);
    assert.match(text, /08:00/);
    assert.match(text, /GMT\+7/);
  });

  test('a case filed by phone keeps one thread: a reply threads under the acknowledgement', async (ctx) => {
    const smtp = await startMailServer();
    ctx.after(() => smtp.close());
    const { t, org } = await setUp(ctx, smtp.url);
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.mango, siteId: org.siteA });
    await drainJobs(t);
    const acknowledgement = smtp.received[0];
    assert.ok(acknowledgement?.messageId);
    t.clock.advance(60_000);
    await postEmail(t, org.agentA, opened.id, '我們已聯絡門市。');
    await drainJobs(t);
    const reply = smtp.received[1];
    assert.equal(reply?.inReplyTo, acknowledgement.messageId);
    assert.deepEqual(reply?.references, acknowledgement.messageId);
    t.clock.advance(60_000);
    await postEmail(t, org.agentA, opened.id, '退款已完成。');
    await drainJobs(t);
    const third = smtp.received[2];
    assert.equal(third?.inReplyTo, reply?.messageId);
    assert.deepEqual(third?.references, [acknowledgement.messageId, reply?.messageId]);
  });
});
