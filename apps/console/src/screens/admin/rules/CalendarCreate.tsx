import { CalendarPresetCodes, type CalendarDetailDto, type CalendarPresetCode } from '@redress/contract';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { knownTimeZones } from './calendar-time.ts';
import { FieldError, FormProblem, TextField, useSubmit } from './rules-ui.tsx';
import { OFFICE_WEEK, WeekHoursFields, textsToWeek, weekToTexts } from './WeekHours.tsx';

const yearsFromText = (text: string): number[] =>
  text
    .split(/[,，、\s]+/)
    .filter(Boolean)
    .map(Number);

/** A country's calendar: its working week and public holidays (with make-up days) for some years. */
export const PresetCalendarForm = ({ onSaved }: { onSaved: (calendar: CalendarDetailDto) => void }) => {
  const { t } = useTranslation();
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const [preset, setPreset] = useState<CalendarPresetCode>('TW');
  const thisYear = new Date().getFullYear();
  const [years, setYears] = useState(`${thisYear}, ${thisYear + 1}`);
  const [name, setName] = useState('');
  const yearsError = invalid('years') ? t('rules.calendars.yearsInvalid') : undefined;
  const onSubmit = async () => {
    const saved = await submit(() =>
      apiRequest<CalendarDetailDto>('/api/v1/calendars', {
        method: 'POST',
        body: { preset, years: yearsFromText(years), ...(name.trim() ? { name: name.trim() } : {}) },
      }),
    );
    if (saved) onSaved(saved);
  };
  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={t('rules.calendars.presetTitle')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{t('rules.calendars.presetTitle')}</h3>
      <p className="rules-hint">{t('rules.calendars.presetHint')}</p>
      <FormProblem failure={failure} />
      <div className="field">
        <label htmlFor="cal-preset">{t('rules.calendars.country')}</label>
        <select
          id="cal-preset"
          value={preset}
          onChange={(event) => setPreset(event.target.value as CalendarPresetCode)}
        >
          {CalendarPresetCodes.map((code) => (
            <option key={code} value={code}>
              {t(`rules.calendars.countries.${code}`)}
            </option>
          ))}
        </select>
      </div>
      <TextField
        id="cal-preset-years"
        label={t('rules.calendars.years')}
        hint={t('rules.calendars.yearsHint')}
        value={years}
        onChange={setYears}
        inputMode="numeric"
        error={yearsError}
      />
      <TextField
        id="cal-preset-name"
        label={t('rules.calendars.nameOptional')}
        value={name}
        onChange={setName}
        maxLength={200}
        error={invalid('name') ? t('rules.calendars.nameInvalid') : undefined}
      />
      <button type="submit" className="button-primary rules-button" disabled={busy}>
        {busy ? t('rules.common.saving') : t('rules.calendars.createFromPreset')}
      </button>
    </form>
  );
};

/** A calendar by hand: a name, a time zone and the working hours of each weekday. */
export const ManualCalendarForm = ({ onSaved }: { onSaved: (calendar: CalendarDetailDto) => void }) => {
  const { t } = useTranslation();
  const { busy, failure, setFailure, submit, invalid, formRef } = useSubmit();
  const zonesId = useId();
  const [name, setName] = useState('');
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const [texts, setTexts] = useState(() => weekToTexts(OFFICE_WEEK));
  const [unreadable, setUnreadable] = useState<number[]>([]);
  const zones = knownTimeZones();

  const onSubmit = async () => {
    const parsed = textsToWeek(texts);
    setUnreadable(parsed.unreadable);
    if (parsed.unreadable.length > 0) {
      setFailure({ fields: [], problem: { key: 'errors.validation_failed' } });
      return;
    }
    const saved = await submit(() =>
      apiRequest<CalendarDetailDto>('/api/v1/calendars', {
        method: 'POST',
        body: { name: name.trim(), timeZone: timeZone.trim(), week: parsed.week },
      }),
    );
    if (saved) onSaved(saved);
  };
  const zoneError = invalid('timeZone') ? t('rules.calendars.timeZoneInvalid') : undefined;
  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={t('rules.calendars.manualTitle')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{t('rules.calendars.manualTitle')}</h3>
      <FormProblem failure={failure} />
      <TextField
        id="cal-new-name"
        label={t('rules.calendars.name')}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        error={invalid('name') ? t('rules.calendars.nameInvalid') : undefined}
      />
      <div className={`field${zoneError ? ' field-invalid' : ''}`}>
        <label htmlFor="cal-new-zone">{t('rules.calendars.timeZone')}</label>
        <p id="cal-new-zone-hint" className="rules-hint">
          {t('rules.calendars.timeZoneHint')}
        </p>
        <FieldError id="cal-new-zone-error" message={zoneError} />
        <input
          id="cal-new-zone"
          list={zonesId}
          value={timeZone}
          required
          autoCapitalize="none"
          spellCheck={false}
          onChange={(event) => setTimeZone(event.target.value)}
          aria-invalid={zoneError ? true : undefined}
          aria-describedby={zoneError ? 'cal-new-zone-hint cal-new-zone-error' : 'cal-new-zone-hint'}
        />
        <datalist id={zonesId}>
          {zones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>
      <WeekHoursFields
        idPrefix="cal-new"
        texts={texts}
        onChange={setTexts}
        invalid={(day) => unreadable.includes(day) || invalid(`week/${day}`)}
        weekError={failure?.fields.includes('week') ? t('rules.calendars.weekInvalid') : undefined}
      />
      <button type="submit" className="button-primary rules-button" disabled={busy}>
        {busy ? t('rules.common.saving') : t('rules.calendars.create')}
      </button>
    </form>
  );
};
