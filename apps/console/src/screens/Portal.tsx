import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/LanguageSwitcher.tsx';

/**
 * Reserved for the customer portal. Customers are not console users: no session is asked for, and
 * the language is the one their browser prefers or the one they pick here.
 */
export const Portal = () => {
  const { t } = useTranslation();
  return (
    <div className="portal">
      <header className="shell-header">
        <span className="brand">Redress</span>
        <div className="shell-tools">
          <LanguageSwitcher />
        </div>
      </header>
      <main id="main" className="shell-main">
        <section className="card portal-card">
          <h1>{t('portal.title')}</h1>
          <p>{t('portal.placeholder')}</p>
          <p className="muted">{t('portal.contact')}</p>
        </section>
      </main>
    </div>
  );
};
