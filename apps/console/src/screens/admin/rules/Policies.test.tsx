import type { CalendarDto, CategoryDto, PolicyDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json } from '../../../test/harness.tsx';
import { Policies } from './Policies.tsx';
import {
  FORM_TEST,
  bodyOf,
  fill,
  describedErrorOf,
  renderSection,
  signedInAs,
  validationFailed,
} from './rules-test-util.tsx';

afterEach(() => vi.unstubAllGlobals());

const at = '2026-03-02T09:00:00.000Z';
const week = [[[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], [[540, 1080]], [], []];
const calendar: CalendarDto = {
  id: 'cal_tw',
  name: 'Taiwan office',
  timeZone: 'Asia/Taipei',
  week,
  preset: 'TW',
  createdAt: at,
  updatedAt: at,
};
const categories: CategoryDto[] = [
  {
    id: 'cat_food',
    parentId: null,
    names: { en: 'Food safety', th: 'ความปลอดภัยอาหาร' },
    kind: 'product_quality',
    createdAt: at,
  },
];
const policy = (overrides: Partial<PolicyDto>): PolicyDto => ({
  id: 'pol_std',
  name: 'Standard',
  rank: 100,
  conditions: {},
  calendarId: 'cal_tw',
  targets: {
    acknowledge: { unit: 'working_minutes', amount: 240 },
    firstResponse: { unit: 'working_minutes', amount: 90 },
    keepInLoop: null,
    resolve: { unit: 'working_days', amount: 10 },
  },
  regulatory: null,
  pauseStatuses: ['waiting_on_customer'],
  warnPercents: [50, 80],
  preset: null,
  enabled: true,
  createdAt: at,
  updatedAt: at,
  ...overrides,
});
const policies = [
  policy({}),
  policy({
    id: 'pol_food',
    name: 'Food safety',
    rank: 10,
    conditions: { categoryIds: ['cat_food'], severities: ['critical'], channels: ['phone'] },
    calendarId: null,
    targets: {
      acknowledge: { unit: 'working_minutes', amount: 30 },
      firstResponse: null,
      keepInLoop: null,
      resolve: { unit: 'calendar_days', amount: 1 },
    },
    regulatory: { days: 56, label: 'FCA 8 weeks' },
    enabled: false,
  }),
];

const server = (extra: Record<string, () => Response> = {}) =>
  fakeServer({
    'GET /api/v1/auth/me': signedInAs(),
    'GET /api/v1/policies': () => json(200, { items: policies }),
    'GET /api/v1/calendars': () => json(200, { items: [calendar] }),
    'GET /api/v1/categories': () => json(200, { items: categories }),
    'GET /api/v1/sites': () => json(200, { items: [] }),
    ...extra,
  });

describe('service policies', FORM_TEST, () => {
  it('lists policies by rank with what they apply to and their targets in words', async () => {
    server();
    renderSection('policies', <Policies />);
    const table = await screen.findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getByRole('rowheader').textContent)).toEqual([
      'Food safety Not in use',
      'Standard',
    ]);
    const [food, standard] = rows.map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
    expect(food?.[1]).toBe('Food safety · Critical · Phone');
    expect(food?.[2]).toBe(
      'Acknowledge: 30 working minutesResolve: 1 calendar dayRegulatory: FCA 8 weeks, 56 calendar days',
    );
    expect(food?.[3]).toBe('Around the clock (no calendar)');
    expect(standard?.[1]).toBe('Any complaint');
    expect(standard?.[2]).toBe(
      'Acknowledge: 4 working hoursFirst response: 1 hr 30 min of working timeResolve: 10 working days',
    );
    expect(standard?.[3]).toBe('Taiwan office');
  });

  it('creates a policy: hours are sent as working minutes, empty groups as empty lists', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = server({
      'POST /api/v1/policies': () => json(201, policy({ id: 'pol_vip', name: 'VIP' })),
    });
    renderSection('policies', <Policies />);
    await user.click(await screen.findByRole('button', { name: 'Add a service policy' }));
    const form = screen.getByRole('form', { name: 'Add a service policy' });
    await fill(user, within(form).getByLabelText('Name'), 'VIP');
    await user.clear(within(form).getByLabelText('Rank'));
    await fill(user, within(form).getByLabelText('Rank'), '5');
    await user.selectOptions(within(form).getByLabelText('Calendar'), 'Taiwan office');
    const acknowledge = within(form).getByRole('group', { name: 'Acknowledge' });
    await user.selectOptions(within(acknowledge).getByLabelText('Counted in'), 'working hours');
    await fill(user, within(acknowledge).getByLabelText('Amount'), '1.5');
    const resolve = within(form).getByRole('group', { name: 'Resolve' });
    await user.selectOptions(within(resolve).getByLabelText('Counted in'), 'working days');
    await fill(user, within(resolve).getByLabelText('Amount'), '3');
    await user.click(within(form).getByLabelText('Food safety'));
    await user.click(within(form).getByLabelText('E-mail'));
    await fill(user, within(form).getByLabelText('Customer tiers'), 'gold, platinum');
    await user.click(within(form).getByLabelText('Investigating'));
    await user.click(within(form).getByRole('button', { name: 'Add policy' }));

    expect(await screen.findByText('Policy “VIP” added.')).toBeDefined();
    expect(bodyOf(callsTo('POST /api/v1/policies'))).toEqual({
      name: 'VIP',
      rank: 5,
      enabled: true,
      calendarId: 'cal_tw',
      targets: {
        acknowledge: { unit: 'working_minutes', amount: 90 },
        firstResponse: null,
        keepInLoop: null,
        resolve: { unit: 'working_days', amount: 3 },
      },
      conditions: {
        categoryIds: ['cat_food'],
        severities: [],
        channels: ['email'],
        siteIds: [],
        customerTiers: ['gold', 'platinum'],
      },
      regulatory: null,
      pauseStatuses: ['waiting_on_customer', 'investigating'],
      warnPercents: [50, 80],
    });
  });

  it('edits a policy with its current values filled in, and shows the server’s field errors beside the fields', async () => {
    const user = userEvent.setup({ delay: null });
    let attempt = 0;
    const { callsTo } = server({
      'PATCH /api/v1/policies/pol_std': () =>
        ++attempt === 1
          ? validationFailed('/body/targets/resolve/amount', '/body/warnPercents/1')
          : json(200, policy({ warnPercents: [50, 90] })),
    });
    renderSection('policies', <Policies />);
    await user.click(await screen.findByRole('button', { name: 'Edit Standard' }));
    const form = screen.getByRole('form', { name: 'Edit Standard' });
    const acknowledge = within(form).getByRole('group', { name: 'Acknowledge' });
    expect(within(acknowledge).getByLabelText<HTMLInputElement>('Amount').value).toBe('4');
    expect(within(acknowledge).getByLabelText<HTMLSelectElement>('Counted in').value).toBe('working_hours');
    const first = within(form).getByRole('group', { name: 'First response' });
    expect(within(first).getByLabelText<HTMLInputElement>('Amount').value).toBe('90');
    expect(within(first).getByLabelText<HTMLSelectElement>('Counted in').value).toBe('working_minutes');
    const warn = within(form).getByLabelText(/Warn at these percentages/);
    await user.clear(warn);
    await fill(user, warn, '50, 40');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));

    await waitFor(() => expect(warn.getAttribute('aria-invalid')).toBe('true'));
    expect(describedErrorOf(warn)).toBe('Error: Use whole numbers from 1 to 99 in ascending order, e.g. 50, 80.');
    const resolve = within(form).getByRole('group', { name: 'Resolve' });
    expect(within(resolve).getByText(/Enter a whole amount of at least 1/)).toBeDefined();
    expect(within(form).getByLabelText('Name').getAttribute('aria-invalid')).toBeNull();
    expect(bodyOf(callsTo('PATCH /api/v1/policies/pol_std'))).toMatchObject({ warnPercents: [50, 40] });

    await user.clear(warn);
    await fill(user, warn, '50, 90');
    await user.click(within(form).getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByText('Policy “Standard” saved.')).toBeDefined();
    expect(bodyOf(callsTo('PATCH /api/v1/policies/pol_std'), 1)).toMatchObject({
      warnPercents: [50, 90],
      targets: { acknowledge: { unit: 'working_minutes', amount: 240 }, resolve: { unit: 'working_days', amount: 10 } },
    });
  });

  it('adds a policy from a preset with the calendar chosen', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = server({
      'POST /api/v1/policies/presets': () =>
        json(201, policy({ id: 'pol_fca', name: 'UK FCA DISP', preset: 'fca_disp' })),
    });
    renderSection('policies', <Policies />);
    const form = await screen.findByRole('form', { name: 'Start from a preset' });
    await user.selectOptions(within(form).getByLabelText('Preset'), 'UK FCA DISP (financial services)');
    await user.selectOptions(within(form).getByLabelText('Calendar'), 'Taiwan office');
    await user.click(within(form).getByRole('button', { name: 'Add from preset' }));
    expect(await screen.findByText('Policy “UK FCA DISP” added.')).toBeDefined();
    expect(bodyOf(callsTo('POST /api/v1/policies/presets'))).toEqual({ preset: 'fca_disp', calendarId: 'cal_tw' });
  });
});
