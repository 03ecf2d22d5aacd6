import type { CreateUserBody, Locale, Role, SiteDto, UserDto } from '@redress/contract';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../preferences-context.tsx';
import { adminApi } from './admin-api.ts';
import { Field, FormAlert, useProblemWords, useSubmit } from './admin-ui.tsx';
import { LocaleOptions, RoleOptions, SiteOptions } from './options.tsx';

const FIELDS = {
  name: 'name',
  email: 'email',
  role: 'role',
  locale: 'locale',
  password: 'password',
  siteId: 'siteId',
} as const;

/** Adds a user, then puts them at a site when one is chosen. */
export const UserForm = ({ sites, onCreated }: { sites: readonly SiteDto[]; onCreated: (user: UserDto) => void }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const blank = { name: '', email: '', role: 'agent' as Role, locale, password: '', siteId: '' };
  const [draft, setDraft] = useState(blank);
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const body: CreateUserBody = {
        name: draft.name.trim(),
        email: draft.email.trim(),
        role: draft.role,
        locale: draft.locale,
        ...(draft.password === '' ? {} : { password: draft.password }),
      };
      const user = await adminApi.post<UserDto>('/users', body);
      try {
        if (draft.siteId !== '') await adminApi.put(`/users/${user.id}/site`, { siteId: draft.siteId });
      } finally {
        // The user exists from here on: list them even if the site could not be set.
        onCreated(user);
        setDraft(blank);
      }
    });
  };

  return (
    <form ref={formRef} className="admin-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h3>{t('admin.users.addTitle')}</h3>
      <FormAlert error={error} />
      <div className="form-grid">
        <Field label={t('admin.users.name')} error={words(problems.name)}>
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              value={draft.name}
              onChange={(event) => set({ name: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('admin.users.email')}
          error={words(problems.email, { invalid: t('admin.users.emailInvalid'), taken: t('admin.users.emailTaken') })}
        >
          {(control) => (
            <input
              {...control}
              type="email"
              autoComplete="off"
              spellCheck={false}
              value={draft.email}
              onChange={(event) => set({ email: event.target.value })}
            />
          )}
        </Field>
        <Field label={t('admin.users.role')} error={words(problems.role)}>
          {(control) => (
            <select {...control} value={draft.role} onChange={(event) => set({ role: event.target.value as Role })}>
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
        <Field
          label={t('admin.common.optional', { label: t('admin.users.password') })}
          hint={t('admin.users.passwordHint')}
          error={words(problems.password, {
            invalid: t('admin.users.passwordShort'),
            required: t('admin.users.passwordShort'),
          })}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              value={draft.password}
              onChange={(event) => set({ password: event.target.value })}
            />
          )}
        </Field>
      </div>
      <button type="submit" className="button-action" disabled={pending}>
        {pending ? t('admin.common.saving') : t('admin.users.create')}
      </button>
    </form>
  );
};
