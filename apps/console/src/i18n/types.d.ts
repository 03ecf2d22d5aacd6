import type en from './locales/en/index.ts';

// Typed keys: `t('home.queuesPlaceholder')` is checked against the English catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
