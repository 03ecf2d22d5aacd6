import { isRole, type UserDto } from '@redress/contract';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { useCan } from '../auth/permissions.ts';
import { useSession } from '../auth/session.tsx';
import { CalendarSwitcher } from '../components/CalendarSwitcher.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { describeError, type ErrorMessage } from '../errors.ts';

/** The signed-in frame: product, who is signed in, preferences, sign-out; the page below. */
export const Shell = ({ user, children }: { user: UserDto; children: ReactNode }) => {
  const { t } = useTranslation();
  const { signOut } = useSession();
  const can = useCan();
  const { pathname } = useLocation();
  // The queues are home: `/` and every `/queues/<key>` light the same link.
  const onQueues = pathname === '/' || pathname.startsWith('/queues/');
  const links = [
    { to: '/', label: t('nav.queues'), shown: can('case:read'), end: true },
    { to: '/calls/new', label: t('nav.logCall'), shown: can('case:update') },
    { to: '/board', label: t('nav.board'), shown: can('oversight:read') },
    { to: '/reports', label: t('nav.reports'), shown: can('oversight:read') },
    { to: '/admin', label: t('nav.admin'), shown: can('config:read') || can('org:read') || can('user:read') },
  ].filter((link) => link.shown);
  const [error, setError] = useState<ErrorMessage | null>(null);
  const role = isRole(user.role) ? t(`roles.${user.role}`) : user.role;

  const onSignOut = () => {
    setError(null);
    signOut().catch((failure: unknown) => setError(describeError(failure)));
  };

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell-header">
        <Link to="/" className="brand">
          Redress
        </Link>
        <nav className="shell-nav" aria-label={t('nav.label')}>
          <ul>
            {links.map((link) => (
              <li key={link.to}>
                <NavLink
                  to={link.to}
                  end={link.end ?? false}
                  {...(link.to === '/' && onQueues ? { 'aria-current': 'page' as const } : {})}
                >
                  {link.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="shell-tools">
          <p className="who">
            <span className="visually-hidden">{t('shell.signedInAs', { name: user.name, role })}</span>
            <span className="who-name" aria-hidden="true">
              {user.name}
            </span>
            <span className="who-role" aria-hidden="true">
              {role}
            </span>
          </p>
          <LanguageSwitcher userId={user.id} />
          <CalendarSwitcher />
          <button type="button" className="button-quiet" onClick={onSignOut}>
            {t('shell.signOut')}
          </button>
        </div>
      </header>
      {error && (
        <div className="alert alert-banner" role="alert">
          {t(error.key, error.values)}
        </div>
      )}
      <main id="main" className="shell-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
};
