import { useTranslation } from 'react-i18next';
import { Link, Route, Routes } from 'react-router';
import { CalendarSwitcher } from '../components/CalendarSwitcher.tsx';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';
import { useLocale } from '../preferences-context.tsx';
import { CasePage } from './portal/CasePage.tsx';
import { ComplaintPage } from './portal/ComplaintForm.tsx';
import { SurveyPage } from './portal/SurveyPage.tsx';

/**
 * The customer portal (`/portal/*`). Customers are not console users: no session is asked for, the
 * language is the one their browser prefers or the one they pick here, and private links carry a
 * token in the URL fragment. One column, large targets: most customers arrive on a phone.
 */
export const Portal = () => {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <div className="portal" lang={locale}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="shell-header portal-header">
        <Link to="/portal" className="brand">
          {t('portal.title')}
        </Link>
        <div className="shell-tools">
          <LanguageSwitcher />
          {locale === 'th' && <CalendarSwitcher />}
        </div>
      </header>
      <main id="main" className="portal-main" tabIndex={-1}>
        <Routes>
          <Route index element={<ComplaintPage />} />
          <Route path="case" element={<CasePage />} />
          <Route path="survey" element={<SurveyPage />} />
          <Route path="*" element={<PortalNotFound />} />
        </Routes>
      </main>
    </div>
  );
};

const PortalNotFound = () => {
  const { t } = useTranslation();
  return (
    <section className="card portal-card">
      <h1>{t('portal.notFound.title')}</h1>
      <p>
        <Link to="/portal">{t('portal.notFound.back')}</Link>
      </p>
    </section>
  );
};
