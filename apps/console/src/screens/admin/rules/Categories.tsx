import { useTranslation } from 'react-i18next';

/** Placeholder until this screen is built. */
export const Categories = () => {
  const { t } = useTranslation();
  return <h2>{t('rules.title')}</h2>;
};
