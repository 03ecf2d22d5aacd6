import type { CalendarDetailDto, CalendarDto } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Routes, useNavigate } from 'react-router';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { formatNumber } from '../../../format.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { CalendarDetail } from './CalendarDetail.tsx';
import { ManualCalendarForm, PresetCalendarForm } from './CalendarCreate.tsx';
import { weekMinutes } from './calendar-time.ts';
import { Loaded } from '../../../components/Loaded.tsx';
import './rules.css';

/** The calendars, and the two ways to make one: from a country preset or by hand. */
const CalendarList = () => {
  const { t } = useTranslation();
  const locale = useLocale();
  const navigate = useNavigate();
  const canManage = useCan()('config:manage');
  const { load, reload } = useLoad(
    (signal) => apiRequest<{ items: CalendarDto[] }>('/api/v1/calendars', { signal }),
    'calendars',
  );
  const [adding, setAdding] = useState<'preset' | 'manual' | null>(null);
  // A new calendar opens at once, with what was created announced there.
  const created = (calendar: CalendarDetailDto) =>
    void navigate(calendar.id, { state: { created: calendar.name, notes: calendar.notes ?? [] } });

  return (
    <div className="rules">
      <h2>{t('rules.calendars.title')}</h2>
      <p className="muted">{t('rules.calendars.intro')}</p>
      <Loaded load={load} retry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('rules.calendars.empty')}</p>
          ) : (
            <div className="rules-table-wrap">
              <table className="rules-table">
                <caption className="visually-hidden">{t('rules.calendars.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rules.calendars.name')}</th>
                    <th scope="col">{t('rules.calendars.timeZone')}</th>
                    <th scope="col">{t('rules.calendars.weekTotal')}</th>
                  </tr>
                </thead>
                <tbody>
                  {items.map((calendar) => (
                    <tr key={calendar.id}>
                      <th scope="row">
                        <Link to={calendar.id}>{calendar.name}</Link>
                      </th>
                      <td>{calendar.timeZone}</td>
                      <td>
                        {t('rules.calendars.hoursPerWeek', {
                          hours: formatNumber(weekMinutes(calendar.week) / 60, locale, { maximumFractionDigits: 1 }),
                        })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {canManage && (
        <div className="rules-actions">
          <button
            type="button"
            className="button-quiet"
            onClick={() => setAdding('preset')}
            aria-pressed={adding === 'preset'}
          >
            {t('rules.calendars.presetTitle')}
          </button>
          <button
            type="button"
            className="button-quiet"
            onClick={() => setAdding('manual')}
            aria-pressed={adding === 'manual'}
          >
            {t('rules.calendars.manualTitle')}
          </button>
        </div>
      )}
      {canManage && adding === 'preset' && <PresetCalendarForm onSaved={created} />}
      {canManage && adding === 'manual' && <ManualCalendarForm onSaved={created} />}
    </div>
  );
};

/** `/admin/calendars` lists them; `/admin/calendars/:id` is one calendar with its days and tools. */
export const Calendars = () => (
  <Routes>
    <Route index element={<CalendarList />} />
    <Route path=":id" element={<CalendarDetail />} />
  </Routes>
);
