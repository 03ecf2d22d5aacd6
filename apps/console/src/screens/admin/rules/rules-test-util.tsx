import { render } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { expect } from 'vitest';
import { AppProviders } from '../../../app.tsx';
import { SessionProvider, useSession } from '../../../auth/session.tsx';
import { createI18n, type Locale } from '../../../i18n/i18n.ts';
import { buildUser, json } from '../../../test/harness.tsx';

/** An administrator's permissions, as `/auth/me` lists them. */
export const ADMIN_PERMISSIONS = ['case:read', 'config:read', 'config:manage', 'org:read', 'user:read'];

/** The `/auth/me` handler for a signed-in administrator (or someone holding `permissions`). */
export const signedInAs =
  (permissions: readonly string[] = ADMIN_PERMISSIONS, locale: Locale = 'en') =>
  () =>
    json(200, { user: buildUser({ role: 'admin', name: 'Ada Admin', locale }), permissions });

/** Like the console, draws its pages only once someone is signed in. */
const SignedIn = ({ children }: { children: ReactNode }) =>
  useSession().state.status === 'signedIn' ? <>{children}</> : null;

/**
 * One rules screen at `/admin/<path>`, inside the providers the console gives it (language,
 * preferences, the session from `/auth/me`) but without the rest of the console around it.
 */
export const renderSection = (path: string, screen: ReactNode, locale: Locale = 'en') => {
  const section = path.split('/')[0]!;
  return render(
    <AppProviders i18n={createI18n(locale)}>
      <MemoryRouter initialEntries={[`/admin/${path}`]}>
        <SessionProvider>
          <Routes>
            <Route path={`/admin/${section}/*`} element={<SignedIn>{screen}</SignedIn>} />
          </Routes>
        </SessionProvider>
      </MemoryRouter>
    </AppProviders>,
  );
};

/** The JSON body of the `index`th call a `fakeServer` saw to `key`. */
export const bodyOf = (calls: unknown[][], index = 0): unknown => {
  const call = calls[index] as [unknown, RequestInit] | undefined;
  expect(call, 'the request was sent').toBeDefined();
  return JSON.parse(call![1].body as string);
};

/** A `validation_failed` answer naming `fields` (e.g. `/body/names/en`). */
export const validationFailed = (...fields: string[]) =>
  json(400, {
    error: {
      code: 'validation_failed',
      message: 'Invalid body',
      details: fields.map((field) => ({ field, message: 'server words that are never shown' })),
    },
  });

/** The error text an input points at through `aria-describedby`. */
export const describedErrorOf = (input: HTMLElement): string =>
  (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((node) => node?.classList.contains('field-error'))
    .map((node) => node!.textContent)
    .join(' ');

/** Time for a test that fills in a long form on a busy machine. */
export const FORM_TEST = { timeout: 30_000 };

/** Replaces an input's text in one paste, as fast as the screen allows (typing key by key is slow). */
export const fill = async (user: UserEvent, input: HTMLElement, value: string) => {
  await user.clear(input);
  if (value !== '') await user.paste(value);
};

/** What the section's status line (the `role="status"` announcer) says now. */
export const announced = (): string | null | undefined => {
  const node = document.querySelector('.rules-announce');
  expect(node?.getAttribute('role')).toBe('status');
  return node?.textContent;
};
