import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import type { PortalComplaintReceiptDto } from '@redress/contract';
import { multipart, pngBytes } from './factories/attachments.ts';
import { complaintFixtures, openCaseAs } from './factories/cases.ts';
import { drainJobs } from './factories/notifications.ts';
import { describeBothBackends } from './pg-util.ts';
import { caseIdOf, countCases, fileJson, setUpPortal, thaiComplaint, type PortalTest } from './portal-fixtures.ts';
import type { TestApp } from './factories.ts';

const FIVE_MINUTES_MS = 5 * 60_000;

const contactsOf = async (t: TestApp, customerId: string): Promise<string[]> =>
  (
    await t.deps.db.read
      .selectFrom('customer_contacts')
      .select(['kind', 'value'])
      .where('customer_id', '=', customerId)
      .orderBy('kind')
      .orderBy('value')
      .execute()
  ).map((c) => `${c.kind}:${c.value}`);

const customerOf = async (t: TestApp, caseId: string): Promise<string> =>
  (await t.deps.db.read.selectFrom('cases').select('customer_id').where('id', '=', caseId).executeTakeFirstOrThrow())
    .customer_id;

const linkRequests = async (t: TestApp, caseId: string): Promise<number> =>
  (
    await t.deps.db.read
      .selectFrom('events')
      .select('id')
      .where('type', '=', 'portal.link_requested')
      .where('subject_id', '=', caseId)
      .execute()
  ).length;

const linkEmails = async (t: TestApp, caseId: string): Promise<number> =>
  (
    await t.deps.db.read
      .selectFrom('email_messages')
      .select('id')
      .where('direction', '=', 'outbound')
      .where('template', '=', 'magic_link')
      .where('case_id', '=', caseId)
      .execute()
  ).length;

const askLink = (p: PortalTest, ref: string, email: string, ip = '203.0.113.7') =>
  p.t.app.inject({
    method: 'POST',
    url: '/api/v1/portal/links',
    payload: { ref, email, language: 'en' },
    remoteAddress: ip,
  });

const file = (p: PortalTest, payload: Record<string, unknown>) =>
  p.t.app.inject({ method: 'POST', url: '/api/v1/portal/complaints', payload: { channelId: p.channelId, ...payload } });

const submissions = (t: TestApp) => t.deps.db.read.selectFrom('portal_submissions').selectAll().orderBy('id').execute();

describeBothBackends('portal: what the public form cannot be made to do', (backend) => {
  test("a stranger typing a phone-only customer's number gets neither their record nor their link", async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    // The victim complained by phone: the only contact on record is the number.
    const victimCase = await openCaseAs(t, org.agentA, complaintFixtures.parcel);
    const victim = await customerOf(t, victimCase.id);
    assert.deepEqual(await contactsOf(t, victim), ['phone:+66812345678']);

    // The stranger files on the portal with their own address and the victim's number.
    const filed = await file(p, {
      ...thaiComplaint({ name: 'Mallory', email: 'mallory@evil.example', phone: '081 234 5678' }),
    });
    assert.equal(filed.statusCode, 201, filed.body);
    const strangerCaseId = await caseIdOf(t, filed.json<PortalComplaintReceiptDto>().ref);
    const stranger = await customerOf(t, strangerCaseId);
    assert.notEqual(stranger, victim, 'the phone typed on the public form matches nobody');
    assert.deepEqual(await contactsOf(t, victim), ['phone:+66812345678'], 'no contact was added to the victim');
    assert.deepEqual(await contactsOf(t, stranger), ['email:mallory@evil.example'], 'the phone is taken');
    const [row] = await submissions(t);
    assert.equal(row?.phone, '+66812345678', 'the number typed is kept with the form, not as a contact');

    // The stranger asks for the victim's private link with their own address: nothing is sent.
    const asked = await askLink(p, victimCase.ref, 'mallory@evil.example');
    assert.equal(asked.statusCode, 202);
    assert.equal(await linkRequests(t, victimCase.id), 0);
    // Their own case's link goes to them, as it should.
    await askLink(p, filed.json<PortalComplaintReceiptDto>().ref, 'mallory@evil.example');
    assert.equal(await linkRequests(t, strangerCaseId), 1);
    await drainJobs(t);
    assert.equal(await linkEmails(t, victimCase.id), 0, 'no private link of the victim was e-mailed');
    assert.equal(await linkEmails(t, strangerCaseId), 1);
  });

  test('the form matches a customer by e-mail only; a new phone is kept with the form, a free one is theirs', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const first = await fileJson(p, thaiComplaint({ phone: undefined }));
    const customer = await customerOf(t, first.caseId);
    assert.deepEqual(await contactsOf(t, customer), ['email:somying@example.co.th']);

    // Same address again, now with a phone: the same customer, and still no contact added.
    const second = await fileJson(p, thaiComplaint({ phone: '+66 81 555 0101', whatHappened: 'อีกครั้ง' }));
    assert.equal(await customerOf(t, second.caseId), customer);
    assert.deepEqual(await contactsOf(t, customer), ['email:somying@example.co.th']);
    const kept = (await submissions(t)).find((s) => s.case_id === second.caseId);
    assert.equal(kept?.phone, '+66815550101');

    // A new customer whose number nobody has gets it as a contact.
    const fresh = await fileJson(p, thaiComplaint({ email: 'new@example.co.th', phone: '+66 82 000 0001' }));
    assert.deepEqual(await contactsOf(t, await customerOf(t, fresh.caseId)), [
      'email:new@example.co.th',
      'phone:+66820000001',
    ]);
    assert.equal((await submissions(t)).find((s) => s.case_id === fresh.caseId)?.phone, null);
  });

  test("a link goes only to the case's own intake address, never to another contact", async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t, org } = p;
    // Opened by an agent with the customer's address on record: no intake address.
    const opened = await openCaseAs(t, org.agentA, { ...complaintFixtures.refund, siteId: org.siteA });
    await askLink(p, opened.ref, 'wanglei@example.cn');
    assert.equal(await linkRequests(t, opened.id), 0, 'a contact is not an intake address');

    // The e-mail the customer wrote from is.
    const at = t.clock.now().toISOString();
    await t.deps.db.write((tx) =>
      tx
        .insertInto('email_messages')
        .values({
          id: 'eml_01TESTINBOUND0000000000000',
          direction: 'inbound',
          status: 'threaded',
          reason: null,
          channel_id: null,
          case_id: opened.id,
          customer_id: null,
          message_id: '<one@example.cn>',
          in_reply_to: null,
          references: '[]',
          from_address: 'wanglei@example.cn',
          from_name: null,
          to_addresses: '[]',
          envelope_from: null,
          reply_to: null,
          subject: null,
          text_body: 'hi',
          html_body: null,
          template: null,
          language: null,
          attachment_ids: '[]',
          raw_key: null,
          raw_size: null,
          imap_uidvalidity: null,
          imap_uid: null,
          attempts: 1,
          last_error: null,
          sent_at: null,
          created_at: at,
          updated_at: at,
        })
        .execute(),
    );
    await askLink(p, opened.ref, 'WangLei@example.cn');
    assert.equal(await linkRequests(t, opened.id), 1);
  });

  test('a double tap files one complaint: the same submissionId answers the first receipt', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const submissionId = randomUUID();
    const once = await file(p, { ...thaiComplaint(), submissionId });
    const twice = await file(p, { ...thaiComplaint(), submissionId });
    assert.equal(once.statusCode, 201, once.body);
    assert.equal(twice.statusCode, 201, twice.body);
    assert.deepEqual(twice.json(), once.json());
    assert.equal(await countCases(t), 1);

    // Two taps at once, with a file each: one case, one file.
    const tap = () => {
      const form = multipart([{ field: 'files', filename: 'photo.png', content: pngBytes() }], {
        complaint: JSON.stringify({
          ...thaiComplaint(),
          channelId: p.channelId,
          submissionId: 'b2d5f1c0-8a4e-4f7b-9c1d-2e3f4a5b6c7d',
        }),
      });
      return t.app.inject({ method: 'POST', url: '/api/v1/portal/complaints', ...form });
    };
    const [a, b] = await Promise.all([tap(), tap()]);
    assert.equal(a.statusCode, 201, a.body);
    assert.equal(b.statusCode, 201, b.body);
    assert.equal(a.json<PortalComplaintReceiptDto>().ref, b.json<PortalComplaintReceiptDto>().ref);
    assert.notEqual(a.json<PortalComplaintReceiptDto>().ref, once.json<PortalComplaintReceiptDto>().ref);
    assert.equal(await countCases(t), 2);
    assert.equal((await t.deps.db.read.selectFrom('attachments').select('id').execute()).length, 1);

    // Without an id every post files; a malformed id is refused.
    await file(p, thaiComplaint());
    assert.equal(await countCases(t), 3);
    const bad = await file(p, { ...thaiComplaint(), submissionId: 'not-a-uuid' });
    assert.equal(bad.statusCode, 400, bad.body);
  });

  test('link e-mails: one per case every five minutes, however many addresses ask', async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const filed = await fileJson(p, thaiComplaint());
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => askLink(p, filed.ref, 'somying@example.co.th', `198.51.100.${i + 1}`)),
    );
    for (const answer of answers) {
      assert.equal(answer.statusCode, 202);
      assert.equal(answer.body, answers[0]?.body);
    }
    assert.equal(await linkRequests(t, filed.caseId), 1);
    t.clock.advance(FIVE_MINUTES_MS - 1000);
    await askLink(p, filed.ref, 'somying@example.co.th', '198.51.100.50');
    assert.equal(await linkRequests(t, filed.caseId), 1);
    t.clock.advance(2000);
    await askLink(p, filed.ref, 'somying@example.co.th', '198.51.100.51');
    assert.equal(await linkRequests(t, filed.caseId), 2);
  });

  test("a robot's form is kept for review under a reference no case can have", async (ctx) => {
    const p = await setUpPortal(backend, ctx);
    const { t } = p;
    const submissionId = randomUUID();
    const robot = await file(p, { ...thaiComplaint({ website: 'http://spam.example' }), submissionId });
    assert.equal(robot.statusCode, 201, robot.body);
    const receipt = robot.json<PortalComplaintReceiptDto>();
    assert.equal(receipt.ref, 'C-2026-000000');
    assert.equal(receipt.emailSentTo, 's***@example.co.th');
    assert.equal(await countCases(t), 0);
    const again = await file(p, { ...thaiComplaint({ website: 'http://spam.example' }), submissionId });
    assert.deepEqual(again.json(), robot.json());

    const [kept, ...more] = await submissions(t);
    assert.equal(more.length, 0);
    assert.equal(kept?.status, 'dropped_honeypot');
    assert.equal(kept?.case_id, null);
    const form = (typeof kept?.form === 'string' ? JSON.parse(kept.form) : kept?.form) as Record<string, unknown>;
    assert.equal(form.whatHappened, thaiComplaint().whatHappened);
    assert.equal(form.website, 'http://spam.example');

    // Real cases start at 000001.
    const real = await fileJson(p, thaiComplaint());
    assert.equal(real.ref, 'C-2026-000001');
  });
});
