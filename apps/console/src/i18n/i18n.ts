import i18next, { type i18n as I18n } from 'i18next';
import ICU from 'i18next-icu';
import { initReactI18next } from 'react-i18next';
import { Locales, type Locale } from '@redress/contract';
import { AREAS as enAreas, catalogue as en } from './locales/en/index.ts';
import { AREAS as thAreas, catalogue as th } from './locales/th/index.ts';
import { AREAS as zhCNAreas, catalogue as zhCN } from './locales/zh-CN/index.ts';
import { AREAS as zhTWAreas, catalogue as zhTW } from './locales/zh-TW/index.ts';

export type { Locale };
export const SUPPORTED_LOCALES: readonly Locale[] = Locales;
export const DEFAULT_LOCALE: Locale = 'en';

/** Catalogues by locale. `en` is the reference: every other catalogue has exactly its keys (tested). */
export const CATALOGUES = { en, 'zh-TW': zhTW, 'zh-CN': zhCN, th } as const satisfies Record<Locale, typeof en>;

/** The same catalogues by area file (`locales/<locale>/<area>.json`), for the catalogue tests. */
export const CATALOGUE_AREAS: Record<Locale, Record<string, object>> = {
  en: enAreas,
  'zh-TW': zhTWAreas,
  'zh-CN': zhCNAreas,
  th: thAreas,
};

/** Each language named in itself, so a reader finds their own language whatever is on screen. */
export const LANGUAGE_NAMES: Record<Locale, string> = {
  en: 'English',
  'zh-TW': '繁體中文',
  'zh-CN': '简体中文',
  th: 'ไทย',
};

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (SUPPORTED_LOCALES as readonly string[]).includes(value);

/**
 * Maps a BCP 47 tag from the browser to a supported locale: Traditional Chinese for Taiwan,
 * Hong Kong, Macau and explicit `Hant`; Simplified Chinese for every other Chinese tag.
 */
export const matchLocale = (tag: string): Locale | undefined => {
  const lower = tag.toLowerCase();
  const [language] = lower.split('-');
  if (language === 'en') return 'en';
  if (language === 'th') return 'th';
  if (language === 'zh') {
    return /-(hant|tw|hk|mo)(-|$)/.test(lower) ? 'zh-TW' : 'zh-CN';
  }
  return undefined;
};

/** The first of the browser's preferred languages that Redress speaks, else English. */
export const browserLocale = (languages: readonly string[]): Locale => {
  for (const tag of languages) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return DEFAULT_LOCALE;
};

/**
 * A fresh i18next instance with every catalogue loaded synchronously (they are small; split them
 * per language when they are not). Messages use ICU syntax: `{count, plural, …}`, `{n, number}`.
 * Keeps `<html lang>` in step so fonts, hyphenation and screen readers follow the language.
 */
export const createI18n = (lng: Locale): I18n => {
  const instance = i18next.createInstance();
  instance.on('languageChanged', (language) => {
    if (typeof document !== 'undefined') document.documentElement.lang = language;
  });
  void instance
    .use(ICU)
    .use(initReactI18next)
    .init({
      lng,
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: [...SUPPORTED_LOCALES],
      // Keep `zh-TW` and `zh-CN` apart: never fall back from one script to the other.
      load: 'currentOnly',
      resources: Object.fromEntries(
        Object.entries(CATALOGUES).map(([locale, catalogue]) => [locale, { translation: catalogue }]),
      ),
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes.
    });
  return instance;
};
