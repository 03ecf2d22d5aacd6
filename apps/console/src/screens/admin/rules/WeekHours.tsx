import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../preferences-context.tsx';
import { intervalsToText, textToIntervals, weekdayNames, type Interval } from './calendar-time.ts';
import { FieldError, TextField } from './rules-ui.tsx';

/** A usual office week: Monday to Friday, 09:00–12:00 and 13:00–18:00. */
export const OFFICE_WEEK: number[][][] = [0, 1, 2, 3, 4, 5, 6].map((day) =>
  day < 5
    ? [
        [540, 720],
        [780, 1080],
      ]
    : [],
);

export const weekToTexts = (week: readonly (readonly Interval[])[]): string[] => week.map(intervalsToText);

/** The week as the API takes it, and the weekdays whose text could not be read. */
export const textsToWeek = (texts: readonly string[]): { week: number[][][]; unreadable: number[] } => {
  const unreadable: number[] = [];
  const week = texts.map((text, day) => {
    const intervals = textToIntervals(text);
    if (intervals === null) unreadable.push(day);
    return intervals ?? [];
  });
  return { week, unreadable };
};

/**
 * Working hours for each weekday, Monday first, typed as "09:00–12:00, 13:00–18:00" (blank for a
 * day off). `invalid(day)` says whether that day was refused, here or by the server.
 */
export const WeekHoursFields = ({
  idPrefix,
  texts,
  onChange,
  invalid,
  weekError,
}: {
  idPrefix: string;
  texts: readonly string[];
  onChange: (texts: string[]) => void;
  invalid: (day: number) => boolean;
  /** A problem with the week as a whole (e.g. too little working time). */
  weekError?: string | undefined;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const days = weekdayNames(locale);
  return (
    <fieldset
      className="rules-week-fields"
      aria-describedby={weekError ? `${idPrefix}-week-hint ${idPrefix}-week-error` : `${idPrefix}-week-hint`}
    >
      <legend>{t('rules.calendars.week')}</legend>
      <p id={`${idPrefix}-week-hint`} className="rules-hint">
        {t('rules.calendars.weekHint')}
      </p>
      <FieldError id={`${idPrefix}-week-error`} message={weekError} />
      {days.map((name, day) => (
        <TextField
          key={name}
          id={`${idPrefix}-day-${day}`}
          label={name}
          value={texts[day] ?? ''}
          placeholder={t('rules.calendars.dayOff')}
          onChange={(value) => onChange(texts.map((text, i) => (i === day ? value : text)))}
          error={invalid(day) ? t('rules.calendars.hoursInvalid') : undefined}
        />
      ))}
    </fieldset>
  );
};
