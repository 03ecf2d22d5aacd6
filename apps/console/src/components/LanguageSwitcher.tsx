import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES, isLocale } from '../i18n/i18n.ts';
import { useLocale } from '../preferences-context.tsx';
import { storeLocale } from '../preferences.ts';

/**
 * Switches the interface language and remembers the choice in this browser, per user when one is
 * signed in. Each language is named in itself so it can be found from any language.
 */
export const LanguageSwitcher = ({ userId }: { userId?: string }) => {
  const { t, i18n } = useTranslation();
  const locale = useLocale();
  const id = useId();
  return (
    <div className="picker">
      <label htmlFor={id}>{t('preferences.language')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          const next = event.target.value;
          if (!isLocale(next)) return;
          storeLocale(next, userId);
          void i18n.changeLanguage(next);
        }}
      >
        {SUPPORTED_LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
    </div>
  );
};
