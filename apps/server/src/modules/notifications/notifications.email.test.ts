import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { bearerFor, type TestApp } from '../../../test/factories.ts';
import { complaintFixtures, openCaseAs } from '../../../test/factories/cases.ts';
import {
  appendCaseEvent,
  buildTestAppWith,
  drainJobs,
  parseMail,
  runDigest,
  seedLadder,
  startSmtpServer,
} from '../../../test/factories/notifications.ts';
import { systemContext } from '../../shared/unit-of-work.ts';

/**
 * E-mail over a real SMTP exchange: an smtp-server on a loopback port, nodemailer talking to it
 * through the configured SMTP_URL, and the messages parsed as a mail client would.
 */
describe('notification e-mail over SMTP', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let caseId: string;
  let owner: { id: string; headers: Record<string, string> };
  let supervisor: { id: string; headers: Record<string, string> };
  let manager: { id: string; headers: Record<string, string> };

  const person = async (role: string, email: string, locale: 'en' | 'zh-TW' | 'zh-CN' | 'th', siteId: string) => {
    const sys = systemContext('test');
    const user = await t.deps.identity.createUser(sys, { email, name: `Test ${role}`, role, locale });
    await t.deps.org.setUserSite(sys, user.id, siteId);
    return { id: user.id, headers: await bearerFor(t.deps, user.id) };
  };
  const emit = (type: string, payload: Record<string, unknown>) => {
    t.clock.advance(60_000);
    return appendCaseEvent(t, caseId, type, payload);
  };
  const states = async (eventId: string) =>
    Object.fromEntries(
      (
        await t.deps.db.read
          .selectFrom('notifications')
          .select(['user_id', 'email_state'])
          .where('event_id', '=', eventId)
          .execute()
      ).map((r) => [r.user_id, r.email_state]),
    );

  before(async () => {
    smtp = await startSmtpServer({ reject: (to) => to === 'nobody.here@example.test' });
    t = await buildTestAppWith({
      smtpUrl: smtp.url,
      mailFrom: 'Redress <redress@example.test>',
      publicUrl: 'https://redress.example',
    });
    await seedLadder(t);
    const site = await t.deps.org.createSite(systemContext('test'), {
      name: 'Taipei',
      code: 'TPE',
      timeZone: 'Asia/Taipei',
    });
    owner = await person('agent', 'mei@example.test', 'zh-TW', site.id);
    supervisor = await person('supervisor', 'somchai@example.test', 'th', site.id);
    manager = await person('manager', 'nobody.here@example.test', 'en', site.id);
    caseId = (await openCaseAs(t, owner, { ...complaintFixtures.window, subject: '<b>Broken</b> & "cold"' })).id;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  test('immediate: one mail per notification, in the recipient language, marked sent, never sent twice', async () => {
    const event = await emit('clock.breached', {
      key: 'resolve',
      kind: 'resolve',
      cycle: 1,
      dueAt: '2026-03-02T10:00:00.000Z',
    });
    await drainJobs(t);

    const toOwner = smtp.received.filter((m) => m.to.includes('mei@example.test'));
    assert.equal(toOwner.length, 1);
    const mail = parseMail(toOwner[0]?.raw ?? '');
    assert.equal(toOwner[0]?.from, 'redress@example.test');
    assert.match(mail.subject, /^C-\d{4}-\d+：結案處理已逾期$/);
    assert.match(mail.text, /應於 2026年3月2日 18:00 \[GMT\+8\] 完成/);
    assert.match(mail.text, new RegExp(`https://redress\\.example/cases/${caseId}`));
    assert.match(mail.html, /結案處理/);
    assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
    assert.doesNotMatch(toOwner[0]?.raw ?? '', /sarah\.mitchell@example\.com|Sarah Mitchell/, 'no customer details');

    const toSupervisor = smtp.received.filter((m) => m.to.includes('somchai@example.test'));
    assert.equal(toSupervisor.length, 1);
    assert.match(parseMail(toSupervisor[0]?.raw ?? '').subject, /การแก้ไขปัญหาเลยกำหนดแล้ว/);

    // The manager's mailbox does not exist: a permanent refusal is recorded, not retried.
    assert.deepEqual(await states(event.id), { [owner.id]: 'sent', [supervisor.id]: 'sent', [manager.id]: 'failed' });

    // Running every e-mail job again (a retry after a crash) sends nothing more.
    const count = smtp.received.length;
    await t.deps.db.write((tx) =>
      tx.updateTable('jobs').set({ status: 'queued' }).where('name', '=', 'notifications.email').execute(),
    );
    await drainJobs(t);
    assert.equal(smtp.received.length, count);
  });

  test('no free text leaves by e-mail: the case subject and the promise stay in the app', async () => {
    await emit('case.escalated', { toRank: 1, trigger: 'manual' });
    await drainJobs(t);
    const last = smtp.received.at(-1);
    assert.deepEqual(last?.to, ['somchai@example.test']);
    const escalated = parseMail(last?.raw ?? '');
    const escalatedAll = `${escalated.subject}\n${escalated.text}\n${escalated.html}`;
    assert.doesNotMatch(escalatedAll, /Broken|cold/, 'the case subject is not mailed');
    assert.match(escalated.subject, /^C-\d{4}-\d+ /);
    assert.match(escalated.text, new RegExp(`https://redress\\.example/cases/${caseId}`));

    const before = smtp.received.length;
    await emit('commitment.at_risk', {
      commitmentId: 'cmt_1',
      text: 'Call Mrs Lin back with the lab report',
      dueAt: '2026-03-02T10:00:00.000Z',
      proposedDueAt: '2026-03-03T10:00:00.000Z',
      draft: 'Dear Mrs Lin, …',
      language: 'zh-TW',
    });
    await drainJobs(t);
    const toOwner = smtp.received.slice(before).filter((m) => m.to.includes('mei@example.test'));
    assert.equal(toOwner.length, 1);
    const atRisk = parseMail(toOwner[0]?.raw ?? '');
    const atRiskAll = `${atRisk.subject}\n${atRisk.text}\n${atRisk.html}`;
    assert.doesNotMatch(atRiskAll, /Lin|lab report/, 'neither the promise nor the draft is mailed');
    assert.match(atRisk.text, /案件 C-\d{4}-\d+ 的一項承諾將於 2026年3月2日 18:00 \[GMT\+8\] 到期/);

    // In the app, the owner reads the promise in its own words.
    const inApp = await t.app.inject({ method: 'GET', url: '/api/v1/notifications', headers: owner.headers });
    assert.match(inApp.body, /lab report/);
  });

  test('digest: nothing at once, then one mail per user with all that waited, in their language', async () => {
    for (const who of [owner, supervisor]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: '/api/v1/notifications/settings',
        headers: who.headers,
        payload: { email: 'digest' },
      });
      assert.equal(response.statusCode, 200);
    }
    const before = smtp.received.length;
    const first = await emit('clock.warned', { key: 'first_response', dueAt: '2026-03-02T11:00:00.000Z', percent: 75 });
    const second = await emit('clock.breached', { key: 'keep_in_loop', dueAt: '2026-03-02T11:00:00.000Z' });
    await drainJobs(t);
    const immediateOnly = smtp.received.slice(before);
    assert.deepEqual(
      immediateOnly.flatMap((m) => m.to),
      [],
      'the manager (immediate) is not on these; the others wait for the digest',
    );
    assert.equal((await states(first.id))[owner.id], 'digest');

    // The hourly schedule enqueues the digest job; run it as the scheduler would.
    await runDigest(t, 'test');
    const digests = smtp.received.slice(before);
    assert.deepEqual(digests.map((m) => m.to[0]).sort(), ['mei@example.test', 'somchai@example.test']);
    const toOwner = parseMail(digests.find((m) => m.to[0] === 'mei@example.test')?.raw ?? '');
    assert.equal(toOwner.subject, 'Redress：2 則通知');
    assert.match(toOwner.text, /首次回覆將於/);
    assert.match(toOwner.text, /進度更新已逾期/);
    const toSupervisor = parseMail(digests.find((m) => m.to[0] === 'somchai@example.test')?.raw ?? '');
    assert.equal(toSupervisor.subject, 'Redress: การแจ้งเตือน 1 รายการ');
    assert.deepEqual(await states(second.id), { [owner.id]: 'sent', [supervisor.id]: 'sent' });

    // The next hour finds nothing waiting.
    const after = smtp.received.length;
    await runDigest(t, 'test2');
    assert.equal(smtp.received.length, after);
  });

  test('off: in-app only', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/api/v1/notifications/settings',
      headers: owner.headers,
      payload: { email: 'off' },
    });
    const event = await emit('clock.warned', { key: 'resolve', dueAt: '2026-03-02T12:00:00.000Z', percent: 90 });
    await drainJobs(t);
    assert.deepEqual(await states(event.id), { [owner.id]: 'skipped' });
  });
});

describe('notification e-mail when the mail server is down', () => {
  test('the job fails and is retried; the notification stays pending until the last attempt', async () => {
    const smtp = await startSmtpServer();
    const url = smtp.url;
    await smtp.close();
    const t = await buildTestAppWith({ smtpUrl: url });
    try {
      const site = await t.deps.org.createSite(systemContext('test'), { name: 'X', code: 'X', timeZone: 'UTC' });
      const sys = systemContext('test');
      const agent = await t.deps.identity.createUser(sys, { email: 'a@example.test', name: 'A', role: 'agent' });
      await t.deps.org.setUserSite(sys, agent.id, site.id);
      const headers = await bearerFor(t.deps, agent.id);
      const opened = await openCaseAs(t, { id: agent.id, headers }, complaintFixtures.refund);
      const event = await appendCaseEvent(t, opened.id, 'clock.warned', {
        key: 'resolve',
        dueAt: '2026-03-02T12:00:00.000Z',
      });
      await drainJobs(t);
      const job = await t.deps.db.read
        .selectFrom('jobs')
        .select(['status', 'attempts', 'last_error'])
        .where('name', '=', 'notifications.email')
        .executeTakeFirstOrThrow();
      assert.equal(job.status, 'queued', 'waiting for a retry');
      assert.equal(Number(job.attempts), 1);
      assert.match(job.last_error ?? '', /ECONNREFUSED/);
      const row = await t.deps.db.read
        .selectFrom('notifications')
        .select('email_state')
        .where('event_id', '=', event.id)
        .executeTakeFirstOrThrow();
      assert.equal(row.email_state, 'pending');
    } finally {
      await t.close();
    }
  });
});
