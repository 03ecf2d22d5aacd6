import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildUser, fakeServer, json, renderApp, unauthenticated } from '../test/harness.tsx';

afterEach(() => vi.unstubAllGlobals());

const healthy = () => json(200, { status: 'ok' });

/** The queues page, home after signing in, with nothing in any queue. */
const emptyQueues = {
  'GET /api/v1/queues': () =>
    json(200, {
      generatedAt: '2026-03-10T08:00:00.000Z',
      counts: { mine: 0, unassigned: 0, due_soon: 0, escalated: 0, waiting_internal: 0, waiting_customer: 0 },
    }),
  'GET /api/v1/cases?queue=mine&limit=50': () => json(200, { items: [], nextCursor: null }),
};

describe('sign-in', () => {
  it('posts the email and password as JSON, then shows the console', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': unauthenticated,
      'POST /api/v1/auth/login': () => json(200, { user: buildUser({ name: 'Lin Mei', role: 'supervisor' }) }),
      'GET /healthz': healthy,
      ...emptyQueues,
    });
    renderApp();

    await user.type(await screen.findByLabelText('Email'), '  mei@example.com ');
    await user.type(screen.getByLabelText('Password'), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Queues' })).toBeDefined();
    const [[, init]] = callsTo('POST /api/v1/auth/login') as [[unknown, RequestInit]];
    expect(JSON.parse(init.body as string)).toEqual({ email: 'mei@example.com', password: 'correct horse battery' });
    expect(new Headers(init.headers).get('content-type')).toBe('application/json');
    expect(init.credentials).toBe('same-origin');
    expect(screen.getByText('Lin Mei')).toBeDefined();
    expect(screen.getByText('Supervisor')).toBeDefined();
  });

  it('shows invalid_credentials in words, and again in the language switched to', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/auth/me': unauthenticated,
      'POST /api/v1/auth/login': () =>
        json(401, { error: { code: 'invalid_credentials', message: 'Email or password is wrong' } }),
    });
    renderApp();

    await user.type(await screen.findByLabelText('Email'), 'mei@example.com');
    await user.type(screen.getByLabelText('Password'), 'wrong');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe("That email and password don't match. Check them and try again.");
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));

    await user.selectOptions(screen.getByLabelText('Language'), '繁體中文');
    expect(screen.getByRole('alert').textContent).toBe('電子郵件或密碼不正確，請確認後再試一次。');
    await user.selectOptions(screen.getByLabelText('語言'), 'ไทย');
    expect(screen.getByRole('alert').textContent).toBe('อีเมลหรือรหัสผ่านไม่ถูกต้อง กรุณาตรวจสอบแล้วลองอีกครั้ง');
  });

  it('translates the error from its code in the current language, not from the server message', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/auth/me': unauthenticated,
      'POST /api/v1/auth/login': () =>
        json(429, { error: { code: 'rate_limited', message: 'Too many requests' } }, { 'retry-after': '42' }),
    });
    renderApp({ locale: 'zh-CN' });

    await user.type(await screen.findByLabelText('邮箱'), 'mei@example.com');
    await user.type(screen.getByLabelText('密码'), 'whatever');
    await user.click(screen.getByRole('button', { name: '登录' }));

    expect((await screen.findByRole('alert')).textContent).toBe('尝试次数过多，请在 42 秒后重试。');
  });

  it('highlights the field named in a validation_failed error', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/auth/me': unauthenticated,
      'POST /api/v1/auth/login': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            details: [{ field: '/body/email', message: 'must match format "email"' }],
          },
        }),
    });
    renderApp();

    const email = await screen.findByLabelText('Email');
    await user.type(email, 'not-an-email');
    await user.type(screen.getByLabelText('Password'), 'secret');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    const describedBy = email.getAttribute('aria-describedby');
    expect(document.getElementById(describedBy!)?.textContent).toBe(
      'Enter a valid email address, like name@example.com.',
    );
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBeNull();
    expect(screen.getByRole('alert').textContent).toBe('Some details need attention.');
    expect(document.activeElement).toBe(email);
  });

  it('asks for missing fields without calling the server', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({ 'GET /api/v1/auth/me': unauthenticated });
    renderApp({ locale: 'th' });

    await user.click(await screen.findByRole('button', { name: 'เข้าสู่ระบบ' }));

    const email = screen.getByLabelText('อีเมล');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('รหัสผ่าน').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('กรุณากรอกอีเมล')).toBeDefined();
    expect(screen.getByText('กรุณากรอกรหัสผ่าน')).toBeDefined();
    expect(callsTo('POST /api/v1/auth/login')).toHaveLength(0);
  });
});

describe('language switch', () => {
  it('changes the sign-in page to 繁體中文 and ไทย, sets <html lang> and remembers the choice', async () => {
    const user = userEvent.setup();
    fakeServer({ 'GET /api/v1/auth/me': unauthenticated });
    renderApp();

    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeDefined();

    await user.selectOptions(screen.getByLabelText('Language'), '繁體中文');
    expect(screen.getByRole('heading', { name: '登入' })).toBeDefined();
    expect(screen.getByLabelText('電子郵件')).toBeDefined();
    expect(screen.getByText('說到做到的客訴處理。')).toBeDefined();
    expect(document.documentElement.lang).toBe('zh-TW');
    expect(localStorage.getItem('redress.locale')).toBe('zh-TW');

    await user.selectOptions(screen.getByLabelText('語言'), 'ไทย');
    expect(screen.getByRole('heading', { name: 'เข้าสู่ระบบ' })).toBeDefined();
    expect(screen.getByLabelText('รหัสผ่าน')).toBeDefined();
    expect(document.documentElement.lang).toBe('th');
    expect(screen.queryByText('Sign in')).toBeNull();
  });
});

describe('signed-in shell', () => {
  it('speaks the user’s language, shows name, role and server status, and signs out with the CSRF token', async () => {
    const user = userEvent.setup();
    document.cookie = 'redress_csrf=csrf-abc; path=/';
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': () =>
        json(200, { user: buildUser({ name: 'สมชาย ใจดี', role: 'agent', locale: 'th' }), permissions: [] }),
      'GET /healthz': healthy,
      'POST /api/v1/auth/logout': () => new Response(null, { status: 204 }),
      ...emptyQueues,
    });
    renderApp({ locale: 'en' });

    expect(await screen.findByRole('heading', { level: 1, name: 'คิวงาน' })).toBeDefined();
    expect(screen.getByText('สมชาย ใจดี')).toBeDefined();
    expect(screen.getByText('เจ้าหน้าที่รับเรื่อง')).toBeDefined();
    const status = within(screen.getByRole('region', { name: 'สถานะระบบ' }));
    expect(await status.findByText('เซิร์ฟเวอร์ทำงานปกติ')).toBeDefined();
    // Thai readers get Buddhist-era years by default.
    expect(status.getByText(/ตรวจสอบล่าสุด .*25\d\d/)).toBeDefined();

    await user.click(screen.getByRole('button', { name: 'ออกจากระบบ' }));

    expect(await screen.findByRole('heading', { name: 'เข้าสู่ระบบ' })).toBeDefined();
    const [[, init]] = callsTo('POST /api/v1/auth/logout') as [[unknown, RequestInit]];
    expect(new Headers(init.headers).get('x-csrf-token')).toBe('csrf-abc');
    document.cookie = 'redress_csrf=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
  });

  it('says so when the server does not answer /healthz, and checks again on request', async () => {
    const user = userEvent.setup();
    let up = false;
    fakeServer({
      'GET /api/v1/auth/me': () => json(200, { user: buildUser(), permissions: [] }),
      'GET /healthz': () => (up ? json(200, { status: 'ok' }) : new Response('Bad gateway', { status: 502 })),
      ...emptyQueues,
    });
    renderApp();

    const status = within(await screen.findByRole('region', { name: 'System status' }));
    expect(await status.findByText('The server is not responding')).toBeDefined();
    up = true;
    await user.click(status.getByRole('button', { name: 'Check again' }));
    expect(await status.findByText('The server is running')).toBeDefined();
  });

  it('switches the calendar between Buddhist and Gregorian years and remembers it', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/auth/me': () => json(200, { user: buildUser({ locale: 'th' }), permissions: [] }),
      'GET /healthz': healthy,
      ...emptyQueues,
    });
    renderApp();

    const status = within(await screen.findByRole('region', { name: 'สถานะระบบ' }));
    const year = new Date().getFullYear();
    expect(await status.findByText(new RegExp(String(year + 543)))).toBeDefined();

    await user.selectOptions(screen.getByLabelText('ปฏิทิน'), 'คริสต์ศักราช (ค.ศ.)');
    expect(status.getByText(new RegExp(String(year)))).toBeDefined();
    expect(status.queryByText(new RegExp(String(year + 543)))).toBeNull();
    expect(localStorage.getItem('redress.calendar')).toBe('gregory');
  });

  it('keeps a language chosen by a user for that user only', async () => {
    const user = userEvent.setup();
    fakeServer({
      'GET /api/v1/auth/me': () => json(200, { user: buildUser({ id: 'usr_A', locale: 'en' }), permissions: [] }),
      'GET /healthz': healthy,
      ...emptyQueues,
    });
    renderApp();

    await user.selectOptions(await screen.findByLabelText('Language'), '简体中文');
    expect(screen.getByRole('heading', { level: 1, name: '案件队列' })).toBeDefined();
    expect(localStorage.getItem('redress.locale.usr_A')).toBe('zh-CN');
    expect(localStorage.getItem('redress.locale')).toBeNull();
  });
});

describe('routes', () => {
  it('reserves /portal for customers: no session asked, in the chosen language', async () => {
    const { callsTo } = fakeServer({
      'GET /api/v1/portal/config': () =>
        json(200, {
          channelId: 'chn_web1',
          organisationName: 'Lotus Home',
          categories: [],
          expectedRemedies: [],
          maxAttachmentBytes: 1024,
          maxAttachments: 1,
        }),
    });
    renderApp({ path: '/portal', locale: 'zh-TW' });

    expect(await screen.findByRole('link', { name: '客戶服務專區' })).toBeDefined();
    expect(await screen.findByRole('heading', { name: '告訴我們發生了什麼事' })).toBeDefined();
    expect(callsTo('GET /api/v1/auth/me')).toHaveLength(0);
  });

  it('answers an unknown console path with a translated not-found page inside the shell', async () => {
    fakeServer({ 'GET /api/v1/auth/me': () => json(200, { user: buildUser(), permissions: [] }) });
    renderApp({ path: '/no/such/page' });

    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'Back to the console' })).toBeDefined();
  });
});
