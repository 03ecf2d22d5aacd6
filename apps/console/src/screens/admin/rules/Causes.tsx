import type { RootCauseDto } from '@redress/contract';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { apiRequest } from '../../../api.ts';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { LANGUAGE_NAMES, SUPPORTED_LOCALES } from '../../../i18n/i18n.ts';
import { useLocale } from '../../../preferences-context.tsx';
import {
  Announcer,
  FormProblem,
  NamesFields,
  TextField,
  blankNames,
  localName,
  namesForApi,
  useSubmit,
} from './rules-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import './rules.css';

/** Adds a root cause (code and names) or, given `cause`, changes its names; the code never changes. */
const CauseForm = ({
  cause,
  onSaved,
  onCancel,
}: {
  cause?: RootCauseDto;
  onSaved: (saved: RootCauseDto) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const [code, setCode] = useState('');
  const [names, setNames] = useState(() => ({ ...blankNames(), ...(cause?.names ?? {}) }));
  const { busy, failure, submit, invalid, formRef } = useSubmit();
  const idPrefix = cause ? `rc-${cause.id}` : 'rc-new';
  const title = cause
    ? t('rules.causes.renameTitle', { name: localName(cause.names, locale) })
    : t('rules.causes.addTitle');

  const onSubmit = async () => {
    const saved = await submit(() =>
      cause
        ? apiRequest<RootCauseDto>(`/api/v1/root-causes/${cause.id}`, {
            method: 'PATCH',
            body: { names: namesForApi(names) },
          })
        : apiRequest<RootCauseDto>('/api/v1/root-causes', {
            method: 'POST',
            body: { code: code.trim(), names: namesForApi(names) },
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
      {!cause && (
        <TextField
          id={`${idPrefix}-code`}
          label={t('rules.causes.code')}
          hint={t('rules.causes.codeHint')}
          value={code}
          onChange={setCode}
          required
          maxLength={64}
          autoCapitalize="none"
          spellCheck={false}
          error={invalid('code') ? t('rules.causes.codeInvalid') : undefined}
        />
      )}
      <NamesFields idPrefix={idPrefix} names={names} onChange={setNames} invalid={invalid} />
      <div className="rules-actions">
        <button type="submit" className="button-primary rules-button" disabled={busy}>
          {busy ? t('rules.common.saving') : cause ? t('rules.common.saveNames') : t('rules.causes.add')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
};

/**
 * The root causes every resolution names (pillar 8): code, name in the reader's language and which
 * languages still lack a name. Administrators add causes and rename them.
 */
export const Causes = () => {
  const { t } = useTranslation();
  const locale = useLocale();
  const canManage = useCan()('config:manage');
  const { load, reload } = useLoad(
    (signal) => apiRequest<{ items: RootCauseDto[] }>('/api/v1/root-causes', { signal }),
    'root-causes',
  );
  // The id of the cause being renamed, or `new` while adding one.
  const [editing, setEditing] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listOf = (parts: string[]) => new Intl.ListFormat(locale, { type: 'conjunction' }).format(parts);

  const saved = (cause: RootCauseDto, added: boolean) => {
    setEditing(null);
    setAnnouncement(t(added ? 'rules.causes.added' : 'rules.causes.renamed', { name: localName(cause.names, locale) }));
    reload();
  };

  return (
    <div className="rules">
      <h2>{t('rules.causes.title')}</h2>
      <p className="muted">{t('rules.causes.intro')}</p>
      <Announcer message={announcement} />
      <Loaded load={load} retry={reload}>
        {({ items }) =>
          items.length === 0 ? (
            <p>{t('rules.causes.empty')}</p>
          ) : (
            <div className="rules-table-wrap">
              <table className="rules-table">
                <caption className="visually-hidden">{t('rules.causes.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('rules.causes.code')}</th>
                    <th scope="col">{t('rules.causes.name')}</th>
                    <th scope="col">{t('rules.names.languages')}</th>
                    {canManage && <th scope="col">{t('rules.common.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {items.map((cause) => {
                    const name = localName(cause.names, locale);
                    const missing = SUPPORTED_LOCALES.filter((code) => !cause.names[code]?.trim());
                    return (
                      <Fragment key={cause.id}>
                        <tr>
                          <td>
                            <code>{cause.code}</code>
                          </td>
                          <th scope="row">{name}</th>
                          <td>
                            {missing.length === 0
                              ? t('rules.names.complete')
                              : t('rules.names.missing', {
                                  languages: listOf(missing.map((code) => LANGUAGE_NAMES[code])),
                                })}
                          </td>
                          {canManage && (
                            <td>
                              <button type="button" className="button-quiet" onClick={() => setEditing(cause.id)}>
                                {t('rules.causes.rename')} <span className="visually-hidden">{name}</span>
                              </button>
                            </td>
                          )}
                        </tr>
                        {editing === cause.id && (
                          <tr>
                            <td colSpan={4}>
                              <CauseForm
                                cause={cause}
                                onSaved={(c) => saved(c, false)}
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
          )
        }
      </Loaded>
      {canManage &&
        (editing === 'new' ? (
          <CauseForm onSaved={(c) => saved(c, true)} onCancel={() => setEditing(null)} />
        ) : (
          <button type="button" className="button-quiet" onClick={() => setEditing('new')}>
            {t('rules.causes.addTitle')}
          </button>
        ))}
    </div>
  );
};
