import type { CalendarDto, DuePreviewDto, IcalImportResult } from '@redress/contract';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useFormatDate } from '../../../preferences-context.tsx';
import { instantToZoned, zonedToInstant } from './calendar-time.ts';
import { targetInWords } from './policy-words.ts';
import { FieldError, FormProblem, TextField, useSubmit, useTranslate } from './rules-ui.tsx';

/** Imports the all-day events of an iCalendar feed (a government's or a vendor's) as holidays. */
export const IcalImport = ({
  calendarId,
  onImported,
}: {
  calendarId: string;
  onImported: (message: string) => void;
}) => {
  const { t } = useTranslation();
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const [ics, setIcs] = useState('');
  const [fromYear, setFromYear] = useState('');
  const [toYear, setToYear] = useState('');
  const [skipped, setSkipped] = useState<IcalImportResult['skipped']>([]);
  const feedError = invalid('ics') || failure?.fields.includes('') ? t('rules.calendars.ical.feedInvalid') : undefined;

  const onSubmit = async () => {
    const result = await submit(() =>
      apiRequest<IcalImportResult>(`/api/v1/calendars/${calendarId}/ical`, {
        method: 'POST',
        body: {
          ics,
          ...(fromYear.trim() ? { fromYear: Number(fromYear) } : {}),
          ...(toYear.trim() ? { toYear: Number(toYear) } : {}),
        },
      }),
    );
    if (!result) return;
    setSkipped(result.skipped);
    setIcs('');
    onImported(
      t('rules.calendars.ical.done', {
        imported: result.imported,
        kept: result.keptManual,
        skipped: result.skipped.length,
      }),
    );
  };

  return (
    <form
      ref={formRef}
      className="rules-card"
      aria-labelledby="cal-ical-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3 id="cal-ical-title">{t('rules.calendars.ical.title')}</h3>
      <p className="rules-hint">{t('rules.calendars.ical.intro')}</p>
      <FormProblem failure={failure} />
      <div className="field">
        <label htmlFor="cal-ical-file">{t('rules.calendars.ical.file')}</label>
        <input
          id="cal-ical-file"
          type="file"
          accept=".ics,text/calendar"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void file.text().then(setIcs);
          }}
        />
      </div>
      <div className={`field${feedError ? ' field-invalid' : ''}`}>
        <label htmlFor="cal-ical-text">{t('rules.calendars.ical.text')}</label>
        <FieldError id="cal-ical-text-error" message={feedError} />
        <textarea
          id="cal-ical-text"
          value={ics}
          rows={6}
          spellCheck={false}
          onChange={(event) => setIcs(event.target.value)}
          aria-invalid={feedError ? true : undefined}
          aria-describedby={feedError ? 'cal-ical-text-error' : undefined}
        />
      </div>
      <div className="rules-inline">
        <TextField
          id="cal-ical-from"
          label={t('rules.calendars.ical.fromYear')}
          type="number"
          min={2000}
          max={2100}
          value={fromYear}
          onChange={setFromYear}
          error={invalid('fromYear') ? t('rules.calendars.yearsInvalid') : undefined}
        />
        <TextField
          id="cal-ical-to"
          label={t('rules.calendars.ical.toYear')}
          type="number"
          min={2000}
          max={2100}
          value={toYear}
          onChange={setToYear}
          error={invalid('toYear') ? t('rules.calendars.yearsInvalid') : undefined}
        />
      </div>
      <button type="submit" className="button-primary rules-button" disabled={busy || ics.trim() === ''}>
        {busy ? t('rules.common.saving') : t('rules.calendars.ical.import')}
      </button>
      {skipped.length > 0 && (
        <>
          <h4>{t('rules.calendars.ical.skippedTitle')}</h4>
          <ul>
            {skipped.map((item, index) => (
              <li key={`${item.summary}-${index}`}>{item.summary}</li>
            ))}
          </ul>
        </>
      )}
    </form>
  );
};

const DUE_UNITS = ['working_hours', 'working_minutes', 'working_days', 'calendar_days'] as const;
type DueUnit = (typeof DUE_UNITS)[number];

/**
 * "If a complaint arrived then, when would it be due?": a start in the calendar's own zone plus an
 * amount of working time, answered by the server's business-time maths.
 */
export const DueTester = ({ calendar }: { calendar: CalendarDto }) => {
  const { t } = useTranslation();
  const translate = useTranslate();
  const formatDate = useFormatDate();
  const { busy, failure, setFailure, submit, invalid, formRef } = useSubmit();
  const [start, setStart] = useState(() => instantToZoned(new Date(), calendar.timeZone));
  const [amount, setAmount] = useState('4');
  const [unit, setUnit] = useState<DueUnit>('working_hours');
  const [result, setResult] = useState<DuePreviewDto | null>(null);

  const onSubmit = async () => {
    const instant = zonedToInstant(start, calendar.timeZone);
    const value = Number(amount);
    if (!instant) {
      setFailure({ fields: ['start'], problem: { key: 'errors.validation_failed' } });
      return;
    }
    const query = new URLSearchParams({
      start: instant.toISOString(),
      unit: unit === 'working_hours' ? 'working_minutes' : unit,
      amount: String(unit === 'working_hours' ? Math.round(value * 60) : value),
    });
    const preview = await submit(() =>
      apiRequest<DuePreviewDto>(`/api/v1/calendars/${calendar.id}/due?${query.toString()}`),
    );
    setResult(preview ?? null);
  };

  return (
    <form
      ref={formRef}
      className="rules-card"
      aria-labelledby="cal-due-title"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3 id="cal-due-title">{t('rules.calendars.due.title')}</h3>
      <p className="rules-hint">{t('rules.calendars.due.intro', { zone: calendar.timeZone })}</p>
      <FormProblem failure={failure} />
      <div className="rules-inline">
        <TextField
          id="cal-due-start"
          label={t('rules.calendars.due.start')}
          type="datetime-local"
          value={start}
          onChange={setStart}
          error={invalid('start') ? t('rules.calendars.due.startInvalid') : undefined}
        />
        <TextField
          id="cal-due-amount"
          label={t('rules.targets.amount')}
          type="number"
          min={0}
          step="any"
          value={amount}
          onChange={setAmount}
          error={invalid('amount') || invalid('minutes') ? t('rules.targets.invalid') : undefined}
        />
        <div className="field">
          <label htmlFor="cal-due-unit">{t('rules.targets.unit')}</label>
          <select id="cal-due-unit" value={unit} onChange={(event) => setUnit(event.target.value as DueUnit)}>
            {DUE_UNITS.map((value) => (
              <option key={value} value={value}>
                {t(`rules.targets.units.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="submit" className="button-quiet" disabled={busy}>
        {t('rules.calendars.due.check')}
      </button>
      <div role="status" className="rules-due-result">
        {result && (
          <dl className="rules-result">
            <dt>{t('rules.calendars.due.dueAt')}</dt>
            <dd>
              {t('rules.calendars.due.inZone', {
                time: formatDate(result.dueAt, { style: 'dateTime', timeZone: calendar.timeZone }),
                zone: calendar.timeZone,
              })}
            </dd>
            <dt>{t('rules.calendars.due.counted')}</dt>
            <dd>{targetInWords(translate, { unit: 'working_minutes', amount: Math.round(result.workingMinutes) })}</dd>
            {!result.startIsWorking && <dd className="rules-hint">{t('rules.calendars.due.outsideHours')}</dd>}
          </dl>
        )}
      </div>
    </form>
  );
};
