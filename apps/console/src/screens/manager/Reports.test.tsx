import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderApp } from '../../test/harness.tsx';
import { signedInManager } from './manager-fixtures.test-util.ts';
import { buildOverview } from './report-fixtures.test-util.ts';

beforeEach(() => {
  // Only the date is fixed ("today" is 15 March 2026); timers run as usual.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(2026, 2, 15, 12, 0));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const LAST_30_DAYS = 'GET /api/v1/reports/overview?from=2026-02-14T00%3A00%3A00.000Z&to=2026-03-16T00%3A00%3A00.000Z';
const SITES = {
  items: [
    {
      id: 'site_tpe',
      name: 'Taipei Xinyi',
      code: 'TPE-01',
      timeZone: 'Asia/Taipei',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    {
      id: 'site_bkk',
      name: 'Bangkok Silom',
      code: 'BKK-01',
      timeZone: 'Asia/Bangkok',
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ],
};

const serve = (extra: Record<string, () => Response> = {}) =>
  fakeServer({
    'GET /api/v1/auth/me': () => signedInManager(),
    'GET /api/v1/sites': () => json(200, SITES),
    [LAST_30_DAYS]: () => json(200, buildOverview()),
    ...extra,
  });

const tableNamed = (name: string) => screen.getByRole('table', { name });
const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));

describe('reports', () => {
  it('reads the last 30 days and gives every chart’s numbers as a table', async () => {
    serve();
    renderApp({ path: '/reports' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Reports' })).toBeDefined();
    await screen.findByRole('table', { name: 'Cases by category' });
    expect(screen.getByLabelText<HTMLInputElement>('From').value).toBe('2026-02-14');
    expect(screen.getByLabelText<HTMLInputElement>('To').value).toBe('2026-03-15');
    expect(screen.getByText('From Feb 14, 2026 to Mar 15, 2026')).toBeDefined();

    const figures = screen.getByRole('list', { name: 'Headline figures' });
    expect(
      within(figures)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['14cases opened', '94%of clocks met in time', '89%of promises kept']);

    expect(rowsOf(tableNamed('Cases by category'))).toEqual([
      ['Delivery', '1,520'],
      ['Product quality', '37'],
      ['No category', '4'],
    ]);
    expect(rowsOf(tableNamed('Cases per day'))).toEqual([
      ['Mar 13, 2026', '5'],
      ['Mar 14, 2026', '0'],
      ['Mar 15, 2026', '9'],
    ]);
    expect(rowsOf(tableNamed('Clock compliance'))).toEqual([
      ['Resolve', '80', '15', '5'],
      ['First response', '190', '3', '7'],
    ]);
    expect(
      within(tableNamed('Clock compliance'))
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Clock', 'Met', 'Breached', 'Still running']);
    expect(rowsOf(tableNamed('Promises kept'))).toEqual([
      ['Kept', '42'],
      ['Broken', '3'],
      ['Renegotiated', '6'],
      ['Open', '11'],
      ['Overdue', '2'],
    ]);
  });

  it('refuses a range that ends before it starts, in words and without asking the server', async () => {
    const user = userEvent.setup();
    const { fetchMock } = serve();
    renderApp({ path: '/reports' });
    await screen.findByRole('table', { name: 'Cases by category' });
    const requests = fetchMock.mock.calls.length;

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-20' } });
    await user.click(screen.getByRole('button', { name: 'Show' }));

    expect(screen.getByRole('alert').textContent).toBe('The start date must be on or before the end date.');
    expect(screen.getByLabelText('From').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(screen.getByLabelText('From'));
    expect(fetchMock.mock.calls.length).toBe(requests);
  });

  it('reads the report again for the range and site chosen', async () => {
    const user = userEvent.setup();
    const chosen =
      'GET /api/v1/reports/overview?from=2026-03-01T00%3A00%3A00.000Z&to=2026-03-08T00%3A00%3A00.000Z&siteId=site_bkk';
    const { callsTo } = serve({
      [chosen]: () =>
        json(200, { ...buildOverview(), volumeByCategory: [{ categoryId: null, names: null, count: 2 }] }),
    });
    renderApp({ path: '/reports' });
    await screen.findByRole('table', { name: 'Cases by category' });

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-07' } });
    await user.selectOptions(await screen.findByLabelText('Site'), 'Bangkok Silom (BKK-01)');
    await user.click(screen.getByRole('button', { name: 'Show' }));

    await waitFor(() => expect(rowsOf(tableNamed('Cases by category'))).toEqual([['No category', '2']]));
    expect(callsTo(chosen)).toHaveLength(1);
  });

  it('writes days in the Buddhist-era calendar for a Thai reader', async () => {
    fakeServer({
      'GET /api/v1/auth/me': () => signedInManager({ locale: 'th' as 'en' }),
      'GET /api/v1/sites': () => json(200, SITES),
      [LAST_30_DAYS]: () => json(200, buildOverview()),
    });
    renderApp({ path: '/reports', locale: 'th' });

    const byCategory = await screen.findByRole('table', { name: 'เคสตามหมวดหมู่' });
    expect(rowsOf(byCategory)[0]).toEqual(['การจัดส่ง', '1,520']);
    expect(rowsOf(tableNamed('เคสรายวัน'))[0]![0]).toContain('2569');
  });
});
