import type { i18n as I18n } from 'i18next';
import { lazy, StrictMode, Suspense, type ReactNode } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { SessionProvider, useSession } from './auth/session.tsx';
import { PreferencesProvider } from './preferences-context.tsx';
import { LiveProvider } from './live/live-feed.tsx';
import { Queues } from './screens/agent/Queues.tsx';
import { NotFound } from './screens/NotFound.tsx';
import { Shell } from './screens/Shell.tsx';
import { SignIn } from './screens/SignIn.tsx';

// Each area is its own chunk, read when first opened: a customer filing a complaint downloads no
// staff screen, and an agent downloads the charts and the administration only if they open them.
const Admin = lazy(() => import('./screens/admin/Admin.tsx').then((m) => ({ default: m.Admin })));
const LogCall = lazy(() => import('./screens/agent/LogCall.tsx').then((m) => ({ default: m.LogCall })));
const CasePage = lazy(() => import('./screens/case/CasePage.tsx').then((m) => ({ default: m.CasePage })));
const Board = lazy(() => import('./screens/manager/Board.tsx').then((m) => ({ default: m.Board })));
const Reports = lazy(() => import('./screens/manager/Reports.tsx').then((m) => ({ default: m.Reports })));
const Portal = lazy(() => import('./screens/Portal.tsx').then((m) => ({ default: m.Portal })));

/** What shows while an area's code arrives. */
const AreaLoading = () => {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
};

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
        <Suspense fallback={<AreaLoading />}>
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
        </Suspense>
      </Shell>
    </LiveProvider>
  );
};

/** `/portal/*` is the customer portal's; everything else is the console's. */
export const AppRoutes = () => (
  <Routes>
    <Route
      path="/portal/*"
      element={
        <Suspense fallback={<AreaLoading />}>
          <Portal />
        </Suspense>
      }
    />
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
