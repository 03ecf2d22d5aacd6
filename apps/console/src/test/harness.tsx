import type { UserDto } from '@redress/contract';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';
import { AppProviders, AppRoutes } from '../app.tsx';
import { createI18n, type Locale } from '../i18n/i18n.ts';

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

export const unauthenticated = () => json(401, { error: { code: 'unauthenticated', message: 'Sign in first' } });

export const buildUser = (overrides: Partial<UserDto> = {}): UserDto => ({
  id: 'usr_01TEST',
  email: 'mei@example.com',
  name: 'Lin Mei',
  role: 'agent',
  locale: 'en',
  createdAt: '2026-01-04T00:00:00.000Z',
  disabled: false,
  ...overrides,
});

type Handler = (init: RequestInit) => Response | Promise<Response>;

const urlOf = (input: string | URL | Request): string =>
  typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url;

/**
 * A fake server at the `fetch` boundary: handlers keyed by `METHOD /path`. An unexpected request
 * fails the test loudly rather than hanging it.
 */
export const fakeServer = (handlers: Record<string, Handler>) => {
  const fetchMock = vi.fn<typeof fetch>(async (input, init = {}) => {
    const key = `${init.method ?? 'GET'} ${urlOf(input)}`;
    const handler = handlers[key];
    if (!handler) throw new Error(`Unexpected request ${key}`);
    return handler(init);
  });
  vi.stubGlobal('fetch', fetchMock);
  const callsTo = (key: string) =>
    fetchMock.mock.calls.filter(([input, init]) => `${init?.method ?? 'GET'} ${urlOf(input)}` === key);
  return { fetchMock, callsTo };
};

/** The whole app at `path`, in `locale`, as `main.tsx` builds it but with an in-memory router. */
export const renderApp = ({ path = '/', locale = 'en' }: { path?: string; locale?: Locale } = {}) => {
  const i18n = createI18n(locale);
  const result = render(
    <AppProviders i18n={i18n}>
      <MemoryRouter initialEntries={[path]}>
        <AppRoutes />
      </MemoryRouter>
    </AppProviders>,
  );
  return { ...result, i18n };
};
