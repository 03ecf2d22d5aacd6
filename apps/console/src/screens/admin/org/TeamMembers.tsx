import type { TeamDto, UserDto } from '@redress/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { adminApi } from './admin-api.ts';
import { describeAdminError, type AdminMessage } from './admin-errors.ts';
import { ConfirmButton, Field, FormAlert, useProblemWords, useSubmit } from './admin-ui.tsx';
import { userName } from './options.tsx';

const FIELDS = { userId: 'userId' } as const;

/** One team's members: each with a Remove (asked first), and a person to add. */
export const TeamMembers = ({
  team,
  users,
  manage,
  announce,
  onChanged,
}: {
  team: TeamDto;
  users: readonly UserDto[];
  manage: boolean;
  announce: (message: string) => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const headingId = useId();
  const [userId, setUserId] = useState('');
  const [removeError, setRemoveError] = useState<AdminMessage | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const candidates = users.filter((user) => !user.disabled && !team.memberIds.includes(user.id));

  const onAdd = async (event: FormEvent) => {
    event.preventDefault();
    const name = userName(users, userId);
    const added = await run(async () => {
      await adminApi.post<TeamDto>(`/teams/${team.id}/members`, { userId });
    });
    if (added) {
      setUserId('');
      announce(t('admin.teams.added', { name, team: team.name }));
      onChanged();
    }
  };

  const onRemove = async (memberId: string) => {
    setRemoveError(null);
    try {
      await adminApi.delete(`/teams/${team.id}/members/${memberId}`);
      announce(t('admin.teams.removed', { name: userName(users, memberId), team: team.name }));
      onChanged();
    } catch (failure) {
      setRemoveError(describeAdminError(failure));
    }
  };

  return (
    <section className="admin-form admin-form-edit" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('admin.teams.manage', { team: team.name })}</h3>
      <FormAlert error={removeError} />
      {team.memberIds.length === 0 ? (
        <p className="muted">{t('admin.teams.noMembers')}</p>
      ) : (
        <ul className="member-list">
          {team.memberIds.map((memberId) => {
            const name = userName(users, memberId);
            return (
              <li key={memberId}>
                <span>{name}</span>{' '}
                {manage && (
                  <ConfirmButton
                    label={
                      <>
                        {t('admin.teams.remove')} <span className="visually-hidden">{name}</span>
                      </>
                    }
                    question={t('admin.teams.confirmRemove', { name, team: team.name })}
                    confirmLabel={t('admin.teams.yesRemove')}
                    onConfirm={() => onRemove(memberId)}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}
      {manage && (
        <form ref={formRef} noValidate onSubmit={(event) => void onAdd(event)}>
          <FormAlert error={error} />
          <div className="form-actions">
            <Field label={t('admin.teams.memberToAdd')} error={words(problems.userId)}>
              {(control) => (
                <select {...control} value={userId} onChange={(event) => setUserId(event.target.value)}>
                  <option value="">{t('admin.teams.choose')}</option>
                  {candidates.map((user) => (
                    <option key={user.id} value={user.id}>
                      {user.name} ({user.email})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <button type="submit" className="button-action" disabled={pending || userId === ''}>
              {t('admin.teams.addMember')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
};
