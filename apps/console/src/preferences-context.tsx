import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, type DateFormatOptions } from './format.ts';
import { isLocale, DEFAULT_LOCALE, type Locale } from './i18n/i18n.ts';
import { defaultCalendar, storeCalendar, storedCalendar, type CalendarPreference } from './preferences.ts';

interface PreferencesValue {
  /** The explicit choice, or `undefined` to follow the language's custom. */
  calendarChoice: CalendarPreference | undefined;
  setCalendar: (calendar: CalendarPreference) => void;
}

const PreferencesContext = createContext<PreferencesValue | null>(null);

export const PreferencesProvider = ({ children }: { children: ReactNode }) => {
  const [calendarChoice, setCalendarChoice] = useState(storedCalendar);
  const setCalendar = useCallback((calendar: CalendarPreference) => {
    storeCalendar(calendar);
    setCalendarChoice(calendar);
  }, []);
  const value = useMemo(() => ({ calendarChoice, setCalendar }), [calendarChoice, setCalendar]);
  return <PreferencesContext value={value}>{children}</PreferencesContext>;
};

const usePreferences = (): PreferencesValue => {
  const value = useContext(PreferencesContext);
  if (!value) throw new Error('usePreferences needs a <PreferencesProvider>');
  return value;
};

/** The current language as a supported locale. */
export const useLocale = (): Locale => {
  const { i18n } = useTranslation();
  return isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
};

/** The calendar in force (explicit choice, else the language's custom) and its setter. */
export const useCalendar = (): [CalendarPreference, (calendar: CalendarPreference) => void] => {
  const { calendarChoice, setCalendar } = usePreferences();
  const locale = useLocale();
  return [calendarChoice ?? defaultCalendar(locale), setCalendar];
};

/** `formatDate` bound to the reader's language and calendar. */
export const useFormatDate = () => {
  const locale = useLocale();
  const [calendar] = useCalendar();
  return useCallback(
    (value: Date | string, options: Omit<DateFormatOptions, 'calendar'> = {}) =>
      formatDate(value, locale, { ...options, calendar }),
    [locale, calendar],
  );
};
