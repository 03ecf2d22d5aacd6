import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { json } from '../../../test/harness.tsx';
import { renderAdmin, site } from './admin-test-kit.tsx';

afterEach(() => vi.unstubAllGlobals());

describe('administration frame', { timeout: 20_000 }, () => {
  it('links each section by its full address, whichever section is open, and marks the open one', async () => {
    const user = userEvent.setup({ delay: null });
    await renderAdmin(
      'sites',
      {
        'GET /api/v1/sites': () => json(200, { items: [site()] }),
        'GET /api/v1/users?limit=200': () => json(200, { items: [], nextCursor: null }),
      },
      { permissions: ['org:read', 'user:read'] },
    );

    const nav = within(await screen.findByRole('navigation', { name: 'Sections' }));
    // Only what these permissions may read.
    expect(nav.getAllByRole('link').map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['Users', '/admin/users'],
      ['Sites', '/admin/sites'],
      ['Teams', '/admin/teams'],
    ]);
    expect(nav.getByRole('link', { name: 'Sites' }).getAttribute('aria-current')).toBe('page');

    await user.click(nav.getByRole('link', { name: 'Users' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'Users' })).toBeDefined();
    expect(nav.getByRole('link', { name: 'Sites' }).getAttribute('href')).toBe('/admin/sites');
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
  });
});
