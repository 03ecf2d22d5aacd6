import {
  CaseChannels,
  CaseStatuses,
  Severities,
  type CalendarDto,
  type CategoryDto,
  type PolicyDto,
  type SiteDto,
} from '@redress/contract';
import type { ParseKeys } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { TARGET_KEYS, inputToTarget, targetToInput, type TargetInput, type TargetKey } from './policy-words.ts';
import { TargetField } from './TargetField.tsx';
import { CheckList, FieldError, FormProblem, TextField, localName, useSubmit } from './rules-ui.tsx';

export interface PolicyChoices {
  calendars: readonly CalendarDto[];
  categories: readonly CategoryDto[];
  sites: readonly SiteDto[];
}

const listFromText = (text: string): string[] =>
  text
    .split(/[,，、\s]+/)
    .map((part) => part.trim())
    .filter(Boolean);

/** Creates a service policy or, given `policy`, changes it; the whole policy is sent either way. */
export const PolicyForm = ({
  policy,
  choices,
  onSaved,
  onCancel,
}: {
  policy?: PolicyDto;
  choices: PolicyChoices;
  onSaved: (saved: PolicyDto) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const idPrefix = policy ? `pol-${policy.id}` : 'pol-new';
  const [name, setName] = useState(policy?.name ?? '');
  const [rank, setRank] = useState(String(policy?.rank ?? 100));
  const [enabled, setEnabled] = useState(policy?.enabled ?? true);
  const [calendarId, setCalendarId] = useState(policy?.calendarId ?? '');
  const [targets, setTargets] = useState<Record<TargetKey, TargetInput>>(() => ({
    acknowledge: targetToInput(policy?.targets.acknowledge ?? null),
    firstResponse: targetToInput(policy?.targets.firstResponse ?? null),
    keepInLoop: targetToInput(policy?.targets.keepInLoop ?? null),
    resolve: targetToInput(policy?.targets.resolve ?? null),
  }));
  const [categoryIds, setCategoryIds] = useState<string[]>([...(policy?.conditions.categoryIds ?? [])]);
  const [severities, setSeverities] = useState<string[]>([...(policy?.conditions.severities ?? [])]);
  const [channels, setChannels] = useState<string[]>([...(policy?.conditions.channels ?? [])]);
  const [siteIds, setSiteIds] = useState<string[]>([...(policy?.conditions.siteIds ?? [])]);
  const [tiers, setTiers] = useState((policy?.conditions.customerTiers ?? []).join(', '));
  const [regulatory, setRegulatory] = useState(policy?.regulatory !== null && policy?.regulatory !== undefined);
  const [regulatoryDays, setRegulatoryDays] = useState(String(policy?.regulatory?.days ?? ''));
  const [regulatoryLabel, setRegulatoryLabel] = useState(policy?.regulatory?.label ?? '');
  const [pauseStatuses, setPauseStatuses] = useState<string[]>([...(policy?.pauseStatuses ?? ['waiting_on_customer'])]);
  const [warnPercents, setWarnPercents] = useState((policy?.warnPercents ?? [50, 80]).join(', '));

  const title = policy ? t('rules.policies.editTitle', { name: policy.name }) : t('rules.policies.addTitle');
  const check = (path: string, key: ParseKeys = 'rules.common.checkField') =>
    invalid(path) ? String(t(key)) : undefined;

  const body = () => ({
    name: name.trim(),
    rank: Number(rank),
    enabled,
    calendarId: calendarId || null,
    targets: Object.fromEntries(TARGET_KEYS.map((key) => [key, inputToTarget(targets[key])])),
    conditions: {
      categoryIds,
      severities,
      channels,
      siteIds,
      customerTiers: listFromText(tiers),
    },
    regulatory: regulatory ? { days: Number(regulatoryDays), label: regulatoryLabel.trim() } : null,
    pauseStatuses,
    warnPercents: listFromText(warnPercents).map(Number),
  });

  const onSubmit = async () => {
    const saved = await submit(() =>
      apiRequest<PolicyDto>(policy ? `/api/v1/policies/${policy.id}` : '/api/v1/policies', {
        method: policy ? 'PATCH' : 'POST',
        body: body(),
      }),
    );
    if (saved) onSaved(saved);
  };

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
      <h3>{title}</h3>
      <FormProblem failure={failure} />
      <TextField
        id={`${idPrefix}-name`}
        label={t('rules.policies.name')}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        error={check('name', 'rules.policies.nameInvalid')}
      />
      <TextField
        id={`${idPrefix}-rank`}
        label={t('rules.policies.rank')}
        hint={t('rules.policies.rankHint')}
        type="number"
        min={0}
        value={rank}
        onChange={setRank}
        error={check('rank', 'rules.policies.rankInvalid')}
      />
      <label className="rules-check" htmlFor={`${idPrefix}-enabled`}>
        <input
          id={`${idPrefix}-enabled`}
          type="checkbox"
          checked={enabled}
          onChange={(event) => setEnabled(event.target.checked)}
        />
        {t('rules.policies.enabled')}
      </label>

      <div className={`field${invalid('calendarId') ? ' field-invalid' : ''}`}>
        <label htmlFor={`${idPrefix}-calendar`}>{t('rules.policies.calendar')}</label>
        <FieldError id={`${idPrefix}-calendar-error`} message={check('calendarId', 'rules.policies.calendarInvalid')} />
        <select
          id={`${idPrefix}-calendar`}
          value={calendarId}
          onChange={(event) => setCalendarId(event.target.value)}
          aria-invalid={invalid('calendarId') ? true : undefined}
          aria-describedby={invalid('calendarId') ? `${idPrefix}-calendar-error` : undefined}
        >
          <option value="">{t('rules.policies.noCalendar')}</option>
          {choices.calendars.map((calendar) => (
            <option key={calendar.id} value={calendar.id}>
              {calendar.name}
            </option>
          ))}
        </select>
      </div>

      <h4>{t('rules.policies.targetsHeading')}</h4>
      <p className="rules-hint">{t('rules.policies.targetsHint')}</p>
      {TARGET_KEYS.map((key) => (
        <TargetField
          key={key}
          id={`${idPrefix}-target-${key}`}
          label={t(`rules.targets.kinds.${key}`)}
          value={targets[key]}
          onChange={(value) => setTargets({ ...targets, [key]: value })}
          error={check(`targets/${key}`, 'rules.targets.invalid')}
        />
      ))}

      <h4>{t('rules.policies.conditionsHeading')}</h4>
      <p className="rules-hint">{t('rules.policies.conditionsHint')}</p>
      <CheckList
        idPrefix={`${idPrefix}-categories`}
        legend={t('rules.policies.categories')}
        options={choices.categories.map((category) => ({
          value: category.id,
          label: localName(category.names, locale),
        }))}
        selected={categoryIds}
        onChange={setCategoryIds}
        error={check('conditions/categoryIds')}
      />
      <CheckList
        idPrefix={`${idPrefix}-severities`}
        legend={t('rules.policies.severities')}
        options={Severities.map((value) => ({ value, label: t(`rules.vocab.severities.${value}`) }))}
        selected={severities}
        onChange={setSeverities}
      />
      <CheckList
        idPrefix={`${idPrefix}-channels`}
        legend={t('rules.policies.channels')}
        options={CaseChannels.map((value) => ({ value, label: t(`rules.vocab.channels.${value}`) }))}
        selected={channels}
        onChange={setChannels}
      />
      {choices.sites.length > 0 && (
        <CheckList
          idPrefix={`${idPrefix}-sites`}
          legend={t('rules.policies.sites')}
          options={choices.sites.map((site) => ({ value: site.id, label: `${site.name} (${site.code})` }))}
          selected={siteIds}
          onChange={setSiteIds}
          error={check('conditions/siteIds')}
        />
      )}
      <TextField
        id={`${idPrefix}-tiers`}
        label={t('rules.policies.tiers')}
        hint={t('rules.policies.tiersHint')}
        value={tiers}
        onChange={setTiers}
        error={check('conditions/customerTiers')}
      />

      <h4>{t('rules.policies.clockHeading')}</h4>
      <CheckList
        idPrefix={`${idPrefix}-pause`}
        legend={t('rules.policies.pauseStatuses')}
        hint={t('rules.policies.pauseHint')}
        options={CaseStatuses.map((value) => ({ value, label: t(`rules.vocab.statuses.${value}`) }))}
        selected={pauseStatuses}
        onChange={setPauseStatuses}
      />
      <TextField
        id={`${idPrefix}-warn`}
        label={t('rules.policies.warnPercents')}
        hint={t('rules.policies.warnHint')}
        value={warnPercents}
        onChange={setWarnPercents}
        inputMode="numeric"
        error={check('warnPercents', 'rules.policies.warnInvalid')}
      />
      <label className="rules-check" htmlFor={`${idPrefix}-regulatory`}>
        <input
          id={`${idPrefix}-regulatory`}
          type="checkbox"
          checked={regulatory}
          onChange={(event) => setRegulatory(event.target.checked)}
        />
        {t('rules.policies.regulatory')}
      </label>
      {regulatory && (
        <div className="rules-inline">
          <TextField
            id={`${idPrefix}-regulatory-days`}
            label={t('rules.policies.regulatoryDays')}
            type="number"
            min={1}
            max={366}
            value={regulatoryDays}
            onChange={setRegulatoryDays}
            error={check('regulatory/days', 'rules.policies.regulatoryDaysInvalid')}
          />
          <TextField
            id={`${idPrefix}-regulatory-label`}
            label={t('rules.policies.regulatoryLabel')}
            hint={t('rules.policies.regulatoryLabelHint')}
            value={regulatoryLabel}
            onChange={setRegulatoryLabel}
            maxLength={200}
            error={check('regulatory/label')}
          />
        </div>
      )}
      <div className="rules-actions">
        <button type="submit" className="button-primary rules-button" disabled={busy}>
          {busy ? t('rules.common.saving') : policy ? t('rules.policies.save') : t('rules.policies.add')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};
