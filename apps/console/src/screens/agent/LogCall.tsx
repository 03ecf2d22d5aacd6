import { useTranslation } from 'react-i18next';

/** Placeholder until this screen is built. */
export const LogCall = () => {
  const { t } = useTranslation();
  return <h1>{t('nav.queues')}</h1>;
};
