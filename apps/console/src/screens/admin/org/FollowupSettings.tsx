import type { FollowUpSettings as Settings } from '@redress/contract';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { adminApi } from './admin-api.ts';
import { Announcer, CheckField, Field, FormAlert, useAnnouncer, useProblemWords, useSubmit } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';

const MAX_MINUTES = 60 * 24 * 90;
const FIELDS = {
  delay: 'delayMinutes',
  afterRemedy: 'afterRemedyMinutes',
  surveyValidDays: 'surveyValidDays',
  maxRemedyWaitDays: 'maxRemedyWaitDays',
} as const;
type FieldName = keyof typeof FIELDS;

/** Minutes as hours for the form, to two decimals at most. */
const hours = (minutes: number): string => String(Math.round((minutes / 60) * 100) / 100);

/** Hours typed into minutes, or undefined when out of the server's range. */
const minutesOf = (text: string): number | undefined => {
  const value = Number(text.trim().replace(',', '.'));
  if (text.trim() === '' || !Number.isFinite(value)) return undefined;
  const minutes = Math.round(value * 60);
  return minutes >= 0 && minutes <= MAX_MINUTES ? minutes : undefined;
};

const daysOf = (text: string): number | undefined => {
  const value = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(value) && value >= 1 && value <= 365 ? value : undefined;
};

/** When follow-ups go out after resolution, and how long surveys stay open. */
export const FollowupSettings = () => {
  const { t } = useTranslation();
  const { load, reload } = useLoad((signal) => adminApi.get<Settings>('/settings/followups', signal), 'followups');
  const [announced, announce] = useAnnouncer();
  return (
    <div className="admin-page">
      <h2>{t('admin.followups.title')}</h2>
      <p className="muted">{t('admin.followups.intro')}</p>
      <Announcer message={announced} />
      <Loaded load={load} retry={reload}>
        {(settings) => <SettingsForm settings={settings} onSaved={() => announce(t('admin.followups.saved'))} />}
      </Loaded>
    </div>
  );
};

const SettingsForm = ({ settings, onSaved }: { settings: Settings; onSaved: () => void }) => {
  const { t } = useTranslation();
  const manage = useCan()('config:manage');
  const [draft, setDraft] = useState({
    enabled: settings.enabled,
    delay: hours(settings.delayMinutes),
    afterRemedy: hours(settings.afterRemedyMinutes),
    surveyValidDays: String(settings.surveyValidDays),
    maxRemedyWaitDays: settings.maxRemedyWaitDays === undefined ? '' : String(settings.maxRemedyWaitDays),
  });
  const [local, setLocal] = useState<Partial<Record<FieldName, string>>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const delayMinutes = minutesOf(draft.delay);
    const afterRemedyMinutes = minutesOf(draft.afterRemedy);
    const surveyValidDays = daysOf(draft.surveyValidDays);
    const maxRemedyWaitDays = draft.maxRemedyWaitDays.trim() === '' ? null : daysOf(draft.maxRemedyWaitDays);
    const found: Partial<Record<FieldName, string>> = {
      ...(delayMinutes === undefined ? { delay: t('admin.followups.hoursRange') } : {}),
      ...(afterRemedyMinutes === undefined ? { afterRemedy: t('admin.followups.hoursRange') } : {}),
      ...(surveyValidDays === undefined ? { surveyValidDays: t('admin.followups.daysRange') } : {}),
      ...(maxRemedyWaitDays === undefined ? { maxRemedyWaitDays: t('admin.followups.daysRange') } : {}),
    };
    setLocal(found);
    if (
      delayMinutes === undefined ||
      afterRemedyMinutes === undefined ||
      surveyValidDays === undefined ||
      maxRemedyWaitDays === undefined
    ) {
      // Wait for the errors to render, then put the cursor on the first.
      setTimeout(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus(), 0);
      return;
    }
    const body: Settings = {
      enabled: draft.enabled,
      delayMinutes,
      afterRemedyMinutes,
      surveyValidDays,
      ...(maxRemedyWaitDays === null ? {} : { maxRemedyWaitDays }),
    };
    if (await run(async () => void (await adminApi.put<Settings>('/settings/followups', body)))) onSaved();
  };

  const errorFor = (field: FieldName) =>
    local[field] ??
    words(problems[field], {
      invalid:
        field === 'delay' || field === 'afterRemedy' ? t('admin.followups.hoursRange') : t('admin.followups.daysRange'),
    });

  return (
    <form ref={formRef} className="admin-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <FormAlert error={error} />
      <CheckField
        label={t('admin.followups.enabled')}
        checked={draft.enabled}
        onChange={(enabled) => set({ enabled })}
      />
      <div className="form-grid">
        <Field label={t('admin.followups.delay')} hint={t('admin.followups.delayHint')} error={errorFor('delay')}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={draft.delay}
              onChange={(event) => set({ delay: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('admin.followups.afterRemedy')}
          hint={t('admin.followups.afterRemedyHint')}
          error={errorFor('afterRemedy')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              value={draft.afterRemedy}
              onChange={(event) => set({ afterRemedy: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('admin.followups.surveyValidDays')} error={errorFor('surveyValidDays')}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={draft.surveyValidDays}
              onChange={(event) => set({ surveyValidDays: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('admin.common.optional', { label: t('admin.followups.maxRemedyWaitDays') })}
          hint={t('admin.followups.maxRemedyWaitHint')}
          error={errorFor('maxRemedyWaitDays')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={draft.maxRemedyWaitDays}
              onChange={(event) => set({ maxRemedyWaitDays: event.target.value })}
            />
          )}
        </Field>
      </div>
      {manage && (
        <button type="submit" className="button-action" disabled={pending}>
          {pending ? t('admin.common.saving') : t('admin.followups.save')}
        </button>
      )}
    </form>
  );
};
