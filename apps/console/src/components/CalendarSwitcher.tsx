import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useCalendar } from '../preferences-context.tsx';

/** Chooses whether years read in the Gregorian or the Thai Buddhist era (2026 or 2569). */
export const CalendarSwitcher = () => {
  const { t } = useTranslation();
  const [calendar, setCalendar] = useCalendar();
  const id = useId();
  return (
    <div className="picker">
      <label htmlFor={id}>{t('preferences.calendar')}</label>
      <select
        id={id}
        value={calendar}
        onChange={(event) => setCalendar(event.target.value === 'buddhist' ? 'buddhist' : 'gregory')}
      >
        <option value="gregory">{t('preferences.calendarGregory')}</option>
        <option value="buddhist">{t('preferences.calendarBuddhist')}</option>
      </select>
    </div>
  );
};
