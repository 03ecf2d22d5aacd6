import type { CalendarDetailDto, CalendarDto } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { CalendarDays } from './CalendarDays.tsx';
import { DueTester, IcalImport } from './CalendarTools.tsx';
import { Announcer, FormProblem, TextField, useSubmit } from './rules-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import { WeekHoursFields, textsToWeek, weekToTexts } from './WeekHours.tsx';

/** The calendar's name and working week, changed together. */
const CalendarSettings = ({
  calendar,
  onSaved,
}: {
  calendar: CalendarDto;
  onSaved: (calendar: CalendarDto) => void;
}) => {
  const { t } = useTranslation();
  const { busy, failure, setFailure, submit, invalid, formRef } = useSubmit();
  const [name, setName] = useState(calendar.name);
  const [texts, setTexts] = useState(() => weekToTexts(calendar.week));
  const [unreadable, setUnreadable] = useState<number[]>([]);

  const onSubmit = async () => {
    const parsed = textsToWeek(texts);
    setUnreadable(parsed.unreadable);
    if (parsed.unreadable.length > 0) {
      setFailure({ fields: [], problem: { key: 'errors.validation_failed' } });
      return;
    }
    const saved = await submit(() =>
      apiRequest<CalendarDto>(`/api/v1/calendars/${calendar.id}`, {
        method: 'PATCH',
        body: { name: name.trim(), week: parsed.week },
      }),
    );
    if (saved) onSaved(saved);
  };

  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-labelledby="cal-settings-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3 id="cal-settings-title">{t('rules.calendars.settingsTitle')}</h3>
      <FormProblem failure={failure} />
      <TextField
        id="cal-name"
        label={t('rules.calendars.name')}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        error={invalid('name') ? t('rules.calendars.nameInvalid') : undefined}
      />
      <p className="rules-hint">{t('rules.calendars.zoneFixed', { zone: calendar.timeZone })}</p>
      <WeekHoursFields
        idPrefix="cal-edit"
        texts={texts}
        onChange={setTexts}
        invalid={(day) => unreadable.includes(day) || invalid(`week/${day}`)}
        weekError={failure?.fields.includes('week') ? t('rules.calendars.weekInvalid') : undefined}
      />
      <button type="submit" className="button-primary rules-button" disabled={busy}>
        {busy ? t('rules.common.saving') : t('rules.calendars.saveSettings')}
      </button>
    </form>
  );
};

/**
 * One calendar: its name and week, the holidays and make-up working days of a year, an iCal import
 * and a "when would it be due?" tester.
 */
export const CalendarDetail = () => {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const location = useLocation();
  const fromCreate = location.state as { created?: string; notes?: string[] } | null;
  const canManage = useCan()('config:manage');
  const [year, setYear] = useState(() => new Date().getFullYear());
  const { load, reload } = useLoad(
    (signal) => apiRequest<CalendarDetailDto>(`/api/v1/calendars/${id}?year=${year}`, { signal }),
    `${id}:${year}`,
  );
  const [announcement, setAnnouncement] = useState(() =>
    fromCreate?.created ? t('rules.calendars.created', { name: fromCreate.created }) : '',
  );
  const notes = fromCreate?.notes ?? [];

  return (
    <div className="rules">
      <p>
        <Link to=".." relative="path">
          {t('rules.calendars.back')}
        </Link>
      </p>
      <Loaded load={load} retry={reload}>
        {(calendar) => (
          <>
            <h2>{calendar.name}</h2>
            <p className="muted">{t('rules.calendars.zone', { zone: calendar.timeZone })}</p>
            <Announcer message={announcement} />
            {notes.length > 0 && (
              <div className="rules-card">
                <h3>{t('rules.calendars.notesTitle')}</h3>
                <ul>
                  {notes.map((note) => (
                    <li key={note}>{note}</li>
                  ))}
                </ul>
              </div>
            )}
            {canManage && (
              <CalendarSettings
                key={calendar.updatedAt}
                calendar={calendar}
                onSaved={(saved) => {
                  setAnnouncement(t('rules.calendars.settingsSaved', { name: saved.name }));
                  reload();
                }}
              />
            )}
            <CalendarDays
              calendar={calendar}
              year={year}
              onYear={setYear}
              canManage={canManage}
              onChanged={(message) => {
                setAnnouncement(message);
                reload();
              }}
            />
            {canManage && (
              <IcalImport
                calendarId={calendar.id}
                onImported={(message) => {
                  setAnnouncement(message);
                  reload();
                }}
              />
            )}
            <DueTester calendar={calendar} />
          </>
        )}
      </Loaded>
    </div>
  );
};
