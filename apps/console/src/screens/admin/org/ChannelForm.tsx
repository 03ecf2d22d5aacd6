import {
  IntakeChannelKinds,
  type CreateIntakeChannelBody,
  type ImapSettingsBody,
  type IntakeChannelDto,
  type IntakeChannelKind,
  type Locale,
  type SiteDto,
  type UpdateIntakeChannelBody,
  type UserDto,
} from '@redress/contract';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './admin-api.ts';
import type { FieldProblem } from './admin-errors.ts';
import { CheckField, Field, FormAlert, useProblemWords, useSubmit } from './admin-ui.tsx';
import { LocaleOptions, SiteOptions } from './options.tsx';

const FIELDS = {
  kind: 'kind',
  name: 'name',
  address: 'address',
  siteId: 'siteId',
  ownerId: 'ownerId',
  language: 'language',
  host: 'imap/host',
  port: 'imap/port',
  user: 'imap/user',
  password: 'imap/password',
  mailbox: 'imap/mailbox',
} as const;

const draftOf = (channel: IntakeChannelDto | undefined) => ({
  kind: channel?.kind ?? 'smtp',
  name: channel?.name ?? '',
  address: channel?.address ?? '',
  siteId: channel?.siteId ?? '',
  ownerId: channel?.ownerId ?? '',
  language: channel?.language ?? '',
  enabled: channel?.enabled ?? true,
  host: channel?.imap?.host ?? '',
  port: channel?.imap ? String(channel.imap.port) : '',
  secure: channel?.imap?.secure ?? true,
  user: channel?.imap?.user ?? '',
  // Write-only: never filled from the server, which never sends it.
  password: '',
  mailbox: channel?.imap?.mailbox ?? '',
});
type Draft = ReturnType<typeof draftOf>;

/** The IMAP settings to send; a password left empty is not sent, so the stored one is kept. */
const imapBody = (draft: Draft): ImapSettingsBody => ({
  host: draft.host.trim(),
  ...(draft.port.trim() === '' ? {} : { port: Number(draft.port) }),
  secure: draft.secure,
  user: draft.user.trim(),
  ...(draft.password === '' ? {} : { password: draft.password }),
  ...(draft.mailbox.trim() === '' ? {} : { mailbox: draft.mailbox.trim() }),
});

const bodyOf = (draft: Draft): UpdateIntakeChannelBody => ({
  name: draft.name.trim(),
  ...(draft.kind === 'portal' ? {} : { address: draft.address.trim() }),
  siteId: draft.siteId === '' ? null : draft.siteId,
  ownerId: draft.ownerId,
  language: draft.language === '' ? null : (draft.language as Locale),
  enabled: draft.enabled,
  ...(draft.kind === 'imap' ? { imap: imapBody(draft) } : {}),
});

/**
 * Adds an intake channel, or changes `channel`. The IMAP password field is always empty: it says
 * whether one is stored, and only a newly typed password is sent.
 */
export const ChannelForm = ({
  channel,
  sites,
  users,
  onSaved,
  onCancel,
}: {
  channel?: IntakeChannelDto;
  sites: readonly SiteDto[];
  users: readonly UserDto[];
  onSaved: (channel: IntakeChannelDto) => void;
  onCancel?: () => void;
}) => {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => draftOf(channel));
  const formRef = useRef<HTMLFormElement>(null);
  const firstRef = useRef<HTMLInputElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const set = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const editing = channel !== undefined;

  useEffect(() => {
    if (editing) firstRef.current?.focus();
  }, [editing]);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      if (channel) {
        onSaved(await adminApi.patch<IntakeChannelDto>(`/intake-channels/${channel.id}`, bodyOf(draft)));
      } else {
        const body = { kind: draft.kind, ...bodyOf(draft) } as CreateIntakeChannelBody;
        onSaved(await adminApi.post<IntakeChannelDto>('/intake-channels', body));
        setDraft(draftOf(undefined));
      }
    });
  };

  const passwordHint = channel?.imap
    ? channel.imap.passwordSet
      ? t('admin.channels.passwordSet')
      : t('admin.channels.passwordNotSet')
    : undefined;

  return (
    <form
      ref={formRef}
      className={editing ? 'admin-form admin-form-edit' : 'admin-form'}
      noValidate
      onSubmit={(event) => void onSubmit(event)}
    >
      <h3>{channel ? t('admin.channels.editTitle', { name: channel.name }) : t('admin.channels.addTitle')}</h3>
      <FormAlert error={error} />
      <div className="form-grid">
        {!editing && (
          <Field label={t('admin.channels.kind')} error={words(problems.kind)}>
            {(control) => (
              <select
                {...control}
                value={draft.kind}
                onChange={(event) => set({ kind: event.target.value as IntakeChannelKind })}
              >
                {IntakeChannelKinds.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`admin.channels.kinds.${kind}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <Field label={t('admin.channels.name')} error={words(problems.name)}>
          {(control) => (
            <input
              {...control}
              ref={firstRef}
              value={draft.name}
              onChange={(event) => set({ name: event.target.value })}
            />
          )}
        </Field>
        {draft.kind !== 'portal' && (
          <Field
            label={t('admin.channels.address')}
            hint={t('admin.channels.addressHint')}
            error={words(problems.address, {
              invalid: t('admin.channels.addressInvalid'),
              taken: t('admin.channels.addressTaken'),
            })}
          >
            {(control) => (
              <input
                {...control}
                type="email"
                spellCheck={false}
                autoComplete="off"
                value={draft.address}
                onChange={(event) => set({ address: event.target.value })}
              />
            )}
          </Field>
        )}
        <Field label={t('admin.channels.site')} error={words(problems.siteId)}>
          {(control) => (
            <select {...control} value={draft.siteId} onChange={(event) => set({ siteId: event.target.value })}>
              <SiteOptions sites={sites} />
            </select>
          )}
        </Field>
        <Field
          label={t('admin.channels.owner')}
          hint={t('admin.channels.ownerHint')}
          error={words(problems.ownerId, { invalid: t('admin.channels.ownerCannot') })}
        >
          {(control) => (
            <select {...control} value={draft.ownerId} onChange={(event) => set({ ownerId: event.target.value })}>
              <option value="">{t('admin.channels.chooseOwner')}</option>
              {users
                .filter((user) => !user.disabled || user.id === draft.ownerId)
                .map((user) => (
                  <option key={user.id} value={user.id}>
                    {user.name} ({t(`roles.${user.role}`)})
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.channels.language')} error={words(problems.language)}>
          {(control) => (
            <select {...control} value={draft.language} onChange={(event) => set({ language: event.target.value })}>
              <option value="">{t('admin.channels.detect')}</option>
              <LocaleOptions />
            </select>
          )}
        </Field>
      </div>
      {draft.kind === 'imap' && <ImapFields draft={draft} set={set} problems={problems} passwordHint={passwordHint} />}
      <CheckField
        label={t('admin.channels.enabledLabel')}
        checked={draft.enabled}
        onChange={(enabled) => set({ enabled })}
      />
      <div className="form-actions">
        <button type="submit" className="button-action" disabled={pending}>
          {pending ? t('admin.common.saving') : editing ? t('admin.common.save') : t('admin.channels.create')}
        </button>
        {onCancel && (
          <button type="button" className="button-quiet" onClick={onCancel}>
            {t('admin.common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
};

const ImapFields = ({
  draft,
  set,
  problems,
  passwordHint,
}: {
  draft: Draft;
  set: (change: Partial<Draft>) => void;
  problems: Partial<Record<keyof typeof FIELDS, FieldProblem>>;
  passwordHint: string | undefined;
}) => {
  const { t } = useTranslation();
  const words = useProblemWords();
  return (
    <fieldset>
      <legend>{t('admin.channels.imapTitle')}</legend>
      <div className="form-grid">
        <Field
          label={t('admin.channels.host')}
          error={words(problems.host, { invalid: t('admin.channels.hostInvalid') })}
        >
          {(control) => (
            <input
              {...control}
              spellCheck={false}
              autoComplete="off"
              value={draft.host}
              onChange={(event) => set({ host: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('admin.common.optional', { label: t('admin.channels.port') })}
          hint={t('admin.channels.portHint')}
          error={words(problems.port)}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={draft.port}
              onChange={(event) => set({ port: event.target.value.replace(/\D/g, '') })}
            />
          )}
        </Field>
        <Field label={t('admin.channels.user')} error={words(problems.user)}>
          {(control) => (
            <input
              {...control}
              spellCheck={false}
              autoComplete="off"
              value={draft.user}
              onChange={(event) => set({ user: event.target.value })}
            />
          )}
        </Field>
        <Field
          label={t('admin.channels.password')}
          hint={passwordHint}
          error={words(problems.password, { required: t('admin.channels.passwordRequired') })}
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
        <Field
          label={t('admin.common.optional', { label: t('admin.channels.folder') })}
          hint={t('admin.channels.folderHint')}
          error={words(problems.mailbox)}
        >
          {(control) => (
            <input
              {...control}
              spellCheck={false}
              value={draft.mailbox}
              onChange={(event) => set({ mailbox: event.target.value })}
            />
          )}
        </Field>
      </div>
      <CheckField label={t('admin.channels.secure')} checked={draft.secure} onChange={(secure) => set({ secure })} />
    </fieldset>
  );
};
