import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type {
  CaseDto,
  CategoryDto,
  IntakeChannelDto,
  PortalComplaintReceiptDto,
  RootCauseDto,
  SiteDto,
  SurveyList,
  UserDto,
} from '@redress/contract';
import { launchBrowser, screenshot, renderingProblem, textRendering, type Browser } from './support/browser.ts';
import { catalogueFor } from './support/catalogue.ts';
import { expectAccessible, journeySetUp, journeyStep } from './support/journey.ts';
import { linkIn, recipientOf, startMailSink, type MailSink } from './support/mail-sink.ts';
import {
  apiClient,
  eventually,
  redressCli,
  startRedress,
  type ApiClient,
  type RedressProcess,
} from './support/redress.ts';

/**
 * Journey 1 of the console's end-to-end suite, in a real browser against a real server: a customer
 * files a complaint in Thai through the portal, follows it by the private link the acknowledgement
 * e-mail carries, and writes to us there; once the case is resolved, the follow-up e-mail brings a
 * survey, which they answer in the portal.
 *
 * The follow-up goes out on the scheduler's minute sweep (the delay is set to 0), so the journey
 * waits up to a minute and a half for it.
 */

/** The portal's Thai words by key: the journey finds fields and headings by what a Thai reader sees. */
const { text: th, before: thBefore } = catalogueFor('th');

const CUSTOMER = {
  name: 'สมหญิง รักดี',
  email: 'somying@example.co.th',
  subject: 'ทุเรียนเน่า',
  whatHappened: 'ซื้อทุเรียนหมอนทองเมื่อวานที่สาขาสีลม แต่พอผ่าออกมาข้างในเน่าหมดทั้งลูก',
  whatYouExpect: 'ขอเงินคืนเต็มจำนวนหรือเปลี่ยนลูกใหม่',
  reply: 'แนบรูปใบเสร็จไว้ในแบบฟอร์มแล้วค่ะ สะดวกให้ติดต่อกลับช่วงเย็น',
};

/** A 1×1 PNG: the photo of the spoiled fruit, as far as the server's file check is concerned. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The journey's waits: generous, for a loaded CI machine. */
const MAIL_TIMEOUT_MS = 60_000;
const FOLLOW_UP_TIMEOUT_MS = 150_000;

describe('portal journey in Thai: file, follow by the private link, answer the survey', () => {
  let sink: MailSink;
  let server: RedressProcess;
  let browser: Browser;
  let admin: ApiClient;
  let agent: ApiClient;
  let agentUser: UserDto;
  let channelId: string;
  let rootCauseId: string;
  const categoryThaiName = 'ผลไม้เสีย';

  const setUp = async () => {
    // A customer on a phone in Bangkok whose browser speaks English: they switch to Thai.
    browser = await launchBrowser({
      locale: 'en-US',
      timezoneId: 'Asia/Bangkok',
      viewport: { width: 412, height: 915 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
    });
    sink = await startMailSink();
    let adminToken = '';
    let agentToken = '';
    server = await startRedress({
      env: { SMTP_URL: sink.url, MAIL_FROM: 'Durian House <help@durian.example>' },
      // Users and their API tokens through the CLI, as an operator would, before the first start.
      prepare: async (dataDir) => {
        const data = ['--data', dataDir];
        await redressCli([
          'user',
          'create',
          ...data,
          '--email',
          'admin@durian.example',
          '--name',
          'Admin',
          '--role',
          'admin',
        ]);
        await redressCli([
          'user',
          'create',
          ...data,
          '--email',
          'nok@durian.example',
          '--name',
          'นก ศรีสุข',
          '--role',
          'agent',
          '--locale',
          'th',
        ]);
        adminToken = await redressCli(['token', 'create', ...data, '--email', 'admin@durian.example', '--name', 'e2e']);
        agentToken = await redressCli(['token', 'create', ...data, '--email', 'nok@durian.example', '--name', 'e2e']);
      },
    });
    admin = apiClient(server.url, adminToken);
    agent = apiClient(server.url, agentToken);

    // The organisation, through the API: a Bangkok site, its agent, Thai working days and a
    // shipped policy, a category and a root cause, the web form, and follow-ups with no delay.
    const site = await admin.post<SiteDto>('/sites', { name: 'Silom', code: 'BKK-01', timeZone: 'Asia/Bangkok' });
    agentUser = (await agent.get<{ user: UserDto }>('/auth/me')).user;
    await admin.put(`/users/${agentUser.id}/site`, { siteId: site.id });
    const year = new Date().getUTCFullYear();
    const calendar = await admin.post<{ id: string }>('/calendars', { preset: 'TH', years: [year, year + 1] });
    await admin.post('/policies/presets', { preset: 'iso10002', calendarId: calendar.id });
    await admin.post<CategoryDto>('/categories', {
      names: { en: 'Spoiled fruit', th: categoryThaiName, 'zh-TW': '水果腐壞', 'zh-CN': '水果腐坏' },
      kind: 'product_quality',
    });
    rootCauseId = (
      await admin.post<RootCauseDto>('/root-causes', {
        code: 'cold_chain_break',
        names: { en: 'Cold chain break', th: 'ห่วงโซ่ความเย็นขาด' },
      })
    ).id;
    channelId = (
      await admin.post<IntakeChannelDto>('/intake-channels', {
        kind: 'portal',
        name: 'Website form',
        siteId: site.id,
        ownerId: agentUser.id,
      })
    ).id;
    await admin.put('/settings/followups', {
      enabled: true,
      delayMinutes: 0,
      afterRemedyMinutes: 0,
      surveyValidDays: 14,
    });
  };

  const ready = journeySetUp(setUp);

  after(async () => {
    await browser?.close();
    await server?.stop();
    await sink?.close();
  });

  const step = (name: string, body: () => Promise<void>) =>
    journeyStep('portal-thai', browser.page, server, name, body);

  const expectThai = async (page: Page, selector: string) => {
    const problem = renderingProblem(await textRendering(page, selector), 'thai');
    assert.equal(problem, undefined, `Thai text in ${selector}: ${problem}`);
  };

  let ref = '';
  let caseId = '';
  let caseLink = '';

  test('files a complaint in Thai and gets a receipt with the reference and a Buddhist-era date', async () => {
    ready();
    const { page } = browser;
    await step('form', async () => {
      await page.goto(`${server.url}/portal?channel=${channelId}`);
      await page.getByLabel('Language').selectOption('th');
      await page.getByRole('heading', { level: 1, name: th('portal.file.title') }).waitFor();
      assert.equal(await page.locator('html').getAttribute('lang'), 'th');
      await screenshot(page, 'portal-thai-01-form');
      await expectThai(page, '#complaint-title');
      await expectAccessible(page, 'the complaint form');

      await page.locator('#complaint-name').fill(CUSTOMER.name);
      await page.locator('#complaint-email').fill(CUSTOMER.email);
      await page.locator('#complaint-categoryId').selectOption({ label: categoryThaiName });
      await page.locator('#complaint-subject').fill(CUSTOMER.subject);
      await page.locator('#complaint-whatHappened').fill(CUSTOMER.whatHappened);
      await page.locator('#complaint-whatYouExpect').fill(CUSTOMER.whatYouExpect);
      await page.locator('#complaint-expectedRemedy').selectOption('refund');
      await page.locator('#complaint-files').setInputFiles({ name: 'durian.png', mimeType: 'image/png', buffer: PNG });
      await page
        .getByRole('list', { name: th('portal.files.chosen') })
        .locator('.portal-file-name', { hasText: 'durian.png' })
        .waitFor();
      await page.getByLabel(thBefore('portal.file.consent', 'organisation'), { exact: false }).check();
      await screenshot(page, 'portal-thai-02-form-filled');
    });

    await step('receipt', async () => {
      const filed = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/portal/complaints') && response.request().method() === 'POST',
      );
      await page.getByRole('button', { name: th('portal.file.submit') }).click();
      const response = await filed;
      assert.equal(response.status(), 201, await response.text());
      const receipt = (await response.json()) as PortalComplaintReceiptDto;
      ref = receipt.ref;
      assert.match(ref, /^C-\d{4}-\d+$/);
      assert.ok(receipt.hearBackBy, 'the receipt says when we will be back');

      await page.getByRole('heading', { level: 1, name: th('portal.receipt.title') }).waitFor();
      const card = page.locator('section[aria-labelledby="receipt-title"]');
      const text = (await card.textContent()) ?? '';
      assert.ok(text.includes(ref), `the receipt shows ${ref}: ${text}`);
      // The hear-back time in the Thai Buddhist era: 2026 reads 2569.
      const gregorian = Number(
        new Intl.DateTimeFormat('en', { timeZone: 'Asia/Bangkok', year: 'numeric' }).format(
          new Date(receipt.hearBackBy),
        ),
      );
      const line =
        (await card.locator('p', { hasText: thBefore('portal.receipt.hearBackBy', 'date') }).textContent()) ?? '';
      assert.ok(
        line.includes(String(gregorian + 543)),
        `Buddhist-era year ${gregorian + 543} in ${JSON.stringify(line)}`,
      );
      assert.ok(!line.includes(String(gregorian)), `no Gregorian year in ${JSON.stringify(line)}`);
      await screenshot(page, 'portal-thai-03-receipt');
      await expectThai(page, '#receipt-title');
      await expectAccessible(page, 'the receipt');

      const found = await agent.get<{ items: { id: string; ref: string }[] }>('/cases?limit=200');
      caseId = found.items.find((item) => item.ref === ref)?.id ?? '';
      assert.ok(caseId, `the agent sees case ${ref}`);
    });
  });

  test('follows the case by the private link in the acknowledgement e-mail and writes to us', async () => {
    ready();
    assert.ok(ref, 'the complaint was filed');
    const { page } = browser;
    await step('acknowledgement', async () => {
      const ack = await sink.waitFor(
        `the acknowledgement of ${ref}`,
        (mail) => (mail.subject ?? '').includes(ref) && linkIn(mail, server.url, '/portal/case') !== undefined,
        MAIL_TIMEOUT_MS,
      );
      assert.equal(recipientOf(ack), CUSTOMER.email);
      assert.match(ack.text ?? '', /[\u0E00-\u0E7F]/u, 'the acknowledgement is written in Thai');
      caseLink = linkIn(ack, server.url, '/portal/case')!;
    });

    await step('case page', async () => {
      await page.goto(caseLink);
      await page.getByRole('heading', { level: 1, name: th('portal.case.heading', { ref }) }).waitFor();
      assert.ok(!page.url().includes('token='), 'the token is taken out of the address bar');
      const told = page.locator('section[aria-labelledby="case-told"]');
      await told.getByText(CUSTOMER.whatHappened).waitFor();
      await told.getByRole('button', { name: /durian\.png/ }).waitFor();
      await page.getByText(categoryThaiName).first().waitFor();
      await screenshot(page, 'portal-thai-04-case');
      await expectThai(page, 'section[aria-labelledby="case-told"] p.portal-text');
      await expectAccessible(page, 'the case page');
    });

    await step('reply', async () => {
      await page.getByLabel(th('portal.case.replyLabel')).fill(CUSTOMER.reply);
      await page.getByRole('button', { name: th('portal.case.replySend') }).click();
      await page
        .getByRole('status')
        .filter({ hasText: th('portal.case.replySent') })
        .waitFor();
      const own = page.locator('.portal-conversation li.portal-message-own', { hasText: CUSTOMER.reply });
      await own.waitFor();
      await screenshot(page, 'portal-thai-05-replied');
      // It is the case's, not only the page's: it is there after a reload, and on the agent's side.
      await page.reload();
      await own.waitFor();
      const seen = await agent.get<CaseDto>(`/cases/${caseId}`);
      assert.ok(
        (seen.timeline ?? []).some(
          (event) =>
            event.type === 'case.message_recorded' &&
            event.data.direction === 'inbound' &&
            event.data.body === CUSTOMER.reply,
        ),
        'the reply is on the case timeline',
      );
    });
  });

  test('after the case is resolved, answers the survey from the follow-up e-mail', async () => {
    ready();
    assert.ok(caseId, 'the case exists');
    const { page } = browser;
    await step('resolve', async () => {
      await agent.post(`/cases/${caseId}/transitions`, { action: 'start_investigation' });
      await agent.post(`/cases/${caseId}/resolution`, {
        text: 'คืนเงินเต็มจำนวนแล้ว และตรวจสอบห้องเย็นของสาขา',
        kind: 'final',
        rootCauseId,
      });
      await agent.post(`/cases/${caseId}/transitions`, { action: 'resolve' });
    });

    let surveyLink = '';
    await step('follow-up e-mail', async () => {
      const followUp = await sink.waitFor(
        `the follow-up of ${ref} with its survey link`,
        (mail) => linkIn(mail, server.url, '/portal/survey') !== undefined,
        FOLLOW_UP_TIMEOUT_MS,
      );
      assert.equal(recipientOf(followUp), CUSTOMER.email);
      assert.ok((followUp.subject ?? '').includes(ref), `the follow-up names ${ref}: ${followUp.subject}`);
      surveyLink = linkIn(followUp, server.url, '/portal/survey')!;
    });

    await step('resolved case', async () => {
      // Opened afresh from the first e-mail (the tab is on that page already: a hash change alone reloads nothing).
      await page.goto('about:blank');
      await page.goto(caseLink);
      await page.getByText(th('portal.caseStatus.resolved'), { exact: true }).waitFor();
      await screenshot(page, 'portal-thai-06-resolved');
    });

    await step('survey', async () => {
      await page.goto(surveyLink);
      await page.getByRole('heading', { level: 1, name: th('portal.survey.title') }).waitFor();
      assert.ok((await page.locator('.portal-card').first().textContent())?.includes(ref));
      await screenshot(page, 'portal-thai-07-survey');
      await expectThai(page, '#survey-title');
      await expectAccessible(page, 'the survey');

      await page.getByLabel(th('portal.survey.scoreOptions.5'), { exact: true }).check();
      await page
        .getByRole('group', { name: th('portal.survey.solved') })
        .getByLabel(th('portal.survey.yes'), { exact: true })
        .check();
      const answered = page.waitForResponse(
        (response) => response.url().endsWith('/api/v1/portal/survey') && response.request().method() === 'POST',
      );
      await page.getByRole('button', { name: th('portal.survey.send') }).click();
      assert.ok((await answered).ok(), 'the answer is taken');
      await page.getByRole('heading', { level: 1, name: th('portal.survey.thanksTitle') }).waitFor();
      await screenshot(page, 'portal-thai-08-thanks');
      await expectThai(page, '#survey-message');
      await expectAccessible(page, 'the thank-you page');
    });

    await step('recorded', async () => {
      const survey = await eventually(
        'the answered survey',
        async () =>
          (await agent.get<SurveyList>(`/cases/${caseId}/surveys`)).items.find((s) => s.status === 'answered'),
        10_000,
      );
      assert.equal(survey.score, 5);
      assert.equal(survey.solved, true);
      assert.equal(survey.answeredVia, 'portal');
      assert.equal((await agent.get<CaseDto>(`/cases/${caseId}`)).status, 'resolved', 'a good answer reopens nothing');
    });
  });
});
