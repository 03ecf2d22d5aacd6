import { useTranslation } from 'react-i18next';

/** Placeholder until this screen is built. */
export const Sites = () => {
  const { t } = useTranslation();
  return <h2>{t('admin.title')}</h2>;
};
