import type { CreateSiteBody, SiteDto } from '@redress/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useFormatDate } from '../../../preferences-context.tsx';
import { adminApi, readSites } from './admin-api.ts';
import { Announcer, Field, FormAlert, useAnnouncer, useProblemWords, useSubmit } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';

/** The IANA zones this browser knows, for suggestions (the server checks the zone itself). */
const TIME_ZONES: readonly string[] =
  typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];

/** Sites: branches, dealers and franchisees, each with the time zone its working hours are in. */
export const Sites = () => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const manage = useCan()('org:manage');
  const { load, reload } = useLoad(readSites, 'sites');
  const [announced, announce] = useAnnouncer();
  const headingId = useId();

  return (
    <div className="admin-page">
      <h2 id={headingId}>{t('admin.sites.title')}</h2>
      <p className="muted">{t('admin.sites.intro')}</p>
      <Announcer message={announced} />
      <Loaded load={load} retry={reload}>
        {(sites) =>
          sites.length === 0 ? (
            <p className="muted">{t('admin.common.empty')}</p>
          ) : (
            <div className="table-scroll">
              <table className="admin-table" aria-labelledby={headingId}>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.sites.name')}</th>
                    <th scope="col">{t('admin.sites.code')}</th>
                    <th scope="col">{t('admin.sites.timeZone')}</th>
                    <th scope="col">{t('admin.common.created')}</th>
                  </tr>
                </thead>
                <tbody>
                  {sites.map((site) => (
                    <tr key={site.id}>
                      <th scope="row">{site.name}</th>
                      <td>{site.code}</td>
                      <td>{site.timeZone}</td>
                      <td>{formatDate(site.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      {manage && (
        <SiteForm
          onCreated={(site) => {
            announce(t('admin.sites.created', { name: site.name }));
            reload();
          }}
        />
      )}
    </div>
  );
};

const FIELDS = { name: 'name', code: 'code', timeZone: 'timeZone' } as const;

const SiteForm = ({ onCreated }: { onCreated: (site: SiteDto) => void }) => {
  const { t } = useTranslation();
  const blank = { name: '', code: '', timeZone: '' };
  const [draft, setDraft] = useState(blank);
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const listId = useId();
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const body: CreateSiteBody = {
        name: draft.name.trim(),
        code: draft.code.trim(),
        timeZone: draft.timeZone.trim(),
      };
      onCreated(await adminApi.post<SiteDto>('/sites', body));
      setDraft(blank);
    });
  };

  return (
    <form ref={formRef} className="admin-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h3>{t('admin.sites.addTitle')}</h3>
      <FormAlert error={error} />
      <div className="form-grid">
        <Field label={t('admin.sites.name')} error={words(problems.name)}>
          {(control) => (
            <input {...control} value={draft.name} onChange={(event) => set({ name: event.target.value })} />
          )}
        </Field>
        <Field
          label={t('admin.sites.code')}
          hint={t('admin.sites.codeHint')}
          error={words(problems.code, { taken: t('admin.sites.codeTaken'), invalid: t('admin.sites.codeInvalid') })}
        >
          {(control) => (
            <input
              {...control}
              spellCheck={false}
              value={draft.code}
              onChange={(event) => set({ code: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('admin.sites.timeZone')}
          hint={t('admin.sites.timeZoneHint')}
          error={words(problems.timeZone, { invalid: t('admin.sites.timeZoneInvalid') })}
        >
          {(control) => (
            <>
              <input
                {...control}
                list={listId}
                spellCheck={false}
                autoComplete="off"
                value={draft.timeZone}
                onChange={(event) => set({ timeZone: event.target.value })}
              />
              <datalist id={listId}>
                {TIME_ZONES.map((zone) => (
                  <option key={zone} value={zone} />
                ))}
              </datalist>
            </>
          )}
        </Field>
      </div>
      <button type="submit" className="button-action" disabled={pending}>
        {pending ? t('admin.common.saving') : t('admin.sites.create')}
      </button>
    </form>
  );
};
