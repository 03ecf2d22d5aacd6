import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, renderApp } from '../../test/harness.tsx';
import { buildBoard, buildWorkload, signedInManager } from './manager-fixtures.test-util.ts';

afterEach(() => vi.unstubAllGlobals());

const BOARD = 'GET /api/v1/early-warning?hours=24';
const WORKLOAD = 'GET /api/v1/reports/workload';

const serve = (extra: Record<string, (init: RequestInit) => Response> = {}, approve = true) =>
  fakeServer({
    'GET /api/v1/auth/me': () => signedInManager({ approve }),
    [BOARD]: () => json(200, buildBoard()),
    [WORKLOAD]: () => json(200, buildWorkload()),
    ...extra,
  });

const section = (name: RegExp) => screen.getByRole('region', { name });
const statusWith = (text: string) => screen.getAllByRole('status').find((element) => element.textContent === text);

describe('early-warning board', () => {
  it('shows each list of a realistic board with counts, links, words and names', async () => {
    serve();
    renderApp({ path: '/board' });

    expect(await screen.findByRole('heading', { level: 1, name: 'Early warning' })).toBeDefined();
    await screen.findByRole('rowheader', { name: 'Lin Mei' });

    const summary = await screen.findByRole('list', { name: 'Summary' });
    expect(within(summary).getByRole('link', { name: '3 clocks about to breach' }).getAttribute('href')).toBe(
      '#board-clocks',
    );
    expect(within(summary).getByRole('link', { name: '1 clock breached' })).toBeDefined();
    expect(within(summary).getByRole('link', { name: '2 approvals waiting' })).toBeDefined();
    expect(within(summary).getByRole('link', { name: '1 spike of similar complaints' })).toBeDefined();

    const clocks = section(/^Clocks/);
    expect(within(clocks).getByRole('link', { name: 'C-2026-000101' }).getAttribute('href')).toBe('/cases/case_A1');
    expect(within(clocks).getByText('Resolve')).toBeDefined();
    expect(within(clocks).getByText('First response')).toBeDefined();
    expect(within(clocks).getByText(/^overdue by 5 hr/)).toBeDefined();
    expect(within(clocks).getByText('Showing 1 of 3.')).toBeDefined();

    const promises = section(/^Promises to customers/);
    const dueRow = within(promises).getByRole('row', { name: /C-2026-000103/ });
    expect(within(dueRow).getByText('Send the inspection report by Friday')).toBeDefined();
    expect(within(dueRow).getByText('Lin Mei')).toBeDefined();
    const overdueRow = within(promises).getByRole('row', { name: /C-2026-000104/ });
    expect(within(overdueRow).getByText('Someone outside your sites')).toBeDefined();
    expect(within(overdueRow).getByText(/^overdue by 1 day 6 hr/)).toBeDefined();

    const escalations = section(/^Escalations waiting/);
    const levels = within(escalations).getByRole('list', { name: 'Escalations waiting per level' });
    expect(levels.textContent).toContain('Team lead');
    expect(levels.textContent).toContain('1 is waiting');
    expect(levels.textContent).toContain('waiting 1 day 2 hr');
    const escalationRow = within(escalations).getByRole('row', { name: /C-2026-000105/ });
    expect(within(escalationRow).getByText("Warning words in the customer's message")).toBeDefined();

    const approvals = section(/^Approvals waiting/);
    const refund = within(approvals).getByRole('link', { name: 'C-2026-000012' }).closest('li')!;
    expect(refund.textContent).toContain('Refund');
    expect(refund.textContent).toMatch(/NT\$\s?12,500\.00/);
    expect(refund.textContent).toContain('Lin Mei');
    expect(refund.textContent).toContain('Store manager');
    const voucher = within(approvals).getByRole('link', { name: 'C-2026-000013' }).closest('li')!;
    expect(voucher.textContent).toMatch(/¥\s?50,000/);
    expect(voucher.textContent).toContain('Not recorded');
    expect(within(voucher).getByRole('button', { name: 'Approve C-2026-000013' })).toBeDefined();

    const spikes = section(/^Spikes of similar complaints/);
    expect(within(spikes).getByText('Sofa legs snapped')).toBeDefined();
    expect(within(spikes).getByText('14 similar complaints in the period, against 2.5 usually.')).toBeDefined();

    const workload = section(/^Team workload/);
    const mei = within(workload).getByRole('row', { name: /Lin Mei/ });
    expect(
      within(mei)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['Agent', '12', '2', '5', '1', '3']);
    const somchai = within(workload).getByRole('row', { name: /Somchai/ });
    expect(within(somchai).getAllByRole('cell')[1]!.textContent).toBe('1,234');
  });

  it('approves from the board: posts, takes the item off, lowers the count and says so', async () => {
    const user = userEvent.setup();
    const { callsTo } = serve({
      'POST /api/v1/compensations/cmp_1/approve': () => json(200, { id: 'cmp_1', status: 'approved' }),
    });
    renderApp({ path: '/board' });

    await user.click(await screen.findByRole('button', { name: 'Approve C-2026-000012' }));

    await waitFor(() => expect(statusWith('Approved the remedy on C-2026-000012.')).toBeDefined());
    const [[, init]] = callsTo('POST /api/v1/compensations/cmp_1/approve') as [[unknown, RequestInit]];
    expect(JSON.parse(init.body as string)).toEqual({});
    const approvals = section(/^Approvals waiting/);
    expect(within(approvals).queryByRole('link', { name: 'C-2026-000012' })).toBeNull();
    expect(within(approvals).getByRole('link', { name: 'C-2026-000013' })).toBeDefined();
    expect(screen.getByRole('link', { name: '1 approval waiting' })).toBeDefined();
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /^Approvals waiting/ }));
  });

  it('says in words when the approval is above my authority, and keeps the item', async () => {
    const user = userEvent.setup();
    serve({
      'POST /api/v1/compensations/cmp_1/approve': () =>
        json(404, { error: { code: 'forbidden', message: 'Beyond your authority (server words)' } }),
    });
    renderApp({ path: '/board' });

    await user.click(await screen.findByRole('button', { name: 'Approve C-2026-000012' }));

    const item = screen.getByRole('link', { name: 'C-2026-000012' }).closest('li')!;
    expect((await within(item).findByRole('alert')).textContent).toBe(
      'This is above your authority. It waits for someone at a higher level.',
    );
    expect(screen.queryByText(/server words/)).toBeNull();
    expect(screen.getByRole('link', { name: '2 approvals waiting' })).toBeDefined();
  });

  it('rejects only with a reason, and sends the reason', async () => {
    const user = userEvent.setup();
    const { callsTo } = serve({
      'POST /api/v1/compensations/cmp_1/reject': () => json(200, { id: 'cmp_1', status: 'rejected' }),
    });
    renderApp({ path: '/board' });

    await user.click(await screen.findByRole('button', { name: 'Reject C-2026-000012' }));
    await user.click(screen.getByRole('button', { name: 'Reject C-2026-000012' }));
    expect(screen.getByText('Give a reason for rejecting it.')).toBeDefined();
    expect(callsTo('POST /api/v1/compensations/cmp_1/reject')).toHaveLength(0);

    await user.type(screen.getByLabelText(/^Why reject the remedy on C-2026-000012\?/), ' Outside the refund policy ');
    await user.click(screen.getByRole('button', { name: 'Reject C-2026-000012' }));

    await waitFor(() => expect(statusWith('Rejected the remedy on C-2026-000012.')).toBeDefined());
    const [[, init]] = callsTo('POST /api/v1/compensations/cmp_1/reject') as [[unknown, RequestInit]];
    expect(JSON.parse(init.body as string)).toEqual({ note: 'Outside the refund policy' });
    expect(screen.queryByRole('link', { name: 'C-2026-000012' })).toBeNull();
  });

  it('acknowledges an escalation and takes it off the board', async () => {
    const user = userEvent.setup();
    const { callsTo } = serve({
      'POST /api/v1/escalations/esc_1/acknowledge': () => json(200, { id: 'esc_1' }),
    });
    renderApp({ path: '/board' });

    await user.click(await screen.findByRole('button', { name: 'Acknowledge the escalation on C-2026-000105' }));

    await waitFor(() => expect(statusWith('You took the escalation on C-2026-000105.')).toBeDefined());
    expect(callsTo('POST /api/v1/escalations/esc_1/acknowledge')).toHaveLength(1);
    const escalations = section(/^Escalations waiting/);
    expect(within(escalations).getByText('No escalation is waiting.')).toBeDefined();
    expect(within(escalations).queryByRole('list', { name: 'Escalations waiting per level' })).toBeNull();
  });

  it('reads the board again for the look-ahead chosen', async () => {
    const user = userEvent.setup();
    const { callsTo } = serve({
      'GET /api/v1/early-warning?hours=72': () =>
        json(
          200,
          buildBoard({ hours: 72, clocks: { dueSoon: { total: 0, items: [] }, breached: { total: 0, items: [] } } }),
        ),
    });
    renderApp({ path: '/board' });
    await screen.findByRole('link', { name: 'C-2026-000101' });
    const readsAt24 = callsTo(BOARD).length;

    await user.selectOptions(screen.getByLabelText('Look ahead'), '72 hours');

    expect(await screen.findByText('No clock is due in the next 72 hours.')).toBeDefined();
    expect(callsTo('GET /api/v1/early-warning?hours=72')).toHaveLength(1);
    expect(callsTo(BOARD)).toHaveLength(readsAt24);
  });

  it('offers no decision to someone who may only look', async () => {
    serve({}, false);
    renderApp({ path: '/board' });
    await screen.findByRole('link', { name: 'C-2026-000012' });
    expect(screen.queryByRole('button', { name: /^Approve/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Reject/ })).toBeNull();
  });

  it("names ladder levels and remedies in the reader's language", async () => {
    fakeServer({
      'GET /api/v1/auth/me': () => signedInManager({ locale: 'zh-TW' as 'en' }),
      [BOARD]: () => json(200, buildBoard()),
      [WORKLOAD]: () => json(500, {}),
    });
    renderApp({ path: '/board', locale: 'zh-TW' });

    const approvals = (await screen.findByRole('heading', { name: /^待核准/ })).closest('section')!;
    expect(within(approvals).getByText('退款')).toBeDefined();
    expect(within(approvals).getAllByText('店長').length).toBeGreaterThan(0);
    expect(within(approvals).getByRole('button', { name: '核准 C-2026-000012' })).toBeDefined();
    const workload = screen.getByRole('heading', { name: '團隊工作量' }).closest('section')!;
    expect(within(workload).getByRole('alert')).toBeDefined();
  });
});
