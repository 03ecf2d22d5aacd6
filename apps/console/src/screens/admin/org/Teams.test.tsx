import type { TeamDto } from '@redress/contract';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { ME, bodyOf, describedText, invalid, renderAdmin, site, staff } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

const team = (overrides: Partial<TeamDto> = {}): TeamDto => ({
  id: 'team_01FRONT',
  name: 'Frontline TPE',
  kind: 'frontline',
  siteId: 'site_01TPE',
  memberIds: ['usr_01MEI'],
  createdAt: '2026-01-03T00:00:00.000Z',
  ...overrides,
});

const mei = staff({ id: 'usr_01MEI', name: 'Lin Mei', email: 'mei@example.com' });
const ploy = staff({ id: 'usr_01PLOY', name: 'Ploy', email: 'ploy@example.com' });

const handlers = (
  teams: TeamDto[] = [
    team(),
    team({ id: 'team_01BILL', name: 'Billing', kind: 'department', siteId: null, memberIds: [] }),
  ],
) => ({
  'GET /api/v1/teams': () => json(200, { items: teams }),
  'GET /api/v1/sites': () => json(200, { items: [site()] }),
  'GET /api/v1/users?limit=200': () => json(200, { items: [ME, mei, ploy], nextCursor: null }),
});

describe('teams', { timeout: 20_000 }, () => {
  it('lists teams with their kind, site and number of members in words', async () => {
    await renderAdmin('teams', handlers());

    const rows = within(await screen.findByRole('table', { name: 'Teams' })).getAllByRole('row');
    expect(
      within(rows[1]!)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Frontline team', 'Taipei Xinyi', '1 member Members Frontline TPE']);
    expect(within(rows[2]!).getByText('Department')).toBeDefined();
    expect(within(rows[2]!).getByText('All sites (brand-wide)')).toBeDefined();
    expect(within(rows[2]!).getByText('0 members')).toBeDefined();
  });

  it('adds a team with the body the API takes', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('teams', {
      ...handlers(),
      'POST /api/v1/teams': () => json(201, team({ id: 'team_01WH', name: 'Warehouse', kind: 'department' })),
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a team' })).closest('form')!);
    await user.type(form.getByLabelText('Name'), 'Warehouse ');
    await user.selectOptions(form.getByLabelText('Kind'), 'Department');
    await user.selectOptions(form.getByLabelText('Site'), 'Taipei Xinyi (TPE-01)');
    await user.click(form.getByRole('button', { name: 'Add team' }));

    expect((await screen.findByRole('status')).textContent).toBe('Team Warehouse was added.');
    expect(bodyOf(callsTo('POST /api/v1/teams'))).toEqual({
      name: 'Warehouse',
      kind: 'department',
      siteId: 'site_01TPE',
    });
  });

  it('shows a missing name next to the name field', async () => {
    const user = userEvent.setup({ delay: null });
    await renderAdmin('teams', {
      ...handlers(),
      'POST /api/v1/teams': () => invalid('/body/name', 'must NOT have fewer than 1 characters'),
    });

    const form = within((await screen.findByRole('heading', { name: 'Add a team' })).closest('form')!);
    await user.click(form.getByRole('button', { name: 'Add team' }));

    const name = form.getByLabelText('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(describedText(name)).toBe('Fill this in.');
    expect(form.getByRole('alert').textContent).toBe('Some details need attention.');
  });

  it('adds a member, and removes one only after asking', async () => {
    const user = userEvent.setup({ delay: null });
    const { callsTo } = await renderAdmin('teams', {
      ...handlers(),
      'POST /api/v1/teams/team_01FRONT/members': () => json(200, team({ memberIds: ['usr_01MEI', 'usr_01PLOY'] })),
      'DELETE /api/v1/teams/team_01FRONT/members/usr_01MEI': () => new Response(null, { status: 204 }),
    });

    await screen.findByRole('table', { name: 'Teams' });
    await user.click(await screen.findByRole('button', { name: 'Members Frontline TPE' }));
    const panel = within(screen.getByRole('region', { name: 'Members of Frontline TPE' }));
    expect(within(panel.getByRole('list')).getAllByRole('listitem')).toHaveLength(1);
    expect(panel.getByRole('list').textContent).toContain('Lin Mei');
    // Only people not in the team yet are offered.
    const select = panel.getByLabelText('Person to add');
    expect(within(select).queryByText(/Lin Mei/)).toBeNull();
    await user.selectOptions(select, 'Ploy (ploy@example.com)');
    await user.click(panel.getByRole('button', { name: 'Add to team' }));
    expect((await screen.findByRole('status')).textContent).toBe('Ploy joined Frontline TPE.');
    expect(bodyOf(callsTo('POST /api/v1/teams/team_01FRONT/members'))).toEqual({ userId: 'usr_01PLOY' });

    await user.click(panel.getByRole('button', { name: 'Remove Lin Mei' }));
    expect(callsTo('DELETE /api/v1/teams/team_01FRONT/members/usr_01MEI')).toHaveLength(0);
    const question = panel.getByRole('group', { name: 'Remove Lin Mei from Frontline TPE?' });
    await user.click(within(question).getByRole('button', { name: 'Yes, remove' }));
    await waitFor(() => expect(callsTo('DELETE /api/v1/teams/team_01FRONT/members/usr_01MEI')).toHaveLength(1));
    expect((await screen.findByRole('status')).textContent).toBe('Lin Mei left Frontline TPE.');
  });
});
