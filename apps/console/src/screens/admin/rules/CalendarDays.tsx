import { CalendarDayKinds, type CalendarDayDto, type CalendarDayKind, type CalendarDto } from '@redress/contract';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useCalendar, useFormatDate, useLocale } from '../../../preferences-context.tsx';
import { intervalsToText, localDay, textToIntervals, weekdayNames, weekdayOf } from './calendar-time.ts';
import { ConfirmInline, FieldError, FormProblem, TextField, failureOf, useSubmit } from './rules-ui.tsx';

/** Sets one date: a holiday, or a working day (a make-up day) with the usual or its own hours. */
const DayForm = ({
  calendarId,
  day,
  onSaved,
  onCancel,
}: {
  calendarId: string;
  day?: CalendarDayDto;
  onSaved: (day: CalendarDayDto) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const { busy, failure, setFailure, submit, invalid, formRef } = useSubmit();
  const [date, setDate] = useState(day?.day ?? '');
  const [kind, setKind] = useState<CalendarDayKind>(day?.kind ?? 'holiday');
  const [name, setName] = useState(day?.name ?? '');
  const [hours, setHours] = useState(day?.hours ? intervalsToText(day.hours) : '');
  const [local, setLocal] = useState<string[]>([]);
  const idPrefix = day ? `day-${day.day}` : 'day-new';
  const title = day ? t('rules.calendars.days.editTitle', { name: day.name }) : t('rules.calendars.days.addTitle');

  const onSubmit = async () => {
    const intervals = kind === 'working' && hours.trim() ? textToIntervals(hours) : null;
    const problems = [
      ...(/^\d{4}-\d{2}-\d{2}$/.test(date) ? [] : ['day']),
      ...(kind === 'working' && hours.trim() && intervals === null ? ['hours'] : []),
    ];
    setLocal(problems);
    if (problems.length > 0) {
      setFailure({ fields: [], problem: { key: 'errors.validation_failed' } });
      return;
    }
    const saved = await submit(() =>
      apiRequest<CalendarDayDto>(`/api/v1/calendars/${calendarId}/days/${date}`, {
        method: 'PUT',
        body: { kind, name: name.trim(), hours: kind === 'working' ? intervals : null },
      }),
    );
    if (saved) onSaved(saved);
  };
  const bad = (field: string) => local.includes(field) || invalid(field);
  const kindError = invalid('kind') ? t('rules.common.checkField') : undefined;

  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={title}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h4>{title}</h4>
      <FormProblem failure={failure} />
      {!day && (
        <TextField
          id={`${idPrefix}-date`}
          label={t('rules.calendars.days.date')}
          type="date"
          value={date}
          onChange={setDate}
          required
          error={bad('day') ? t('rules.calendars.days.dateInvalid') : undefined}
        />
      )}
      <div className={`field${kindError ? ' field-invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-kind`}>{t('rules.calendars.days.kind')}</label>
        <FieldError id={`${idPrefix}-kind-error`} message={kindError} />
        <select
          id={`${idPrefix}-kind`}
          value={kind}
          onChange={(event) => setKind(event.target.value as CalendarDayKind)}
          aria-invalid={kindError ? true : undefined}
          aria-describedby={kindError ? `${idPrefix}-kind-error` : undefined}
        >
          {CalendarDayKinds.map((value) => (
            <option key={value} value={value}>
              {t(`rules.calendars.days.kinds.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id={`${idPrefix}-name`}
        label={t('rules.calendars.days.name')}
        hint={t('rules.calendars.days.nameHint')}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        error={bad('name') ? t('rules.calendars.days.nameInvalid') : undefined}
      />
      {kind === 'working' && (
        <TextField
          id={`${idPrefix}-hours`}
          label={t('rules.calendars.days.hours')}
          hint={t('rules.calendars.days.hoursHint')}
          value={hours}
          onChange={setHours}
          error={bad('hours') ? t('rules.calendars.hoursInvalid') : undefined}
        />
      )}
      <div className="rules-actions">
        <button type="submit" className="button-primary rules-button" disabled={busy}>
          {busy ? t('rules.common.saving') : t('rules.calendars.days.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

/**
 * The holidays and working days set for one year: public holidays, make-up working days (a
 * Saturday worked to bridge a holiday), each with where it came from. Administrators add, change
 * and remove them.
 */
export const CalendarDays = ({
  calendar,
  year,
  onYear,
  canManage,
  onChanged,
}: {
  calendar: CalendarDto & { days: CalendarDayDto[] };
  year: number;
  onYear: (year: number) => void;
  canManage: boolean;
  onChanged: (message: string) => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const weekdays = weekdayNames(locale);
  const [editing, setEditing] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeFailure, setRemoveFailure] = useState<ReturnType<typeof failureOf> | null>(null);
  const thisYear = new Date().getFullYear();
  const years = [...new Set([thisYear - 1, thisYear, thisYear + 1, thisYear + 2, year])].sort();
  const [calendarChoice] = useCalendar();
  const yearFormat = new Intl.DateTimeFormat(locale, { calendar: calendarChoice, year: 'numeric', timeZone: 'UTC' });
  const dateOf = (day: string) => formatDate(localDay(day), { style: 'date', timeZone: 'UTC' });

  const remove = async (day: CalendarDayDto) => {
    setRemoveBusy(true);
    setRemoveFailure(null);
    try {
      await apiRequest(`/api/v1/calendars/${calendar.id}/days/${day.day}`, { method: 'DELETE' });
      setRemoving(null);
      onChanged(t('rules.calendars.days.removed', { name: day.name, date: dateOf(day.day) }));
    } catch (error) {
      setRemoveFailure(failureOf(error));
    } finally {
      setRemoveBusy(false);
    }
  };

  const saved = (day: CalendarDayDto) => {
    setEditing(null);
    onChanged(t('rules.calendars.days.saved', { name: day.name, date: dateOf(day.day) }));
  };

  return (
    <section className="rules-card" aria-labelledby="cal-days-title">
      <h3 id="cal-days-title">{t('rules.calendars.days.title')}</h3>
      <p className="rules-hint">{t('rules.calendars.days.intro')}</p>
      <div className="field rules-year">
        <label htmlFor="cal-year">{t('rules.calendars.days.year')}</label>
        <select id="cal-year" value={year} onChange={(event) => onYear(Number(event.target.value))}>
          {years.map((value) => (
            <option key={value} value={value}>
              {yearFormat.format(localDay(`${value}-07-01`))}
            </option>
          ))}
        </select>
      </div>
      <FormProblem failure={removeFailure} />
      {calendar.days.length === 0 ? (
        <p>{t('rules.calendars.days.empty')}</p>
      ) : (
        <div className="rules-table-wrap">
          <table className="rules-table">
            <caption className="visually-hidden">{t('rules.calendars.days.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rules.calendars.days.date')}</th>
                <th scope="col">{t('rules.calendars.days.name')}</th>
                <th scope="col">{t('rules.calendars.days.kind')}</th>
                <th scope="col">{t('rules.calendars.days.hours')}</th>
                <th scope="col">{t('rules.calendars.days.source')}</th>
                {canManage && <th scope="col">{t('rules.common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {calendar.days.map((day) => (
                <Fragment key={day.day}>
                  <tr>
                    <td>
                      <time dateTime={day.day}>{dateOf(day.day)}</time>
                      <br />
                      <span className="rules-hint">{weekdays[weekdayOf(day.day)]}</span>
                    </td>
                    <th scope="row">{day.name}</th>
                    <td>{t(`rules.calendars.days.kinds.${day.kind}`)}</td>
                    <td>
                      {day.kind === 'holiday'
                        ? t('rules.calendars.days.closed')
                        : day.hours
                          ? intervalsToText(day.hours)
                          : t('rules.calendars.days.usualHours', { weekday: weekdays[weekdayOf(day.day)] ?? '' })}
                    </td>
                    <td>{t(`rules.calendars.days.sources.${day.source}`)}</td>
                    {canManage && (
                      <td>
                        <span className="rules-row-actions">
                          <button type="button" className="button-quiet" onClick={() => setEditing(day.day)}>
                            {t('rules.calendars.days.edit')} <span className="visually-hidden">{day.name}</span>
                          </button>
                          <button type="button" className="button-quiet" onClick={() => setRemoving(day.day)}>
                            {t('rules.calendars.days.remove')} <span className="visually-hidden">{day.name}</span>
                          </button>
                        </span>
                      </td>
                    )}
                  </tr>
                  {(editing === day.day || removing === day.day) && (
                    <tr>
                      <td colSpan={6}>
                        {editing === day.day ? (
                          <DayForm
                            calendarId={calendar.id}
                            day={day}
                            onSaved={saved}
                            onCancel={() => setEditing(null)}
                          />
                        ) : (
                          <ConfirmInline
                            question={t('rules.calendars.days.removeQuestion', {
                              name: day.name,
                              date: dateOf(day.day),
                            })}
                            confirmLabel={t('rules.calendars.days.removeConfirm')}
                            busy={removeBusy}
                            onConfirm={() => void remove(day)}
                            onCancel={() => setRemoving(null)}
                          />
                        )}
                      </td>
                    </tr>
                  )}
                </Fragment>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canManage &&
        (editing === 'new' ? (
          <DayForm calendarId={calendar.id} onSaved={saved} onCancel={() => setEditing(null)} />
        ) : (
          <button type="button" className="button-quiet" onClick={() => setEditing('new')}>
            {t('rules.calendars.days.addTitle')}
          </button>
        ))}
    </section>
  );
};
