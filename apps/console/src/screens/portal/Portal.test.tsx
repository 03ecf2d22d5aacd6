import type { PortalCaseDto, PortalConfigDto, PortalSurveyDto } from '@redress/contract';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryRouter, useLocation, type Location } from 'react-router';
import { AppProviders, AppRoutes } from '../../app.tsx';
import { createI18n, type Locale } from '../../i18n/i18n.ts';
import { fakeServer, json } from '../../test/harness.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

/** The app at `path` with a probe on the router's location, to see what the address bar shows. */
const renderPortal = (path: string, locale: Locale = 'en') => {
  const seen: { location?: Location } = {};
  const Probe = () => {
    seen.location = useLocation();
    return null;
  };
  render(
    <AppProviders i18n={createI18n(locale)}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
        <Probe />
      </MemoryRouter>
    </AppProviders>,
  );
  return seen;
};

const config: PortalConfigDto = {
  channelId: 'chn_web1',
  organisationName: 'Lotus Home',
  categories: [
    { id: 'cat_delivery', parentId: null, names: { en: 'Delivery', th: 'การจัดส่ง', 'zh-TW': '配送' } },
    { id: 'cat_late', parentId: 'cat_delivery', names: { en: 'Late delivery', th: 'ส่งล่าช้า' } },
    { id: 'cat_quality', parentId: null, names: { en: 'Product quality', th: 'คุณภาพสินค้า' } },
  ],
  expectedRemedies: ['refund', 'replacement', 'other'],
  maxAttachmentBytes: 5 * 1024 * 1024,
  maxAttachments: 3,
};

const caseView = (overrides: Partial<PortalCaseDto> = {}): PortalCaseDto => ({
  ref: 'RDR-2026-0042',
  mergedFromRef: null,
  status: 'waiting_on_customer',
  subject: 'Sofa arrived torn',
  description: 'The sofa arrived with a tear in the left arm.',
  language: 'en',
  categoryName: 'Delivery',
  createdAt: '2026-03-02T03:00:00.000Z',
  nextUpdateBy: '2026-03-06T10:00:00.000Z',
  attachments: [{ id: 'att_1', filename: 'tear.jpg', size: 220_000 }],
  messages: [
    {
      id: 'msg_1',
      direction: 'outbound',
      body: 'Could you send a photo of the label?',
      at: '2026-03-03T04:00:00.000Z',
      authorName: 'Ploy',
      attachments: [],
    },
  ],
  policies: [{ name: 'Deliveries', promises: ['We reply within 2 working days'] }],
  survey: null,
  linkExpiresAt: '2026-04-01T00:00:00.000Z',
  ...overrides,
});

const formDataOf = (init: RequestInit) => {
  expect(init.body).toBeInstanceOf(FormData);
  return init.body as FormData;
};

describe('filing a complaint', () => {
  it('loads the form for the channel in the URL and sends the complaint as multipart with its files', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      'GET /api/v1/portal/config?channel=chn_web1': () => json(200, config),
      'POST /api/v1/portal/complaints': () =>
        json(201, { ref: 'RDR-2026-0042', hearBackBy: '2026-03-10T09:00:00.000Z', emailSentTo: 'm***@example.com' }),
    });
    renderPortal('/portal?channel=chn_web1');

    expect(await screen.findByRole('heading', { name: 'Tell us what went wrong' })).toBeDefined();
    expect(screen.getByText(/Tell Lotus Home what happened/)).toBeDefined();
    expect(screen.getByText(/up to 3 files, each up to 5 MB/)).toBeDefined();

    await user.type(screen.getByLabelText('Your name'), 'Mei Lin');
    await user.type(screen.getByLabelText('Email address'), ' mei@example.com ');
    // A child category is listed under its parent.
    const category = screen.getByLabelText(/What is it about/);
    expect(
      within(category)
        .getAllByRole('option')
        .map((o) => o.textContent?.trim()),
    ).toEqual(['Choose…', 'Delivery', 'Late delivery', 'Product quality']);
    await user.selectOptions(category, 'cat_late');
    await user.type(screen.getByLabelText('What happened?'), 'It came two weeks late{enter}and damaged.');
    await user.selectOptions(screen.getByLabelText(/What would put it right/), 'A refund');
    await user.type(screen.getByLabelText(/Order or receipt number/), 'SO-991');
    const photo = new File(['jpeg bytes'], 'box.jpg', { type: 'image/jpeg' });
    const receipt = new File(['%PDF'], 'receipt.pdf', { type: 'application/pdf' });
    await user.upload(screen.getByLabelText(/Photos or documents/), [photo, receipt]);
    const chosen = screen.getByRole('list', { name: 'Files you are sending' });
    expect(
      within(chosen)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining('box.jpg'), expect.stringContaining('receipt.pdf')]);
    await user.click(screen.getByLabelText(/I agree that Lotus Home may use these details/));
    await user.click(screen.getByRole('button', { name: 'Send my complaint' }));

    expect(await screen.findByRole('heading', { name: 'Thank you. We have your complaint.' })).toBeDefined();
    expect(screen.getByText('RDR-2026-0042')).toBeDefined();
    expect(screen.getByText(/We will get back to you by .*2026/)).toBeDefined();
    expect(screen.getByText(/We have sent a private link to m\*\*\*@example.com/)).toBeDefined();

    const [[, init]] = callsTo('POST /api/v1/portal/complaints') as [[unknown, RequestInit]];
    expect(init.credentials).toBe('omit');
    // The browser sets the multipart boundary: no content-type of our own.
    expect(new Headers(init.headers).get('content-type')).toBeNull();
    const form = formDataOf(init);
    expect(JSON.parse(form.get('complaint') as string)).toEqual({
      channelId: 'chn_web1',
      language: 'en',
      name: 'Mei Lin',
      email: 'mei@example.com',
      categoryId: 'cat_late',
      whatHappened: 'It came two weeks late\nand damaged.',
      expectedRemedy: 'refund',
      orderRef: 'SO-991',
      consent: true,
      // Made once per complaint, so a retry files it once.
      submissionId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    });
    expect((form.getAll('files') as File[]).map((file) => file.name)).toEqual(['box.jpg', 'receipt.pdf']);
  });

  it('shows a field error from a 400 in the reader’s language, keeps what was typed and focuses the summary', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/portal/config': () => json(200, config),
      'POST /api/v1/portal/complaints': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            details: [{ field: '/body/complaint/email', message: 'must match format "email"' }],
          },
        }),
    });
    renderPortal('/portal', 'zh-TW');

    await user.type(await screen.findByLabelText('您的姓名'), '林美');
    // Passes the simple check here; the server has the stricter rule.
    await user.type(screen.getByLabelText('電子郵件'), 'mei@example.c');
    await user.type(screen.getByLabelText('發生了什麼事？'), '沙發破了');
    await user.click(screen.getByLabelText(/我同意 Lotus Home/));
    await user.click(screen.getByRole('button', { name: '送出客訴' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('heading', { name: '請檢查以下項目' })).toBeDefined();
    expect(document.activeElement).toBe(summary);
    const email = screen.getByLabelText<HTMLInputElement>('電子郵件');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    const describedBy = email.getAttribute('aria-describedby')!.split(' ');
    expect(document.getElementById(describedBy.at(-1)!)?.textContent).toBe(
      '錯誤： 請輸入有效的電子郵件，例如 name@example.com。',
    );
    expect(email.value).toBe('mei@example.c');
    expect(screen.getByLabelText<HTMLTextAreaElement>('發生了什麼事？').value).toBe('沙發破了');
    expect(screen.getByLabelText<HTMLInputElement>(/我同意 Lotus Home/).checked).toBe(true);

    // The summary's entry moves to the field.
    await user.click(within(summary).getByRole('link', { name: '請輸入有效的電子郵件，例如 name@example.com。' }));
    expect(document.activeElement).toBe(email);
  });

  it('asks for what is missing without sending anything, and refuses too many files', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({ 'GET /api/v1/portal/config': () => json(200, config) });
    renderPortal('/portal', 'th');

    await user.upload(await screen.findByLabelText(/รูปภาพหรือเอกสาร/), [
      new File(['1'], 'a.jpg'),
      new File(['2'], 'b.jpg'),
      new File(['3'], 'c.jpg'),
      new File(['4'], 'd.jpg'),
    ]);
    await user.click(screen.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }));

    const summary = screen.getByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'กรุณาบอกชื่อของคุณ',
      'กรุณากรอกอีเมล เพื่อให้เราติดต่อคุณได้',
      'กรุณาเล่าให้เราฟังว่าเกิดอะไรขึ้น',
      'คุณเลือกไฟล์มากเกินไป กรุณานำออกบางไฟล์',
      'กรุณาทำเครื่องหมายเพื่อยินยอม เราจึงจะตรวจสอบเรื่องร้องเรียนของคุณได้',
    ]);
    expect(callsTo('POST /api/v1/portal/complaints')).toHaveLength(0);
    expect(document.documentElement.lang).toBe('th');
  });

  it('shows a Thai reader the date to hear back by in Buddhist-era years', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/portal/config': () => json(200, config),
      'POST /api/v1/portal/complaints': () =>
        json(201, { ref: 'RDR-2026-0043', hearBackBy: '2026-03-10T09:00:00.000Z', emailSentTo: 's***@example.com' }),
    });
    renderPortal('/portal', 'th');

    await user.type(await screen.findByLabelText('ชื่อของคุณ'), 'สมชาย');
    await user.type(screen.getByLabelText('อีเมล'), 'somchai@example.com');
    await user.type(screen.getByLabelText('เกิดอะไรขึ้น'), 'สินค้าชำรุด');
    await user.click(screen.getByLabelText(/ฉันยินยอม/));
    await user.click(screen.getByRole('button', { name: 'ส่งเรื่องร้องเรียน' }));

    expect(await screen.findByText(/เราจะติดต่อกลับภายใน .*2569/)).toBeDefined();
    expect(screen.queryByText(/2026/)).not.toBeNull(); // only in the reference
    expect(screen.getByText('RDR-2026-0043')).toBeDefined();
  });
});

describe('following a case by private link', () => {
  it('reads the token from the fragment, keeps it for the tab, takes it out of the URL and sends it as a header', async () => {
    const { callsTo } = fakeServer({
      'GET /api/v1/portal/case': () => json(200, caseView()),
      'GET /api/v1/portal/config': () => json(200, config),
    });
    const seen = renderPortal('/portal/case#token=tok.abc-123');

    expect(await screen.findByRole('heading', { name: 'Your complaint RDR-2026-0042' })).toBeDefined();
    const [[, init]] = callsTo('GET /api/v1/portal/case') as [[unknown, RequestInit]];
    expect(new Headers(init.headers).get('x-portal-token')).toBe('tok.abc-123');
    expect(init.credentials).toBe('omit');
    expect(sessionStorage.getItem('redress.portal.case')).toBe('tok.abc-123');
    expect(seen.location?.hash).toBe('');
    expect(seen.location?.pathname).toBe('/portal/case');

    expect(screen.getByText('Waiting for your reply')).toBeDefined();
    expect(screen.getByText(/We have asked you something/)).toBeDefined();
    expect(screen.getByText('Ploy, from our team')).toBeDefined();
    expect(screen.getByText('Could you send a photo of the label?')).toBeDefined();
    expect(screen.getByText('We reply within 2 working days')).toBeDefined();
    expect(screen.getByRole('button', { name: /Download tear.jpg/ })).toBeDefined();
  });

  it('reads in the language the customer wrote in, unless they picked one on this browser', async () => {
    fakeServer({
      'GET /api/v1/portal/case': () => json(200, caseView({ language: 'th' })),
      'GET /api/v1/portal/config': () => json(200, config),
    });
    renderPortal('/portal/case#token=tok-th', 'en');

    expect(await screen.findByRole('heading', { name: 'เรื่องร้องเรียนของคุณ RDR-2026-0042' })).toBeDefined();
    expect(screen.getByText('รอคำตอบจากคุณ')).toBeDefined();
    expect(document.documentElement.lang).toBe('th');
  });

  it('keeps the language picked on this browser', async () => {
    localStorage.setItem('redress.locale', 'en');
    fakeServer({
      'GET /api/v1/portal/case': () => json(200, caseView({ language: 'th' })),
      'GET /api/v1/portal/config': () => json(200, config),
    });
    renderPortal('/portal/case#token=tok-th', 'en');

    expect(await screen.findByRole('heading', { name: 'Your complaint RDR-2026-0042' })).toBeDefined();
    expect(screen.getByText('Waiting for your reply')).toBeDefined();
  });

  it('opens again from the tab’s stored token after the fragment is gone, and replies with files', async () => {
    const user = userEvent.setup();
    sessionStorage.setItem('redress.portal.case', 'tok-stored');
    const { callsTo } = fakeServer({
      'GET /api/v1/portal/case': () => json(200, caseView()),
      'GET /api/v1/portal/config': () => json(200, config),
      'POST /api/v1/portal/case/messages': () =>
        json(201, {
          id: 'msg_2',
          direction: 'inbound',
          body: 'Here is the label.',
          at: '2026-03-04T01:00:00.000Z',
          authorName: null,
          attachments: [{ id: 'att_2', filename: 'label.jpg', size: 1000 }],
        }),
    });
    renderPortal('/portal/case');

    await user.type(await screen.findByLabelText('Your message'), 'Here is the label.');
    await user.upload(screen.getByLabelText(/Photos or documents/), new File(['img'], 'label.jpg'));
    await user.click(screen.getByRole('button', { name: 'Send message' }));

    expect(await screen.findByText('Your message has been sent.')).toBeDefined();
    expect(screen.getByText('Here is the label.')).toBeDefined();
    expect(screen.getByLabelText<HTMLTextAreaElement>('Your message').value).toBe('');
    const [[, init]] = callsTo('POST /api/v1/portal/case/messages') as [[unknown, RequestInit]];
    expect(new Headers(init.headers).get('x-portal-token')).toBe('tok-stored');
    const form = formDataOf(init);
    expect(JSON.parse(form.get('message') as string)).toEqual({ body: 'Here is the label.' });
    expect((form.getAll('files') as File[]).map((file) => file.name)).toEqual(['label.jpg']);
  });

  it('offers a fresh link when the link has expired, and confirms neutrally', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      'GET /api/v1/portal/case': () =>
        json(401, { error: { code: 'link_invalid', message: 'This link is not valid or has expired.' } }),
      'POST /api/v1/portal/links': () => json(202, { accepted: true }),
    });
    renderPortal('/portal/case#token=old-token', 'zh-CN');

    expect(await screen.findByRole('heading', { name: '此链接已失效' })).toBeDefined();
    expect(sessionStorage.getItem('redress.portal.case')).toBeNull();
    await user.type(screen.getByLabelText('案件编号'), 'RDR-2026-0042');
    await user.type(screen.getByLabelText('邮箱地址'), 'mei@example.com');
    await user.click(screen.getByRole('button', { name: '给我发送新链接' }));

    expect(await screen.findByRole('heading', { name: '请查看您的邮箱' })).toBeDefined();
    expect(screen.getByText(/如果案件编号和邮箱地址相符/)).toBeDefined();
    const [[, init]] = callsTo('POST /api/v1/portal/links') as [[unknown, RequestInit]];
    expect(JSON.parse(init.body as string)).toEqual({
      ref: 'RDR-2026-0042',
      email: 'mei@example.com',
      language: 'zh-CN',
    });
  });
});

describe('IME safety', () => {
  it('never submits on an Enter that confirms a composition; a plain Enter still submits', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({ 'POST /api/v1/portal/links': () => json(202, { accepted: true }) });
    renderPortal('/portal/case', 'th');

    const ref = await screen.findByLabelText('หมายเลขอ้างอิง');
    await user.type(ref, 'RDR-1');
    await user.type(screen.getByLabelText('อีเมล'), 'somchai@example.com');
    const email = screen.getByLabelText('อีเมล');

    // Chrome and Firefox: keydown with isComposing. Safari: composition already ended, key code 229.
    expect(fireEvent.keyDown(email, { key: 'Enter', isComposing: true })).toBe(false);
    expect(fireEvent.keyDown(email, { key: 'Enter', keyCode: 229 })).toBe(false);
    // While a composition is open, even a submit event is ignored.
    fireEvent.compositionStart(email);
    fireEvent.submit(email.closest('form')!);
    fireEvent.compositionEnd(email);
    expect(callsTo('POST /api/v1/portal/links')).toHaveLength(0);

    await user.type(email, '{Enter}');
    await waitFor(() => expect(callsTo('POST /api/v1/portal/links')).toHaveLength(1));
  });
});

describe('the survey', () => {
  const survey: PortalSurveyDto = {
    ref: 'RDR-2026-0042',
    language: 'en',
    problem: 'Sofa arrived torn',
    status: 'open',
  };

  it('asks for the required answers, then submits the answer with the survey token', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      'GET /api/v1/portal/survey': () => json(200, survey),
      'POST /api/v1/portal/survey': () => json(200, { ...survey, status: 'answered' }),
    });
    const seen = renderPortal('/portal/survey#token=srv-token');

    expect(await screen.findByRole('heading', { name: 'How did we do?' })).toBeDefined();
    expect(seen.location?.hash).toBe('');
    expect(screen.getByText('Sofa arrived torn')).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'Send my answers' }));
    const summary = screen.getByRole('alert');
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual(['Please choose how happy you are, from 1 to 5.', 'Please tell us whether your problem was solved.']);
    expect(callsTo('POST /api/v1/portal/survey')).toHaveLength(0);

    // Keyboard: arrow keys move within the 1–5 scale (user-event needs CSS.escape, which jsdom lacks).
    vi.stubGlobal('CSS', { escape: (value: string) => value.replace(/[^\w-]/g, (c) => `\\${c}`) });
    const score = screen.getByRole('group', { name: /how happy are you/ });
    await user.click(within(score).getByLabelText('1 – Very unhappy'));
    await user.keyboard('{ArrowDown}');
    expect(within(score).getByLabelText<HTMLInputElement>('2 – Unhappy').checked).toBe(true);

    await user.click(within(screen.getByRole('group', { name: 'Was your problem solved?' })).getByLabelText('No'));
    await user.click(within(screen.getByRole('group', { name: /How easy/ })).getByLabelText('2 – Hard'));
    await user.type(screen.getByLabelText(/Anything else/), 'Took three calls.');
    await user.click(
      within(screen.getByRole('group', { name: /thinking of no longer using us/ })).getByLabelText('Yes'),
    );
    await user.click(screen.getByLabelText('The service'));
    await user.click(screen.getByRole('button', { name: 'Send my answers' }));

    expect(await screen.findByRole('heading', { name: 'Thank you' })).toBeDefined();
    const [[, init]] = callsTo('POST /api/v1/portal/survey') as [[unknown, RequestInit]];
    expect(new Headers(init.headers).get('x-portal-token')).toBe('srv-token');
    expect(JSON.parse(init.body as string)).toEqual({
      score: 2,
      solved: false,
      effort: 2,
      comment: 'Took three calls.',
      leaving: true,
      leavingReason: 'service',
    });
  });

  it('says so when the survey was already answered, on opening or on a 409', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/portal/survey': () => json(200, { ...survey, language: 'zh-TW' }),
      'POST /api/v1/portal/survey': () => json(409, { error: { code: 'conflict', message: 'Already answered' } }),
    });
    renderPortal('/portal/survey#token=srv-token', 'zh-TW');

    await user.click(await screen.findByLabelText('5 – 非常滿意'));
    await user.click(within(screen.getByRole('group', { name: '您的問題解決了嗎？' })).getByLabelText('是'));
    await user.click(screen.getByRole('button', { name: '送出回答' }));
    expect(await screen.findByRole('heading', { name: '您已經回答過了' })).toBeDefined();
  });
});
