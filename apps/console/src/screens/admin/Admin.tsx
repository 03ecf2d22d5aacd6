import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { useCan } from '../../auth/permissions.ts';
import { NotFound } from '../NotFound.tsx';
import { Channels } from './org/Channels.tsx';
import { FollowupSettings } from './org/FollowupSettings.tsx';
import { InboundMail } from './org/InboundMail.tsx';
import { Sites } from './org/Sites.tsx';
import { Teams } from './org/Teams.tsx';
import { Templates } from './org/Templates.tsx';
import { Users } from './org/Users.tsx';
import { Webhooks } from './org/Webhooks.tsx';
import { BestAnswers } from './rules/BestAnswers.tsx';
import { Calendars } from './rules/Calendars.tsx';
import { Categories } from './rules/Categories.tsx';
import { Causes } from './rules/Causes.tsx';
import { Escalation } from './rules/Escalation.tsx';
import { Lexicon } from './rules/Lexicon.tsx';
import { Policies } from './rules/Policies.tsx';
import './admin.css';

interface Section {
  path: string;
  label: string;
  permission: string;
  element: ReactNode;
}

/**
 * The administrator's pages under `/admin`: a section list on the side, the section on the right.
 * A section shows only to those holding its read permission; the server refuses the rest anyway.
 */
export const Admin = () => {
  const { t } = useTranslation();
  const can = useCan();
  const sections: Section[] = [
    { path: 'categories', label: t('rules.nav.categories'), permission: 'case:read', element: <Categories /> },
    { path: 'causes', label: t('rules.nav.causes'), permission: 'case:read', element: <Causes /> },
    { path: 'policies', label: t('rules.nav.policies'), permission: 'config:read', element: <Policies /> },
    { path: 'calendars', label: t('rules.nav.calendars'), permission: 'config:read', element: <Calendars /> },
    { path: 'escalation', label: t('rules.nav.escalation'), permission: 'config:read', element: <Escalation /> },
    { path: 'best-answers', label: t('rules.nav.bestAnswers'), permission: 'case:read', element: <BestAnswers /> },
    { path: 'lexicon', label: t('rules.nav.lexicon'), permission: 'config:read', element: <Lexicon /> },
    { path: 'templates', label: t('admin.nav.templates'), permission: 'config:read', element: <Templates /> },
    { path: 'followups', label: t('admin.nav.followups'), permission: 'config:read', element: <FollowupSettings /> },
    { path: 'channels', label: t('admin.nav.channels'), permission: 'config:read', element: <Channels /> },
    { path: 'inbound-mail', label: t('admin.nav.inboundMail'), permission: 'config:read', element: <InboundMail /> },
    { path: 'webhooks', label: t('admin.nav.webhooks'), permission: 'config:read', element: <Webhooks /> },
    { path: 'users', label: t('admin.nav.users'), permission: 'user:read', element: <Users /> },
    { path: 'sites', label: t('admin.nav.sites'), permission: 'org:read', element: <Sites /> },
    { path: 'teams', label: t('admin.nav.teams'), permission: 'org:read', element: <Teams /> },
  ].filter((section) => can(section.permission));

  return (
    <div className="admin">
      <h1>{t('admin.title')}</h1>
      <div className="admin-layout">
        <nav className="admin-nav" aria-label={t('admin.sections')}>
          <ul>
            {sections.map((section) => (
              <li key={section.path}>
                <NavLink to={`/admin/${section.path}`}>{section.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <section className="admin-section">
          <Routes>
            <Route index element={<p className="muted">{t('admin.choose')}</p>} />
            {sections.map((section) => (
              <Route key={section.path} path={`${section.path}/*`} element={section.element} />
            ))}
            <Route path="*" element={<NotFound />} />
          </Routes>
        </section>
      </div>
    </div>
  );
};
