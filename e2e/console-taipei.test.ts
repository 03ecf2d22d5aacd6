import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type {
  CaseDto,
  CategoryDto,
  CompensationDto,
  LadderLevelDto,
  SiteDto,
  TeamDto,
  UserDto,
} from '@redress/contract';
import { launchBrowser, renderingProblem, screenshot, textRendering, type Browser } from './support/browser.ts';
import { catalogueFor } from './support/catalogue.ts';
import { expectAccessible, journeySetUp, journeyStep } from './support/journey.ts';
import {
  apiClient,
  eventually,
  redressCli,
  startRedress,
  type ApiClient,
  type RedressProcess,
} from './support/redress.ts';

/**
 * Journeys 2 and 3 of the console's end-to-end suite, in a real browser against a real server on a
 * fresh embedded database, in Traditional Chinese:
 * - an agent in Taipei logs a phone complaint from a customer we already know, promises a test
 *   report by a date, asks the logistics department an internal question due later than that,
 *   and is warned before the promise is recorded; they propose a refund above their authority;
 * - the manager approves that refund from the early-warning board.
 * axe runs on the queue, case and board pages; the Chinese text must be drawn with a Chinese font.
 */

const { text: zh, before: zhBefore } = catalogueFor('zh-TW');

const PASSWORD = 'taipei-journey-2026';
const AGENT = { email: 'yijun@shop.example', name: '王怡君' };
const MANAGER = { email: 'zhiming@shop.example', name: '林志明' };
const CUSTOMER = { name: '陳美玲', phone: '0912-345-678' };
const CALL = {
  subject: '吹風機冒煙',
  words: '上週買的吹風機今天早上用的時候突然冒煙，還有燒焦味，我嚇了一跳，希望你們檢查後給我一份報告。',
  task: '請物流部確認這批吹風機的出貨批號，並提供檢測報告。',
  promise: '我們會把吹風機的檢測報告寄給您。',
  refund: '3000',
  refundNote: '全額退款，並補償來回運費。',
};

/** Local wall-clock `YYYY-MM-DDTHH:mm` in Taipei (UTC+8, no daylight saving), `days` working days ahead at `hour`. */
const taipeiLocal = (days: number, hour: number): string => {
  const date = new Date(Date.now() + 8 * 3_600_000);
  let added = 0;
  while (added < days) {
    date.setUTCDate(date.getUTCDate() + 1);
    const weekday = date.getUTCDay();
    if (weekday !== 0 && weekday !== 6) added += 1;
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(hour)}:00`;
};

describe('console journeys in Traditional Chinese: an agent logs a call and promises, a manager approves', () => {
  let server: RedressProcess;
  let agentBrowser: Browser;
  let managerBrowser: Browser;
  let admin: ApiClient;
  let agentApi: ApiClient;
  let agentUser: UserDto;
  let managerUser: UserDto;
  let team: TeamDto;
  let customerId = '';

  const setUp = async () => {
    const desktop = { locale: 'zh-TW', timezoneId: 'Asia/Taipei', viewport: { width: 1366, height: 900 } };
    agentBrowser = await launchBrowser(desktop);
    managerBrowser = await launchBrowser(desktop);
    let adminToken = '';
    let agentToken = '';
    server = await startRedress({
      prepare: async (dataDir) => {
        const data = ['--data', dataDir];
        const user = (email: string, name: string, role: string, ...extra: string[]) =>
          redressCli(['user', 'create', ...data, '--email', email, '--name', name, '--role', role, ...extra]);
        await user('admin@shop.example', 'Admin', 'admin');
        await user(AGENT.email, AGENT.name, 'agent', '--locale', 'zh-TW', '--password', PASSWORD);
        await user(MANAGER.email, MANAGER.name, 'manager', '--locale', 'zh-TW', '--password', PASSWORD);
        await user('logistics@shop.example', '物流 張先生', 'department_member', '--locale', 'zh-TW');
        adminToken = await redressCli(['token', 'create', ...data, '--email', 'admin@shop.example', '--name', 'e2e']);
        agentToken = await redressCli(['token', 'create', ...data, '--email', AGENT.email, '--name', 'e2e']);
      },
    });
    admin = apiClient(server.url, adminToken);
    agentApi = apiClient(server.url, agentToken);

    // The organisation: a Taipei site with Taiwan's working days and a shipped policy, a category,
    // a logistics department, and a ladder where agents may give up to NT$1,000 and managers more.
    const site = await admin.post<SiteDto>('/sites', { name: '台北信義店', code: 'TPE-01', timeZone: 'Asia/Taipei' });
    const users = (await admin.get<{ items: UserDto[] }>('/users')).items;
    agentUser = users.find((u) => u.email === AGENT.email)!;
    managerUser = users.find((u) => u.email === MANAGER.email)!;
    const logistics = users.find((u) => u.email === 'logistics@shop.example')!;
    for (const u of [agentUser, managerUser, logistics]) await admin.put(`/users/${u.id}/site`, { siteId: site.id });
    const year = new Date().getUTCFullYear();
    const calendar = await admin.post<{ id: string }>('/calendars', { preset: 'TW', years: [year, year + 1] });
    await admin.post('/policies/presets', { preset: 'iso10002', calendarId: calendar.id });
    await admin.post<CategoryDto>('/categories', {
      names: { en: 'Product safety', 'zh-TW': '產品安全', 'zh-CN': '产品安全', th: 'ความปลอดภัยของสินค้า' },
      kind: 'product_quality',
    });
    team = await admin.post<TeamDto>('/teams', { name: '物流部', kind: 'department', siteId: null });
    await admin.post(`/teams/${team.id}/members`, { userId: logistics.id });
    // The shipped ladder, with its first two levels given Taiwan-dollar authority: agents up to
    // NT$1,000, store managers up to NT$50,000 (amounts in minor units).
    const ladder = await admin.get<{ levels: (LadderLevelDto & Record<string, unknown>)[] }>('/escalation/levels');
    const authority: Record<number, { roles: string[]; maxCompensation: number }> = {
      0: { roles: ['agent'], maxCompensation: 100_000 },
      1: { roles: ['manager', 'supervisor'], maxCompensation: 5_000_000 },
    };
    await admin.put('/escalation/levels', {
      levels: ladder.levels.map(({ id: _id, ...level }) => ({
        ...level,
        ...(authority[level.rank] ? { ...authority[level.rank], currency: 'TWD' } : {}),
      })),
    });

    // The customer we already know: an earlier, resolved-long-ago case by phone.
    const earlier = await agentApi.post<CaseDto>('/cases', {
      customer: { name: CUSTOMER.name, phone: CUSTOMER.phone, language: 'zh-TW' },
      channel: 'phone',
      subject: '延遲到貨',
      description: '訂的電風扇晚了一週才到。',
      language: 'zh-TW',
    });
    customerId = earlier.customer.id;
  };

  const ready = journeySetUp(setUp);

  after(async () => {
    await agentBrowser?.close();
    await managerBrowser?.close();
    await server?.stop();
  });

  const step = (browser: Browser, name: string, body: () => Promise<void>) =>
    journeyStep('console-taipei', browser.page, server, name, body);

  const expectChinese = async (page: Page, selector: string) => {
    const problem = renderingProblem(await textRendering(page, selector), 'chinese');
    assert.equal(problem, undefined, `Chinese text in ${selector}: ${problem}`);
  };

  const signIn = async (page: Page, email: string) => {
    await page.goto(server.url);
    await page.getByLabel(zh('signIn.email')).fill(email);
    await page.getByLabel(zh('signIn.password')).fill(PASSWORD);
    await page.getByRole('button', { name: zh('signIn.submit') }).click();
    await page.getByRole('navigation', { name: zh('nav.label') }).waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-TW');
  };

  let caseId = '';
  let ref = '';

  test('journey 2: an agent logs a phone complaint, assigns a task, and is warned before promising', async () => {
    ready();
    const { page } = agentBrowser;
    await step(agentBrowser, 'queues', async () => {
      await signIn(page, AGENT.email);
      await page.getByRole('heading', { level: 1 }).first().waitFor();
      await screenshot(page, 'console-taipei-01-queues');
      await expectChinese(page, 'h1');
      await expectAccessible(page, 'the queues');
    });

    await step(agentBrowser, 'log a call', async () => {
      await page
        .getByRole('navigation', { name: zh('nav.label') })
        .getByRole('link', { name: zh('nav.logCall') })
        .click();
      await page.getByRole('heading', { level: 1, name: zh('logCall.title') }).waitFor();
      await page.getByLabel(zh('logCall.phone')).fill(CUSTOMER.phone);
      // The caller is known: their name and their earlier case come up while the agent listens.
      const caller = page.locator('section[aria-labelledby="caller-title"]');
      await caller.getByText(CUSTOMER.name).first().waitFor();
      await caller.getByText('延遲到貨').first().waitFor();
      await page.getByLabel(zh('logCall.words')).fill(CALL.words);
      await page.getByLabel(zh('logCall.subject')).fill(CALL.subject);
      await page.getByLabel(zh('logCall.category')).selectOption({ label: '產品安全' });
      await page.getByLabel(zh('logCall.outcome')).fill('答應兩天內回覆檢測結果。');
      await screenshot(page, 'console-taipei-02-log-call');
      await expectAccessible(page, 'the log-a-call form');
      await page.getByRole('button', { name: zh('logCall.submit') }).click();
      await page.waitForURL(/\/cases\/case_/);
      caseId = new URL(page.url()).pathname.split('/').pop()!;
      const seen = await agentApi.get<CaseDto>(`/cases/${caseId}`);
      ref = seen.ref;
      assert.equal(seen.customer.id, customerId, 'the call is filed under the customer we know');
      assert.equal(seen.channel, 'phone');
      assert.equal(seen.description, CALL.words);
      await page.getByRole('heading', { level: 1 }).filter({ hasText: ref }).waitFor();
      await page.getByText(CALL.words).first().waitFor();
    });

    const taskDue = taipeiLocal(5, 16);
    await step(agentBrowser, 'internal task', async () => {
      await page.getByRole('button', { name: zh('case.tasks.assign') }).click();
      const form = page.getByRole('form', { name: zh('case.tasks.assign') });
      await form.getByLabel(zh('case.tasks.assignee')).selectOption({ label: team.name });
      await form.getByLabel(zh('case.tasks.question')).fill(CALL.task);
      await form.getByLabel(zh('case.tasks.due')).fill(taskDue);
      await form.getByRole('button', { name: zh('case.tasks.send') }).click();
      await page.locator('.case-task', { hasText: CALL.task }).waitFor();
      const tasks = await agentApi.get<{
        items: { question: string; teamId?: string; assigneeTeamId: string | null }[];
      }>(`/cases/${caseId}/tasks`);
      assert.equal(tasks.items.length, 1);
      assert.equal(tasks.items[0]!.assigneeTeamId, team.id);
    });

    await step(agentBrowser, 'promise warning', async () => {
      await page.getByRole('button', { name: zh('composer.addPromise') }).click();
      await page.getByLabel(zh('composer.promise.text')).fill(CALL.promise);
      await page.getByLabel(zh('composer.promise.due')).fill(taipeiLocal(2, 16));
      await page.getByLabel(CALL.task, { exact: false }).check();
      await page.getByRole('button', { name: zh('composer.promise.check') }).click();
      // The guard: the report depends on the logistics answer, which is due after the promise.
      const warning = page.getByRole('alert').filter({ hasText: zh('composer.promise.warningTitle') });
      await warning.waitFor();
      await warning.getByText(zhBefore('composer.flags.depends_on_later_task_at', 'task'), { exact: false }).waitFor();
      await screenshot(page, 'console-taipei-03-promise-warning');
      await expectChinese(page, '.case-words-text');
      await expectAccessible(page, 'the case page with the promise warning');
      await page.getByRole('button', { name: zh('composer.promise.recordAnyway') }).click();
      const commitment = await eventually(
        'the recorded promise',
        async () =>
          (
            await agentApi.get<{ items: { text: string; status: string; acknowledgedFlags?: string[] }[] }>(
              `/cases/${caseId}/commitments`,
            )
          ).items.find((item) => item.text === CALL.promise),
        10_000,
      );
      assert.equal(commitment.status, 'open');
      await page.locator('.case-commitment', { hasText: CALL.promise }).first().waitFor();
    });

    await step(agentBrowser, 'refund above authority', async () => {
      await page.getByRole('button', { name: zh('case.compensation.propose') }).click();
      const form = page.getByRole('form', { name: zh('case.compensation.propose') });
      await form.getByLabel(zh('case.compensation.kindLabel')).selectOption('refund');
      await form.getByLabel(zh('case.compensation.amount')).fill(CALL.refund);
      await form.getByLabel(zh('case.compensation.currency')).fill('TWD');
      await form.getByLabel(zh('case.compensation.description')).fill(CALL.refundNote);
      await form.getByRole('button', { name: zh('case.compensation.send') }).click();
      await page.getByText(zh('case.compensation.status.proposed')).first().waitFor();
      await screenshot(page, 'console-taipei-04-case');
      const proposed = await agentApi.get<{ items: CompensationDto[] }>(`/cases/${caseId}/compensations`);
      assert.equal(proposed.items[0]?.status, 'proposed');
      assert.equal(proposed.items[0]?.amount, 300_000, 'NT$3,000 in minor units');
    });
  });

  test('journey 3: the manager approves the refund from the early-warning board', async () => {
    ready();
    assert.ok(ref, 'journey 2 logged the call');
    const { page } = managerBrowser;
    await step(managerBrowser, 'board', async () => {
      await signIn(page, MANAGER.email);
      await page
        .getByRole('navigation', { name: zh('nav.label') })
        .getByRole('link', { name: zh('nav.board') })
        .click();
      const approve = page.getByRole('button', { name: zh('manager.approvals.approveCase', { ref }) });
      await approve.waitFor();
      await screenshot(page, 'console-taipei-05-board');
      await expectChinese(page, 'h1');
      await expectAccessible(page, 'the early-warning board');
      await approve.click();
      await page
        .getByRole('status')
        .filter({ hasText: zh('manager.approvals.approved', { ref }) })
        .waitFor();
      await screenshot(page, 'console-taipei-06-approved');
      const decided = await agentApi.get<{ items: CompensationDto[] }>(`/cases/${caseId}/compensations`);
      assert.equal(decided.items[0]?.status, 'approved');
      assert.equal(decided.items[0]?.decidedBy, managerUser.id);
    });
  });

  test('the agent sees the approval on the case without reloading', async () => {
    ready();
    assert.ok(caseId);
    const { page } = agentBrowser;
    await step(agentBrowser, 'live', async () => {
      await page.getByText(zh('case.compensation.status.approved')).first().waitFor({ timeout: 20_000 });
      await screenshot(page, 'console-taipei-07-approved-live');
    });
  });
});
