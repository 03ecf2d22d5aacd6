import type { CaseSummaryDto, QueueCountsDto } from '@redress/contract';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildUser, fakeServer, json, renderApp } from '../../test/harness.tsx';

afterEach(() => vi.unstubAllGlobals());

const HOUR = 3_600_000;

const buildCase = (overrides: Partial<CaseSummaryDto> = {}): CaseSummaryDto => ({
  id: 'case_01A',
  ref: 'C-2026-000101',
  status: 'investigating',
  channel: 'phone',
  subject: 'Sofa arrived torn',
  severity: 'high',
  safety: false,
  priority: 'urgent',
  siteId: 'site_1',
  ownerId: 'usr_01TEST',
  customerId: 'cus_1',
  categoryId: null,
  createdAt: '2026-03-01T02:00:00.000Z',
  updatedAt: '2026-03-02T03:04:00.000Z',
  nextDueAt: null,
  escalationRank: 0,
  customerName: 'Wang Xiaoming',
  ...overrides,
});

const counts = (values: Partial<QueueCountsDto['counts']> = {}): QueueCountsDto => ({
  generatedAt: '2026-03-10T08:00:00.000Z',
  counts: { mine: 0, unassigned: 0, due_soon: 0, escalated: 0, waiting_internal: 0, waiting_customer: 0, ...values },
});

const page = (items: CaseSummaryDto[], nextCursor: string | null = null) => json(200, { items, nextCursor });

const signedIn = (locale: 'en' | 'zh-TW' | 'th' = 'en') => ({
  'GET /api/v1/auth/me': () =>
    json(200, { user: buildUser({ locale }), permissions: ['case:read', 'case:update', 'customer:read'] }),
  'GET /healthz': () => json(200, { status: 'ok' }),
});

describe('the queues', () => {
  it('shows the six queues with counts and my cases by default, every column in words', async () => {
    // A little over 2 h 30 min away, so the countdown reads the same for the few seconds the test takes.
    const dueAt = new Date(Date.now() + 2.5 * HOUR + 30_000).toISOString();
    fakeServer({
      ...signedIn(),
      'GET /api/v1/queues': () => json(200, counts({ mine: 2, unassigned: 1234, escalated: 1 })),
      'GET /api/v1/cases?queue=mine&limit=50': () =>
        page([
          buildCase({ nextDueAt: dueAt, escalationRank: 2, safety: true }),
          buildCase({
            id: 'case_01B',
            ref: 'C-2026-000102',
            subject: null,
            customerName: undefined,
            status: 'waiting_on_customer',
            channel: 'email',
            severity: 'low',
            priority: 'normal',
            nextDueAt: new Date(Date.now() - 26 * HOUR - 30_000).toISOString(),
          }),
        ]),
    });
    renderApp();

    expect(await screen.findByRole('heading', { level: 1, name: 'Queues' })).toBeDefined();
    const nav = within(screen.getByRole('navigation', { name: 'Choose a queue' }));
    const links = nav.getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      expect.stringContaining('My cases'),
      expect.stringContaining('Unassigned'),
      expect.stringContaining('Due soon'),
      expect.stringContaining('Escalated'),
      expect.stringContaining('Waiting on internal'),
      expect.stringContaining('Waiting on customer'),
    ]);
    await waitFor(() => expect(nav.getByRole('link', { name: /Unassigned/ }).textContent).toContain('1,234'));
    expect(nav.getByRole('link', { name: /My cases/ }).textContent).toContain('2 cases');
    expect(nav.getByRole('link', { name: /My cases/ }).getAttribute('aria-current')).toBe('page');
    expect(nav.getByRole('link', { name: /Escalated/ }).getAttribute('aria-current')).toBeNull();

    const table = within(await screen.findByRole('table', { name: 'My cases' }));
    expect(table.getAllByRole('columnheader').map((cell) => cell.textContent)).toEqual([
      'Reference',
      'Subject',
      'Customer',
      'Status',
      'Severity',
      'Priority',
      'Escalation',
      'Channel',
      'Next due',
      'Updated',
    ]);
    const [, first, second] = table.getAllByRole('row');
    const one = within(first!);
    expect(one.getByRole('link', { name: 'C-2026-000101' }).getAttribute('href')).toBe('/cases/case_01A');
    for (const text of ['Sofa arrived torn', 'Wang Xiaoming', 'Investigating', 'High', 'Safety risk', 'Urgent']) {
      expect(one.getByText(text)).toBeDefined();
    }
    expect(one.getByText('Level 2')).toBeDefined();
    expect(one.getByText('Phone')).toBeDefined();
    const countdown = one.getByText('due in 2 hr 30 min');
    expect(countdown.getAttribute('datetime')).toBe(dueAt);
    expect(first!.querySelector('time[datetime="2026-03-02T03:04:00.000Z"]')?.textContent).toMatch(/2026/);

    // A table too wide for the screen scrolls inside a region keyboard users can reach and that
    // says what it holds; on a phone each cell shows under its column's name.
    const scroller = screen.getByRole('region', { name: 'My cases: list of cases' });
    expect(scroller.tabIndex).toBe(0);
    expect(scroller.querySelector('table')).not.toBeNull();
    expect([...first!.children].map((cell) => cell.getAttribute('data-label'))).toEqual([
      'Reference',
      'Subject',
      'Customer',
      'Status',
      'Severity',
      'Priority',
      'Escalation',
      'Channel',
      'Next due',
      'Updated',
    ]);

    const two = within(second!);
    for (const text of [
      '(no subject)',
      'Not known',
      'Waiting on customer',
      'Low',
      'Normal',
      'Not escalated',
      'E-mail',
    ]) {
      expect(two.getByText(text)).toBeDefined();
    }
    expect(two.getByText('overdue by 1 day 2 hr')).toBeDefined();
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();

    // The server status stays on the page, beside the queues.
    expect(within(screen.getByRole('region', { name: 'System status' })).getByRole('heading')).toBeDefined();
  });

  it('says the statuses and channels in the reader’s language', async () => {
    fakeServer({
      ...signedIn('zh-TW'),
      'GET /api/v1/queues': () => json(200, counts({ mine: 1 })),
      'GET /api/v1/cases?queue=mine&limit=50': () => page([buildCase({ channel: 'walk_in' })]),
    });
    renderApp();

    const row = within((await screen.findAllByRole('row'))[1]!);
    expect(row.getByText('調查中')).toBeDefined();
    expect(row.getByText('臨櫃')).toBeDefined();
    expect(row.getByText('緊急')).toBeDefined();
    expect(screen.getByRole('link', { name: /我的案件/ }).textContent).toContain('1 件案件');
  });

  it('switches to another queue, with its own words when it is empty', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      ...signedIn(),
      'GET /api/v1/queues': () => json(200, counts({ mine: 1, escalated: 1 })),
      'GET /api/v1/cases?queue=mine&limit=50': () => page([buildCase()]),
      'GET /api/v1/cases?queue=escalated&limit=50': () =>
        page([buildCase({ id: 'case_01E', ref: 'C-2026-000777', escalationRank: 1 })]),
      'GET /api/v1/cases?queue=waiting_customer&limit=50': () => page([]),
    });
    renderApp();

    expect(await screen.findByRole('link', { name: 'C-2026-000101' })).toBeDefined();
    await user.click(screen.getByRole('link', { name: /Escalated/ }));

    expect(await screen.findByRole('heading', { level: 2, name: 'Escalated' })).toBeDefined();
    expect(await screen.findByRole('link', { name: 'C-2026-000777' })).toBeDefined();
    expect(screen.queryByRole('link', { name: 'C-2026-000101' })).toBeNull();
    expect(screen.getByRole('link', { name: /Escalated/ }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: /My cases/ }).getAttribute('aria-current')).toBeNull();
    expect(callsTo('GET /api/v1/cases?queue=escalated&limit=50')).toHaveLength(1);

    await user.click(screen.getByRole('link', { name: /Waiting on customer/ }));
    expect(await screen.findByText('No case is waiting on a customer.')).toBeDefined();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('opens a queue from its address, and sends an unknown queue home', async () => {
    fakeServer({
      ...signedIn(),
      'GET /api/v1/queues': () => json(200, counts()),
      'GET /api/v1/cases?queue=due_soon&limit=50': () => page([]),
      'GET /api/v1/cases?queue=mine&limit=50': () => page([]),
    });
    const { unmount } = renderApp({ path: '/queues/due_soon' });
    expect(await screen.findByText('Nothing is due in the next 24 hours.')).toBeDefined();
    unmount();

    renderApp({ path: '/queues/everything' });
    expect(await screen.findByText('You have no open cases.')).toBeDefined();
    expect(screen.getByRole('heading', { level: 2, name: 'My cases' })).toBeDefined();
  });

  it('shows more on request, from the cursor, and moves the focus to the first new case', async () => {
    const user = userEvent.setup();
    const { callsTo } = fakeServer({
      ...signedIn(),
      'GET /api/v1/queues': () => json(200, counts({ mine: 3 })),
      'GET /api/v1/cases?queue=mine&limit=50': () =>
        page([buildCase(), buildCase({ id: 'case_01B', ref: 'C-2026-000102' })], 'cur_2'),
      'GET /api/v1/cases?queue=mine&limit=50&cursor=cur_2': () =>
        page([buildCase({ id: 'case_01C', ref: 'C-2026-000103' })]),
    });
    renderApp();

    await user.click(await screen.findByRole('button', { name: 'Show more' }));

    const added = await screen.findByRole('link', { name: 'C-2026-000103' });
    expect(screen.getAllByRole('row')).toHaveLength(4);
    expect(callsTo('GET /api/v1/cases?queue=mine&limit=50&cursor=cur_2')).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(added));
    expect(screen.queryByRole('button', { name: 'Show more' })).toBeNull();
  });

  it('says when a queue cannot be read, and reads it again on request', async () => {
    const user = userEvent.setup();
    let up = false;
    fakeServer({
      ...signedIn(),
      'GET /api/v1/queues': () => json(200, counts()),
      'GET /api/v1/cases?queue=mine&limit=50': () =>
        up ? page([buildCase()]) : json(503, { error: { code: 'unavailable', message: 'down' } }),
    });
    renderApp();

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Something went wrong on our side.');
    up = true;
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('link', { name: 'C-2026-000101' })).toBeDefined();
  });
});

/** Enough of `EventSource` for the live feed: the test opens it and sends changes through it. */
class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static last: FakeEventSource | undefined;
  readyState = 0;
  readonly url: string;
  constructor(url: string) {
    super();
    this.url = url;
    FakeEventSource.last = this;
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
}

describe('live updates', () => {
  it('says it is live, and reads the counts and the list again when a change arrives, keeping what is shown', async () => {
    const user = userEvent.setup();
    vi.stubGlobal('EventSource', FakeEventSource);
    let mine = [buildCase()];
    const { callsTo } = fakeServer({
      ...signedIn(),
      'GET /api/v1/queues': () => json(200, counts({ mine: mine.length })),
      'GET /api/v1/cases?queue=mine&limit=50': () => page(mine, 'cur_2'),
      'GET /api/v1/cases?queue=mine&limit=50&cursor=cur_2': () =>
        page([buildCase({ id: 'case_01C', ref: 'C-2026-000103' })]),
    });
    renderApp();

    expect(await screen.findByText('Connecting to live updates…')).toBeDefined();
    act(() => void FakeEventSource.last!.dispatchEvent(new Event('open')));
    expect(screen.getByText('Live: lists update by themselves')).toBeDefined();
    expect(FakeEventSource.last!.url).toBe('/api/v1/live');

    await user.click(await screen.findByRole('button', { name: 'Show more' }));
    expect(await screen.findByRole('link', { name: 'C-2026-000103' })).toBeDefined();

    const before = {
      counts: callsTo('GET /api/v1/queues').length,
      list: callsTo('GET /api/v1/cases?queue=mine&limit=50').length,
    };
    mine = [
      buildCase({ id: 'case_01N', ref: 'C-2026-000200' }),
      ...mine,
      buildCase({ id: 'case_01C', ref: 'C-2026-000103' }),
    ];
    act(() => {
      FakeEventSource.last!.dispatchEvent(
        new MessageEvent('change', {
          data: JSON.stringify({
            seq: 9,
            type: 'case.assigned',
            caseId: 'case_01N',
            occurredAt: '2026-03-10T08:00:00Z',
          }),
        }),
      );
    });

    expect(await screen.findByRole('link', { name: 'C-2026-000200' })).toBeDefined();
    expect(screen.getByRole('link', { name: 'C-2026-000103' })).toBeDefined();
    await waitFor(() => expect(screen.getByRole('link', { name: /My cases/ }).textContent).toContain('3 cases'));
    expect(callsTo('GET /api/v1/queues')).toHaveLength(before.counts + 1);
    // Still 50 asked for: the three shown fit in the first page.
    expect(callsTo('GET /api/v1/cases?queue=mine&limit=50')).toHaveLength(before.list + 1);
  });
});
