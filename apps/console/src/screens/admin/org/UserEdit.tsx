import type { Locale, Role, SiteDto, UpdateUserBody, UserDto } from '@redress/contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './admin-api.ts';
import { openCasesOwned, type FieldProblem } from './admin-errors.ts';
import { CheckField, Field, FormAlert, useProblemWords, useSubmit } from './admin-ui.tsx';
import { LocaleOptions, RoleOptions, SiteOptions } from './options.tsx';

const FIELDS = { name: 'name', role: 'role', locale: 'locale', disabled: 'disabled', siteId: 'siteId' } as const;

/**
 * Changes a user: name, role, language and whether they may sign in (`PATCH /users/:id`, only what
 * changed) and their site (`PUT /users/:id/site`). Administrators cannot demote or disable themselves.
 */
export const UserEdit = ({
  user,
  sites,
  self,
  onSaved,
  onCancel,
}: {
  user: UserDto;
  sites: readonly SiteDto[];
  self: boolean;
  onSaved: (user: UserDto) => void;
  onCancel: () => void;
}) => {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({
    name: user.name,
    role: user.role,
    locale: user.locale,
    disabled: user.disabled,
    siteId: user.siteId ?? '',
  });
  const formRef = useRef<HTMLFormElement>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));

  useEffect(() => nameRef.current?.focus(), []);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const name = draft.name.trim();
      const changes: UpdateUserBody = {
        ...(name === user.name ? {} : { name }),
        ...(draft.role === user.role ? {} : { role: draft.role }),
        ...(draft.locale === user.locale ? {} : { locale: draft.locale }),
        ...(draft.disabled === user.disabled ? {} : { disabled: draft.disabled }),
      };
      let saved = user;
      if (Object.keys(changes).length > 0) saved = await adminApi.patch<UserDto>(`/users/${user.id}`, changes);
      const siteId = draft.siteId === '' ? null : draft.siteId;
      if (siteId !== (user.siteId ?? null)) await adminApi.put(`/users/${user.id}/site`, { siteId });
      onSaved(saved);
    });
  };

  const selfRefused = { invalid: t('admin.users.selfRefused') };
  /** A refused role or disabling: the open cases to hand over first, else the user's own account. */
  const refused = (problem: FieldProblem | undefined) => {
    const count = openCasesOwned(problem);
    return count === undefined ? words(problem, selfRefused) : t('admin.users.ownsOpenCases', { count });
  };
  return (
    <form ref={formRef} className="admin-form admin-form-edit" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h3>{t('admin.users.editTitle', { name: user.name })}</h3>
      <FormAlert error={error} />
      {self && <p className="muted">{t('admin.users.selfHint')}</p>}
      <div className="form-grid">
        <Field label={t('admin.users.name')} error={words(problems.name)}>
          {(control) => (
            <input
              {...control}
              ref={nameRef}
              autoComplete="off"
              value={draft.name}
              onChange={(event) => set({ name: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('admin.users.role')} error={refused(problems.role)}>
          {(control) => (
            <select
              {...control}
              disabled={self}
              value={draft.role}
              onChange={(event) => set({ role: event.target.value as Role })}
            >
              <RoleOptions />
            </select>
          )}
        </Field>
        <Field label={t('admin.users.language')} error={words(problems.locale)}>
          {(control) => (
            <select
              {...control}
              value={draft.locale}
              onChange={(event) => set({ locale: event.target.value as Locale })}
            >
              <LocaleOptions />
            </select>
          )}
        </Field>
        <Field label={t('admin.users.site')} error={words(problems.siteId, { missing: t('admin.users.siteMissing') })}>
          {(control) => (
            <select {...control} value={draft.siteId} onChange={(event) => set({ siteId: event.target.value })}>
              <SiteOptions sites={sites} />
            </select>
          )}
        </Field>
      </div>
      <CheckField
        label={t('admin.users.disable')}
        hint={t('admin.users.disableHint')}
        error={refused(problems.disabled)}
        checked={draft.disabled}
        disabled={self}
        onChange={(disabled) => set({ disabled })}
      />
      <div className="form-actions">
        <button type="submit" className="button-action" disabled={pending}>
          {pending ? t('admin.common.saving') : t('admin.common.save')}
        </button>
        <button type="button" className="button-quiet" onClick={onCancel}>
          {t('admin.common.cancel')}
        </button>
      </div>
    </form>
  );
};
