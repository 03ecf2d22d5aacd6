import {
  PolicyPresetCodes,
  type CalendarDto,
  type CategoryDto,
  type PolicyDto,
  type PolicyPresetCode,
  type SiteDto,
} from '@redress/contract';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useLocale } from '../../../preferences-context.tsx';
import { PolicyForm, type PolicyChoices } from './PolicyForm.tsx';
import { targetsInWords } from './policy-words.ts';
import { Announcer, FormProblem, localName, useSubmit, useTranslate } from './rules-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import './rules.css';

interface PoliciesData extends PolicyChoices {
  policies: PolicyDto[];
}

/** Adds a policy from one of the shipped presets (ISO 10002, FCA DISP, CFPB, China's 12315 rules). */
const PresetForm = ({ calendars, onSaved }: { calendars: readonly CalendarDto[]; onSaved: (p: PolicyDto) => void }) => {
  const { t } = useTranslation();
  const { busy, failure, submit, formRef } = useSubmit();
  const [preset, setPreset] = useState<PolicyPresetCode>('iso10002');
  const [calendarId, setCalendarId] = useState('');
  const onSubmit = async () => {
    const saved = await submit(() =>
      apiRequest<PolicyDto>('/api/v1/policies/presets', {
        method: 'POST',
        body: { preset, calendarId: calendarId || null },
      }),
    );
    if (saved) onSaved(saved);
  };
  return (
    <form
      ref={formRef}
      className="rules-form"
      aria-label={t('rules.policies.presetTitle')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void onSubmit();
      }}
    >
      <h3>{t('rules.policies.presetTitle')}</h3>
      <p className="rules-hint">{t('rules.policies.presetHint')}</p>
      <FormProblem failure={failure} />
      <div className="rules-inline">
        <div className="field">
          <label htmlFor="pol-preset">{t('rules.policies.preset')}</label>
          <select
            id="pol-preset"
            value={preset}
            onChange={(event) => setPreset(event.target.value as PolicyPresetCode)}
          >
            {PolicyPresetCodes.map((code) => (
              <option key={code} value={code}>
                {t(`rules.policies.presets.${code}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pol-preset-calendar">{t('rules.policies.calendar')}</label>
          <select id="pol-preset-calendar" value={calendarId} onChange={(event) => setCalendarId(event.target.value)}>
            <option value="">{t('rules.policies.noCalendar')}</option>
            {calendars.map((calendar) => (
              <option key={calendar.id} value={calendar.id}>
                {calendar.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <button type="submit" className="button-quiet" disabled={busy}>
            {busy ? t('rules.common.saving') : t('rules.policies.addPreset')}
          </button>
        </div>
      </div>
    </form>
  );
};

/**
 * Service policies: which complaints each covers, the targets it promises (in working hours or
 * days, in words), the calendar they are counted in. The first enabled match by rank applies.
 */
export const Policies = () => {
  const { t } = useTranslation();
  const translate = useTranslate();
  const locale = useLocale();
  const can = useCan();
  const canManage = can('config:manage');
  const canSeeSites = can('org:read');
  const { load, reload } = useLoad(async (signal): Promise<PoliciesData> => {
    const [policies, calendars, categories, sites] = await Promise.all([
      apiRequest<{ items: PolicyDto[] }>('/api/v1/policies', { signal }),
      apiRequest<{ items: CalendarDto[] }>('/api/v1/calendars', { signal }),
      apiRequest<{ items: CategoryDto[] }>('/api/v1/categories', { signal }),
      canSeeSites ? apiRequest<{ items: SiteDto[] }>('/api/v1/sites', { signal }) : { items: [] },
    ]);
    return {
      policies: [...policies.items].sort((a, b) => a.rank - b.rank || a.name.localeCompare(b.name)),
      calendars: calendars.items,
      categories: categories.items,
      sites: sites.items,
    };
  }, `policies:${canSeeSites}`);
  const [editing, setEditing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const saved = (policy: PolicyDto, added: boolean) => {
    setEditing(null);
    setAnnouncement(t(added ? 'rules.policies.added' : 'rules.policies.saved', { name: policy.name }));
    reload();
  };

  const appliesTo = (policy: PolicyDto, data: PoliciesData): string => {
    const { conditions } = policy;
    const parts = [
      ...(conditions.categoryIds ?? []).map((id) => {
        const category = data.categories.find((c) => c.id === id);
        return category ? localName(category.names, locale) : id;
      }),
      ...(conditions.severities ?? []).map((value) => t(`rules.vocab.severities.${value}`)),
      ...(conditions.channels ?? []).map((value) => t(`rules.vocab.channels.${value}`)),
      ...(conditions.siteIds ?? []).map((id) => data.sites.find((site) => site.id === id)?.name ?? id),
      ...(conditions.customerTiers ?? []),
    ];
    return parts.length === 0 ? t('rules.policies.anyComplaint') : parts.join(' · ');
  };

  return (
    <div className="rules">
      <h2>{t('rules.policies.title')}</h2>
      <p className="muted">{t('rules.policies.intro')}</p>
      <Announcer message={announcement} />
      <Loaded load={load} retry={reload}>
        {(data) => (
          <>
            {data.policies.length === 0 ? (
              <p>{t('rules.policies.empty')}</p>
            ) : (
              <div className="rules-table-wrap">
                <table className="rules-table">
                  <caption className="visually-hidden">{t('rules.policies.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('rules.policies.rank')}</th>
                      <th scope="col">{t('rules.policies.name')}</th>
                      <th scope="col">{t('rules.policies.appliesTo')}</th>
                      <th scope="col">{t('rules.policies.targetsHeading')}</th>
                      <th scope="col">{t('rules.policies.calendar')}</th>
                      {canManage && <th scope="col">{t('rules.common.actions')}</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {data.policies.map((policy) => {
                      const words = targetsInWords(translate, policy.targets);
                      return (
                        <Fragment key={policy.id}>
                          <tr>
                            <td>{policy.rank}</td>
                            <th scope="row">
                              {policy.name}
                              {!policy.enabled && (
                                <>
                                  {' '}
                                  <span className="rules-tag rules-tag-off">{t('rules.policies.off')}</span>
                                </>
                              )}
                            </th>
                            <td>{appliesTo(policy, data)}</td>
                            <td>
                              {words.length === 0 ? (
                                t('rules.policies.noTargets')
                              ) : (
                                <ul className="rules-plain-list">
                                  {words.map((line) => (
                                    <li key={line}>{line}</li>
                                  ))}
                                </ul>
                              )}
                              {policy.regulatory && (
                                <p className="rules-hint">
                                  {t('rules.policies.regulatoryInWords', {
                                    count: policy.regulatory.days,
                                    label: policy.regulatory.label,
                                  })}
                                </p>
                              )}
                            </td>
                            <td>
                              {data.calendars.find((c) => c.id === policy.calendarId)?.name ??
                                t('rules.policies.noCalendar')}
                            </td>
                            {canManage && (
                              <td>
                                <button type="button" className="button-quiet" onClick={() => setEditing(policy.id)}>
                                  {t('rules.policies.edit')} <span className="visually-hidden">{policy.name}</span>
                                </button>
                              </td>
                            )}
                          </tr>
                          {editing === policy.id && (
                            <tr>
                              <td colSpan={6}>
                                <PolicyForm
                                  policy={policy}
                                  choices={data}
                                  onSaved={(p) => saved(p, false)}
                                  onCancel={() => setEditing(null)}
                                />
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {canManage && (
              <>
                {editing === 'new' ? (
                  <PolicyForm choices={data} onSaved={(p) => saved(p, true)} onCancel={() => setEditing(null)} />
                ) : (
                  <button type="button" className="button-quiet" onClick={() => setEditing('new')}>
                    {t('rules.policies.addTitle')}
                  </button>
                )}
                <PresetForm calendars={data.calendars} onSaved={(p) => saved(p, true)} />
              </>
            )}
          </>
        )}
      </Loaded>
    </div>
  );
};
