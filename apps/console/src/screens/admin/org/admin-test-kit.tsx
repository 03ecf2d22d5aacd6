import type { SiteDto, UserDto } from '@redress/contract';
import { waitFor } from '@testing-library/react';
import { expect } from 'vitest';
import type { Locale } from '../../../i18n/i18n.ts';
import { buildUser, fakeServer, json, renderApp } from '../../../test/harness.tsx';

/** Every permission the administration pages look at: an administrator's. */
export const ADMIN_PERMISSIONS = [
  'user:read',
  'user:manage',
  'org:read',
  'org:manage',
  'config:read',
  'config:manage',
  'case:read',
];

export const ME = buildUser({ id: 'usr_01ADMIN', name: 'Ada Admin', email: 'ada@example.com', role: 'admin' });

type Handlers = Parameters<typeof fakeServer>[0];

/**
 * The console at `/admin/<section>`, signed in as {@link ME} with `permissions`, and a fake server;
 * resolves once the administration area (loaded on demand) is on screen.
 */
export const renderAdmin = async (
  section: string,
  handlers: Handlers,
  { permissions = ADMIN_PERMISSIONS, locale = 'en' }: { permissions?: string[]; locale?: Locale } = {},
) => {
  const server = fakeServer({
    // The console speaks the signed-in user's language.
    'GET /api/v1/auth/me': () => json(200, { user: { ...ME, locale }, permissions }),
    ...handlers,
  });
  const app = renderApp({ path: `/admin/${section}`, locale });
  // Its code is fetched on first use, which takes a while on a busy machine.
  await waitFor(() => expect(document.querySelector('.admin-layout')).not.toBeNull(), { timeout: 15_000 });
  return { ...server, ...app };
};

/** The JSON body of the only call to `key`. */
export const bodyOf = (calls: unknown[][], index = 0): unknown => {
  const init = calls[index]?.[1] as RequestInit | undefined;
  expect(init, 'the request was sent').toBeDefined();
  return JSON.parse(init!.body as string);
};

/** A `validation_failed` answer naming `field` (`/body/…`) with the server's own words. */
export const invalid = (field: string, message: string, code = 'validation_failed', status = 400) =>
  json(status, { error: { code, message: 'Invalid body', details: [{ field, message }] } });

export const site = (overrides: Partial<SiteDto> = {}): SiteDto => ({
  id: 'site_01TPE',
  name: 'Taipei Xinyi',
  code: 'TPE-01',
  timeZone: 'Asia/Taipei',
  createdAt: '2026-01-02T00:00:00.000Z',
  ...overrides,
});

export const staff = (overrides: Partial<UserDto> = {}): UserDto => buildUser({ siteId: null, ...overrides });

/** The error text a control points at with `aria-describedby` (hint and error), joined. */
export const describedText = (control: HTMLElement): string =>
  (control.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
