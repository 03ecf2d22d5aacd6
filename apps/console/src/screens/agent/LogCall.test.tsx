import type { CaseSummaryDto, CustomerSummaryDto, LoggedCallDto } from '@redress/contract';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation, type Location } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppProviders } from '../../app.tsx';
import { SessionProvider, useSession } from '../../auth/session.tsx';
import { createI18n, type Locale } from '../../i18n/i18n.ts';
import { buildUser, fakeServer, json } from '../../test/harness.tsx';
import { LogCall } from './LogCall.tsx';

afterEach(() => vi.unstubAllGlobals());

const SignedIn = ({ children }: { children: ReactNode }) =>
  useSession().state.status === 'signedIn' ? children : null;

/** "Log a call" signed in as an agent, with a stand-in case page to land on. */
const renderLogCall = (locale: Locale = 'en', permissions = ['case:read', 'case:update', 'customer:read']) => {
  const seen: { location?: Location } = {};
  const Probe = () => {
    seen.location = useLocation();
    return null;
  };
  render(
    <AppProviders i18n={createI18n(locale)}>
      <MemoryRouter initialEntries={['/calls/new']}>
        <SessionProvider>
          <SignedIn>
            <Routes>
              <Route path="/calls/new" element={<LogCall />} />
              <Route path="/cases/:id" element={<p>The case page</p>} />
            </Routes>
          </SignedIn>
        </SessionProvider>
        <Probe />
      </MemoryRouter>
    </AppProviders>,
  );
  return { seen, permissions };
};

const me =
  (locale: Locale, permissions = ['case:read', 'case:update', 'customer:read']) =>
  () =>
    json(200, { user: buildUser({ locale }), permissions });

const customer: CustomerSummaryDto = {
  id: 'cus_01WANG',
  name: 'Wang Xiaoming',
  preferredName: null,
  language: 'zh-TW',
  emails: [],
  phones: ['+886•••••5678'],
  externalIds: [],
  createdAt: '2026-01-04T00:00:00.000Z',
};

const openCase = (overrides: Partial<CaseSummaryDto> = {}): CaseSummaryDto => ({
  id: 'case_01OPEN',
  ref: 'C-2026-000050',
  status: 'investigating',
  channel: 'email',
  subject: 'Washing machine leaks',
  severity: 'medium',
  safety: false,
  priority: 'normal',
  siteId: 'site_1',
  ownerId: 'usr_01TEST',
  customerId: customer.id,
  categoryId: null,
  createdAt: '2026-02-01T02:00:00.000Z',
  updatedAt: '2026-02-03T02:00:00.000Z',
  ...overrides,
});

const PHONE = '+886 912 345 678';
const matchKey = (phone: string) => `GET /api/v1/customers/match?${new URLSearchParams({ phone }).toString()}`;
const openCasesKey = `GET /api/v1/cases?customerId=${customer.id}&open=true&sort=updated_desc&limit=20`;

const categories = () =>
  json(200, {
    items: [
      {
        id: 'cat_delivery',
        parentId: null,
        names: { en: 'Delivery', 'zh-TW': '配送' },
        kind: 'service_process',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 'cat_late',
        parentId: 'cat_delivery',
        names: { en: 'Late delivery', 'zh-TW': '延遲送達' },
        kind: 'service_process',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
      {
        id: 'cat_quality',
        parentId: null,
        names: { en: 'Product quality' },
        kind: 'product_quality',
        createdAt: '2026-01-01T00:00:00.000Z',
      },
    ],
  });

const logged = (overrides: Partial<LoggedCallDto> = {}): LoggedCallDto => ({
  case: openCase({ id: 'case_01NEW', ref: 'C-2026-000124', status: 'new', channel: 'phone' }),
  created: true,
  customer: { id: customer.id, known: true },
  otherOpenCaseIds: [],
  ...overrides,
});

/** Puts `text` in a field in one go, as pasting does: typing long text key by key is slow. */
const fill = async (user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) => {
  await user.click(field);
  await user.paste(text);
};

const bodyOf = (init: RequestInit) => JSON.parse(init.body as string) as Record<string, unknown>;

// Generous: these type into several fields, and the machine may be busy.
describe('log a call', { timeout: 15_000 }, () => {
  it('looks the caller up by number and shows who it is with their open cases, in Traditional Chinese', async () => {
    const user = userEvent.setup();
    const { fetchMock } = fakeServer({
      'GET /api/v1/auth/me': me('zh-TW'),
      'GET /api/v1/categories': categories,
      [matchKey(PHONE)]: () => json(200, { items: [{ customer, matchedBy: ['phone'] }] }),
      [openCasesKey]: () =>
        json(200, {
          items: [
            openCase(),
            openCase({ id: 'case_01TWO', ref: 'C-2026-000051', subject: '退款未入帳', status: 'waiting_on_internal' }),
          ],
          nextCursor: null,
        }),
    });
    renderLogCall('zh-TW');

    await user.type(await screen.findByLabelText('電話號碼'), PHONE);

    const caller = within(screen.getByRole('region', { name: '來電者' }));
    expect(await caller.findByText('Wang Xiaoming')).toBeDefined();
    expect(caller.getByText('使用語言：繁體中文')).toBeDefined();
    expect(caller.getByText('2 件處理中的案件：')).toBeDefined();
    expect(caller.getByText(/C-2026-000050/).closest('li')!.textContent).toContain('調查中');
    expect(caller.getByText(/C-2026-000051/).closest('li')!.textContent).toContain('等待內部處理');
    // Looked up once, for the whole number: a lookup waits for typing to pause.
    const lookups = fetchMock.mock.calls.filter(
      ([url]) => typeof url === 'string' && url.startsWith('/api/v1/customers/match'),
    );
    expect(lookups.map(([url]) => url)).toEqual([matchKey(PHONE).slice('GET '.length)]);

    const about = within(screen.getByRole('group', { name: '這通來電是關於什麼？' }));
    expect(about.getByRole('radio', { name: '新的客訴' })).toHaveProperty('checked', true);
    expect(about.getByRole('radio', { name: 'C-2026-000050：Washing machine leaks（調查中）' })).toBeDefined();
    // A known caller is not asked for a name.
    expect(screen.queryByLabelText('來電者姓名')).toBeNull();
    // Category names in the reader's language, with their place in the tree.
    expect(screen.getByRole('option', { name: '配送 › 延遲送達' })).toBeDefined();
  });

  it('opens a new case from what the caller said, sets what they expect, then goes to the case and says so', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': me('en'),
      'GET /api/v1/categories': categories,
      [matchKey(PHONE)]: () => json(200, { items: [{ customer, matchedBy: ['phone'] }] }),
      [openCasesKey]: () => json(200, { items: [openCase()], nextCursor: null }),
      'POST /api/v1/calls': () => json(201, logged()),
      'PATCH /api/v1/cases/case_01NEW': () => json(200, {}),
    });
    const { seen } = renderLogCall('en');

    await fill(user, await screen.findByLabelText('Phone number'), PHONE);
    expect(await screen.findByText('Wang Xiaoming')).toBeDefined();
    // The caller's own language is chosen for them.
    await waitFor(() => expect(screen.getByLabelText<HTMLSelectElement>("Caller's language").value).toBe('zh-TW'));
    await fill(user, screen.getByLabelText('What the caller said'), '冷氣送來三天就壞了，我要退錢。');
    await fill(user, screen.getByLabelText(/^Subject/), 'Air conditioner broke after three days');
    await user.selectOptions(screen.getByLabelText(/^Category/), 'Delivery › Late delivery');
    await user.selectOptions(screen.getByLabelText(/^What the caller expects/), 'Refund');
    await fill(user, screen.getByLabelText('How the call ended'), 'Promised a call back by 3 pm');
    await user.click(screen.getByRole('button', { name: 'Log the call' }));

    await waitFor(() => expect(seen.location?.pathname).toBe('/cases/case_01NEW'));
    const [[, init]] = callsTo('POST /api/v1/calls') as [[unknown, RequestInit]];
    const body = bodyOf(init);
    expect(body).toEqual({
      phone: PHONE,
      language: 'zh-TW',
      direction: 'inbound',
      startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      durationSeconds: expect.any(Number),
      outcome: 'Promised a call back by 3 pm',
      newCase: true,
      description: '冷氣送來三天就壞了，我要退錢。',
      subject: 'Air conditioner broke after three days',
      categoryId: 'cat_late',
    });
    expect(new Headers(init.headers).get('idempotency-key')).toMatch(/^[\x21-\x7E]{8,}$/);
    const [[, patch]] = callsTo('PATCH /api/v1/cases/case_01NEW') as [[unknown, RequestInit]];
    expect(bodyOf(patch)).toEqual({ expectedRemedy: 'refund' });
    expect(await screen.findByText('Call logged. New case C-2026-000124 opened.')).toBeDefined();
    expect(screen.getByText('The case page')).toBeDefined();
  });

  it('records the call on the open case chosen, with the words as its summary', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': me('en'),
      'GET /api/v1/categories': categories,
      [matchKey(PHONE)]: () => json(200, { items: [{ customer, matchedBy: ['phone'] }] }),
      [openCasesKey]: () => json(200, { items: [openCase()], nextCursor: null }),
      'POST /api/v1/calls': () => json(200, logged({ case: openCase(), created: false })),
    });
    const { seen } = renderLogCall('en');

    await fill(user, await screen.findByLabelText('Phone number'), PHONE);
    await user.click(
      await screen.findByRole('radio', { name: 'C-2026-000050: Washing machine leaks (Investigating)' }),
    );
    // What only a new complaint needs is not asked.
    expect(screen.queryByLabelText(/^Subject/)).toBeNull();
    expect(screen.queryByLabelText(/^Category/)).toBeNull();
    await fill(user, screen.getByLabelText(/^What the caller said/), 'Asked whether the technician is still coming.');
    await fill(user, screen.getByLabelText('How the call ended'), 'Confirmed the visit for Friday');
    await user.click(screen.getByRole('button', { name: 'Log the call' }));

    await waitFor(() => expect(seen.location?.pathname).toBe('/cases/case_01OPEN'));
    const [[, init]] = callsTo('POST /api/v1/calls') as [[unknown, RequestInit]];
    const body = bodyOf(init);
    expect(body).toMatchObject({
      caseId: 'case_01OPEN',
      summary: 'Asked whether the technician is still coming.',
      outcome: 'Confirmed the visit for Friday',
    });
    expect(body).not.toHaveProperty('newCase');
    expect(body).not.toHaveProperty('description');
    expect(await screen.findByText('Call logged on case C-2026-000050.')).toBeDefined();
  });

  it('asks for what is missing without calling, then shows the server’s field errors next to the fields', async () => {
    const user = userEvent.setup();
    const unknown = '0812345678';
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': me('en'),
      'GET /api/v1/categories': categories,
      [matchKey(unknown)]: () => json(200, { items: [] }),
      'POST /api/v1/calls': () =>
        json(400, {
          error: {
            code: 'validation_failed',
            message: 'Invalid body',
            details: [
              { field: '/body/phone', message: 'is not a valid phone number' },
              { field: '/body/subject', message: 'must NOT have more than 300 characters' },
            ],
          },
        }),
    });
    renderLogCall('en');

    await user.click(await screen.findByRole('button', { name: 'Log the call' }));
    const phone = screen.getByLabelText('Phone number');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(phone);
    expect(screen.getByText("Enter the caller's phone number.")).toBeDefined();
    expect(screen.getByText('Write down what the caller said: a new complaint needs it.')).toBeDefined();
    expect(screen.getByText('Say how the call ended.')).toBeDefined();
    expect(callsTo('POST /api/v1/calls')).toHaveLength(0);

    await fill(user, phone, unknown);
    expect(
      await screen.findByText('Nobody has this number yet: a new customer will be recorded with it.'),
    ).toBeDefined();
    await fill(user, screen.getByLabelText('What the caller said'), 'ส่งของผิดสี');
    await fill(user, screen.getByLabelText('How the call ended'), 'Will check the order');
    await user.click(screen.getByRole('button', { name: 'Log the call' }));
    // Nobody has the number: the caller's name is needed before anything is sent.
    const name = screen.getByLabelText("Caller's name");
    expect(document.activeElement).toBe(name);
    expect(screen.getByText("Enter the caller's name: nobody has this number yet.")).toBeDefined();
    expect(callsTo('POST /api/v1/calls')).toHaveLength(0);

    await fill(user, name, 'Somchai Jaidee');
    await fill(user, screen.getByLabelText(/^Subject/), 'Wrong colour');
    await user.click(screen.getByRole('button', { name: 'Log the call' }));

    expect((await screen.findByRole('alert')).textContent).toBe('Some details need attention.');
    expect(bodyOf((callsTo('POST /api/v1/calls')[0] as [unknown, RequestInit])[1])).toMatchObject({
      phone: unknown,
      name: 'Somchai Jaidee',
      language: 'en',
    });
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(phone.getAttribute('aria-describedby')!.split(' ').pop()!)?.textContent).toBe(
      'This is not a number we can read. Check it, or give it with its country code, like +66 81 234 5678.',
    );
    const subject = screen.getByLabelText(/^Subject/);
    expect(subject.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Keep the subject to 300 characters.')).toBeDefined();
    expect(screen.getByLabelText('How the call ended').getAttribute('aria-invalid')).toBeNull();
    expect(document.activeElement).toBe(phone);
  });

  it('shows any other failure in words, and sends a retry after a lost answer under the same key', async () => {
    const user = userEvent.setup();
    let attempt = 0;
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': me('th', ['case:read', 'case:update']),
      'GET /api/v1/categories': categories,
      'POST /api/v1/calls': () => {
        attempt += 1;
        if (attempt === 1) throw new TypeError('Failed to fetch');
        return json(201, logged({ customer: { id: 'cus_01NEW', known: false } }));
      },
    });
    const { seen } = renderLogCall('th');

    // Without customer:read nobody is looked up, and the name is asked for.
    await fill(user, await screen.findByLabelText('หมายเลขโทรศัพท์'), '0812345678');
    await fill(user, screen.getByLabelText('ชื่อผู้โทร'), 'สมชาย ใจดี');
    await fill(user, screen.getByLabelText('สิ่งที่ผู้โทรพูด'), 'ส่งของผิดสี');
    await fill(user, screen.getByLabelText('ผลของการสนทนา'), 'จะตรวจสอบคำสั่งซื้อ');
    await user.click(screen.getByRole('button', { name: 'บันทึกสาย' }));

    expect((await screen.findByRole('alert')).textContent).toBe(
      'ขณะนี้ไม่สามารถเชื่อมต่อกับ Redress ได้ กรุณาตรวจสอบการเชื่อมต่อแล้วลองใหม่',
    );
    await user.click(screen.getByRole('button', { name: 'บันทึกสาย' }));
    await waitFor(() => expect(seen.location?.pathname).toBe('/cases/case_01NEW'));

    const [first, second] = callsTo('POST /api/v1/calls') as [unknown, RequestInit][];
    expect(new Headers(second![1].headers).get('idempotency-key')).toBe(
      new Headers(first![1].headers).get('idempotency-key'),
    );
    expect(second![1].body).toBe(first![1].body);
    expect(bodyOf(first![1])).toMatchObject({ name: 'สมชาย ใจดี', language: 'th', newCase: true });
  });
});

describe('IME safety', { timeout: 15_000 }, () => {
  it('never submits on an Enter that confirms a Chinese or Thai composition; a plain Enter still does', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      'GET /api/v1/auth/me': me('zh-TW', ['case:read', 'case:update']),
      'GET /api/v1/categories': categories,
      'POST /api/v1/calls': () => json(201, logged()),
    });
    const { seen } = renderLogCall('zh-TW');

    await fill(user, await screen.findByLabelText('電話號碼'), PHONE);
    await fill(user, screen.getByLabelText('來電者姓名'), '王小明');
    await fill(user, screen.getByLabelText('來電者說了什麼'), '冷氣壞了');
    const subject = screen.getByLabelText(/^主旨/);
    await fill(user, screen.getByLabelText('通話結果'), '下午回電');

    fireEvent.compositionStart(subject);
    // Chrome and Firefox: keydown with isComposing. Safari: the composition has ended, key code 229.
    expect(fireEvent.keyDown(subject, { key: 'Enter', isComposing: true })).toBe(false);
    expect(fireEvent.keyDown(subject, { key: 'Enter', keyCode: 229 })).toBe(false);
    // While the composition is open, even a submit is ignored.
    fireEvent.submit(subject.closest('form')!);
    fireEvent.compositionEnd(subject);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(callsTo('POST /api/v1/calls')).toHaveLength(0);

    await user.type(subject, '{Enter}');
    await waitFor(() => expect(seen.location?.pathname).toBe('/cases/case_01NEW'));
    expect(callsTo('POST /api/v1/calls')).toHaveLength(1);
  });
});
