import type { i18n as I18n } from 'i18next';
import { StrictMode, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { SessionProvider, useSession } from './auth/session.tsx';
import { PreferencesProvider } from './preferences-context.tsx';
import { LiveProvider } from './live/live-feed.tsx';
import { Admin } from './screens/admin/Admin.tsx';
import { LogCall } from './screens/agent/LogCall.tsx';
import { Queues } from './screens/agent/Queues.tsx';
import { CasePage } from './screens/case/CasePage.tsx';
import { Board } from './screens/manager/Board.tsx';
import { Reports } from './screens/manager/Reports.tsx';
import { NotFound } from './screens/NotFound.tsx';
import { Portal } from './screens/Portal.tsx';
import { Shell } from './screens/Shell.tsx';
import { SignIn } from './screens/SignIn.tsx';

/** Everything a screen needs around it except the router, so tests can pick a `MemoryRouter`. */
export const AppProviders = ({ i18n, children }: { i18n: I18n; children: ReactNode }) => (
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <PreferencesProvider>{children}</PreferencesProvider>
    </I18nextProvider>
  </StrictMode>
);

/** The console: sign-in until there is a session, then the shell and its pages. */
const ConsoleRoot = () => {
  const { state } = useSession();
  const { t } = useTranslation();
  if (state.status === 'loading') {
    return (
      <p className="loading" role="status">
        {t('app.loading')}
      </p>
    );
  }
  if (state.status === 'signedOut') return <SignIn />;
  return (
    <LiveProvider>
      <Shell user={state.user}>
        <Routes>
          <Route index element={<Queues />} />
          <Route path="queues/:queue" element={<Queues />} />
          <Route path="calls/new" element={<LogCall />} />
          <Route path="cases/:id" element={<CasePage />} />
          <Route path="board" element={<Board />} />
          <Route path="reports" element={<Reports />} />
          <Route path="admin/*" element={<Admin />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Shell>
    </LiveProvider>
  );
};

/** `/portal/*` is the customer portal's; everything else is the console's. */
export const AppRoutes = () => (
  <Routes>
    <Route path="/portal/*" element={<Portal />} />
    <Route
      path="/*"
      element={
        <SessionProvider>
          <ConsoleRoot />
        </SessionProvider>
      }
    />
  </Routes>
);
