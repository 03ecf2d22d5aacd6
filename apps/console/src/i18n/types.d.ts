import type { catalogue as en } from './locales/en/index.ts';

// Typed keys: `t('nav.queues')` is checked against the English catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
