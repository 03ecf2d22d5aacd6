import { useTranslation } from 'react-i18next';
import { StatusPanel } from './StatusPanel.tsx';

/** The console's landing page: a placeholder until the queues module arrives. */
export const Home = () => {
  const { t } = useTranslation();
  return (
    <>
      <h1 className="visually-hidden">{t('home.title')}</h1>
      <div className="home-grid">
        <section className="card card-placeholder" aria-labelledby="queues-title">
          <h2 id="queues-title">{t('home.queuesPlaceholder')}</h2>
          <p className="muted">{t('home.queuesDetail')}</p>
        </section>
        <StatusPanel />
      </div>
    </>
  );
};
