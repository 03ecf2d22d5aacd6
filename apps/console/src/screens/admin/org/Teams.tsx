import {
  TeamKinds,
  type CreateTeamBody,
  type SiteDto,
  type TeamDto,
  type TeamKind,
  type UserDto,
} from '@redress/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { adminApi, readAllUsers, readSites, readTeams } from './admin-api.ts';
import { Announcer, Field, FormAlert, useAnnouncer, useProblemWords, useSubmit } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import { SiteOptions, useSiteName } from './options.tsx';
import { TeamMembers } from './TeamMembers.tsx';

/** Teams and departments, their site and their members. */
export const Teams = () => {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('org:manage');
  const readsUsers = can('user:read');
  const { load, reload } = useLoad(async (signal) => {
    const [teams, sites, users] = await Promise.all([
      readTeams(signal),
      readSites(signal),
      readsUsers ? readAllUsers(signal) : [],
    ]);
    return { teams, sites, users };
  }, 'teams');
  const [announced, announce] = useAnnouncer();
  const headingId = useId();

  return (
    <div className="admin-page">
      <h2 id={headingId}>{t('admin.teams.title')}</h2>
      <p className="muted">{t('admin.teams.intro')}</p>
      <Announcer message={announced} />
      <Loaded load={load} retry={reload}>
        {({ teams, sites, users }) => (
          <>
            <TeamTable
              teams={teams}
              sites={sites}
              users={users}
              manage={manage && readsUsers}
              labelledBy={headingId}
              announce={announce}
              onChanged={reload}
            />
            {manage && (
              <TeamForm
                sites={sites}
                onCreated={(team) => {
                  announce(t('admin.teams.created', { name: team.name }));
                  reload();
                }}
              />
            )}
          </>
        )}
      </Loaded>
    </div>
  );
};

const TeamTable = ({
  teams,
  sites,
  users,
  manage,
  labelledBy,
  announce,
  onChanged,
}: {
  teams: readonly TeamDto[];
  sites: readonly SiteDto[];
  users: readonly UserDto[];
  manage: boolean;
  labelledBy: string;
  announce: (message: string) => void;
  onChanged: () => void;
}) => {
  const { t } = useTranslation();
  const siteName = useSiteName(sites);
  const [open, setOpen] = useState<string | null>(null);
  const opened = teams.find((team) => team.id === open);
  if (teams.length === 0) return <p className="muted">{t('admin.common.empty')}</p>;
  return (
    <>
      <div className="table-scroll">
        <table className="admin-table" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">{t('admin.teams.name')}</th>
              <th scope="col">{t('admin.teams.kind')}</th>
              <th scope="col">{t('admin.teams.site')}</th>
              <th scope="col">{t('admin.teams.members')}</th>
            </tr>
          </thead>
          <tbody>
            {teams.map((team) => (
              <tr key={team.id}>
                <th scope="row">{team.name}</th>
                <td>{t(`admin.teams.kinds.${team.kind}`)}</td>
                <td>{siteName(team.siteId)}</td>
                <td>
                  <span>{t('admin.teams.memberCount', { count: team.memberIds.length })}</span>{' '}
                  <button
                    type="button"
                    className="button-quiet"
                    aria-expanded={open === team.id}
                    onClick={() => setOpen(open === team.id ? null : team.id)}
                  >
                    {open === team.id ? t('admin.teams.hideMembers') : t('admin.teams.showMembers')}{' '}
                    <span className="visually-hidden">{team.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {opened && (
        <TeamMembers
          key={opened.id}
          team={opened}
          users={users}
          manage={manage}
          announce={announce}
          onChanged={onChanged}
        />
      )}
    </>
  );
};

const FIELDS = { name: 'name', kind: 'kind', siteId: 'siteId' } as const;

const TeamForm = ({ sites, onCreated }: { sites: readonly SiteDto[]; onCreated: (team: TeamDto) => void }) => {
  const { t } = useTranslation();
  const blank = { name: '', kind: 'frontline' as TeamKind, siteId: '' };
  const [draft, setDraft] = useState(blank);
  const formRef = useRef<HTMLFormElement>(null);
  const { pending, error, problems, run } = useSubmit(FIELDS, formRef);
  const words = useProblemWords();
  const set = (change: Partial<typeof draft>) => setDraft((current) => ({ ...current, ...change }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    await run(async () => {
      const body: CreateTeamBody = {
        name: draft.name.trim(),
        kind: draft.kind,
        siteId: draft.siteId === '' ? null : draft.siteId,
      };
      onCreated(await adminApi.post<TeamDto>('/teams', body));
      setDraft(blank);
    });
  };

  return (
    <form ref={formRef} className="admin-form" noValidate onSubmit={(event) => void onSubmit(event)}>
      <h3>{t('admin.teams.addTitle')}</h3>
      <FormAlert error={error} />
      <div className="form-grid">
        <Field label={t('admin.teams.name')} error={words(problems.name)}>
          {(control) => (
            <input {...control} value={draft.name} onChange={(event) => set({ name: event.target.value })} />
          )}
        </Field>
        <Field label={t('admin.teams.kind')} error={words(problems.kind)}>
          {(control) => (
            <select {...control} value={draft.kind} onChange={(event) => set({ kind: event.target.value as TeamKind })}>
              {TeamKinds.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`admin.teams.kinds.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('admin.teams.site')} error={words(problems.siteId)}>
          {(control) => (
            <select {...control} value={draft.siteId} onChange={(event) => set({ siteId: event.target.value })}>
              <SiteOptions sites={sites} />
            </select>
          )}
        </Field>
      </div>
      <button type="submit" className="button-action" disabled={pending}>
        {pending ? t('admin.common.saving') : t('admin.teams.create')}
      </button>
    </form>
  );
};
