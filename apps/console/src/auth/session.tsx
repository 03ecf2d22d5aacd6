import type { LoginBody, MeResponse, UserDto } from '@redress/contract';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api.ts';
import { storedLocale } from '../preferences.ts';

export interface LoginResponse {
  user: UserDto;
  permissions?: string[];
}

/** The auth endpoints of the API (`/api/v1/auth/*`). */
export const authApi = {
  me: (signal?: AbortSignal) => api.get<MeResponse>('/api/v1/auth/me', signal),
  login: (body: LoginBody) => api.post<LoginResponse>('/api/v1/auth/login', body),
  logout: () => api.post<undefined>('/api/v1/auth/logout'),
};

export type SessionState =
  | { status: 'loading' }
  | { status: 'signedOut' }
  | { status: 'signedIn'; user: UserDto; permissions: readonly string[] };

interface SessionValue {
  state: SessionState;
  /** Rejects with an `ApiError` the sign-in form shows. */
  signIn: (body: LoginBody) => Promise<void>;
  /** Rejects with an `ApiError` when the server could not end the session. */
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/**
 * Holds who is signed in. Asks `/auth/me` once on mount (the session cookie is HttpOnly, so only the
 * server knows), then switches the language to the user's: their choice in this browser, else the
 * locale on their account.
 */
export const SessionProvider = ({ children }: { children: ReactNode }) => {
  const { i18n } = useTranslation();
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const enter = useCallback(
    (user: UserDto, permissions: readonly string[] = []) => {
      void i18n.changeLanguage(storedLocale(user.id) ?? user.locale);
      setState({ status: 'signedIn', user, permissions });
    },
    [i18n],
  );

  useEffect(() => {
    const controller = new AbortController();
    authApi.me(controller.signal).then(
      ({ user, permissions }) => enter(user, permissions),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        // 401 is the ordinary signed-out answer; an unreachable server also leaves the form to try.
        if (!(error instanceof ApiError)) console.error(error);
        setState({ status: 'signedOut' });
      },
    );
    return () => controller.abort();
  }, [enter]);

  const signIn = useCallback(
    async (body: LoginBody) => {
      const { user, permissions } = await authApi.login(body);
      enter(user, permissions);
    },
    [enter],
  );

  const signOut = useCallback(async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // Already signed out on the server: fine. Anything else: the session may still be live.
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    }
    setState({ status: 'signedOut' });
  }, []);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
  return <SessionContext value={value}>{children}</SessionContext>;
};

export const useSession = (): SessionValue => {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider>');
  return value;
};
