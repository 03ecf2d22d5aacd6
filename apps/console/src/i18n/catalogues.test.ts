import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_AREAS, CATALOGUES, SUPPORTED_LOCALES, browserLocale, createI18n, matchLocale } from './i18n.ts';

type Tree = { [key: string]: string | Tree };

const flatten = (tree: Tree, prefix = ''): Map<string, string> => {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
};

/** The ICU argument names a message uses: `{name}`, `{seconds, plural, …}` → name, seconds. */
const argumentsOf = (message: string): string[] =>
  [...new Set([...message.matchAll(/\{\s*([A-Za-z_]\w*)\s*[,}]/g)].map((m) => m[1]!))].sort();

const reference = flatten(CATALOGUES.en);

describe('catalogues', () => {
  it('covers the four languages of the product', () => {
    expect([...SUPPORTED_LOCALES].sort()).toEqual(['en', 'th', 'zh-CN', 'zh-TW']);
    expect(Object.keys(CATALOGUES).sort()).toEqual(['en', 'th', 'zh-CN', 'zh-TW']);
  });

  it('keeps each top-level key in one area file, so merging the areas loses nothing', () => {
    for (const locale of SUPPORTED_LOCALES) {
      const owners = new Map<string, string[]>();
      for (const [area, catalogue] of Object.entries(CATALOGUE_AREAS[locale])) {
        for (const key of Object.keys(catalogue)) owners.set(key, [...(owners.get(key) ?? []), area]);
      }
      const shared = [...owners].filter(([, areas]) => areas.length > 1);
      expect(shared, locale).toEqual([]);
    }
  });

  for (const locale of SUPPORTED_LOCALES) {
    describe(locale, () => {
      const catalogue = flatten(CATALOGUES[locale]);

      it('has every key of the English catalogue and no other', () => {
        const missing = [...reference.keys()].filter((key) => !catalogue.has(key));
        const extra = [...catalogue.keys()].filter((key) => !reference.has(key));
        expect({ missing, extra }).toEqual({ missing: [], extra: [] });
      });

      it('has no empty message, and each parses as ICU with the same arguments as English', () => {
        for (const [key, message] of catalogue) {
          expect(message.trim(), key).not.toBe('');
          expect(() => new IntlMessageFormat(message, locale), key).not.toThrow();
          expect(argumentsOf(message), key).toEqual(argumentsOf(reference.get(key)!));
        }
      });

      if (locale !== 'en') {
        it('is translated, not copied from English', () => {
          const copied = [...catalogue].filter(([key, message]) => message === reference.get(key));
          expect(copied).toEqual([]);
        });
      }
    });
  }

  it('formats ICU plurals and numbers through i18next', () => {
    const i18n = createI18n('en');
    expect(i18n.t('errors.rate_limited_wait', { seconds: 1 })).toBe('Too many attempts. Try again in 1 second.');
    expect(i18n.t('errors.rate_limited_wait', { seconds: 30 })).toBe('Too many attempts. Try again in 30 seconds.');
    void i18n.changeLanguage('th');
    expect(i18n.t('errors.rate_limited_wait', { seconds: 30 })).toBe('ลองหลายครั้งเกินไป กรุณาลองใหม่ในอีก 30 วินาที');
  });
});

describe('choosing a language', () => {
  it('maps browser tags to the supported locales, by script for Chinese', () => {
    expect(matchLocale('th-TH')).toBe('th');
    expect(matchLocale('zh-TW')).toBe('zh-TW');
    expect(matchLocale('zh-Hant-HK')).toBe('zh-TW');
    expect(matchLocale('zh-HK')).toBe('zh-TW');
    expect(matchLocale('zh-CN')).toBe('zh-CN');
    expect(matchLocale('zh-Hans')).toBe('zh-CN');
    expect(matchLocale('zh')).toBe('zh-CN');
    expect(matchLocale('en-GB')).toBe('en');
    expect(matchLocale('fr-FR')).toBeUndefined();
  });

  it('takes the first supported browser language, else English', () => {
    expect(browserLocale(['fr-FR', 'th', 'en'])).toBe('th');
    expect(browserLocale(['de', 'ja'])).toBe('en');
    expect(browserLocale([])).toBe('en');
  });
});
