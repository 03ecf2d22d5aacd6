import type { SiteDto, UserDto } from '@redress/contract';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan, useCurrentUser } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { LANGUAGE_NAMES } from '../../../i18n/i18n.ts';
import { readAllUsers, readSites } from './admin-api.ts';
import { Announcer, useAnnouncer } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import { useSiteName } from './options.tsx';
import { UserEdit } from './UserEdit.tsx';
import { UserForm } from './UserForm.tsx';

/** Users: who works in Redress, their role, language, site and whether they may sign in. */
export const Users = () => {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('user:manage');
  const readsSites = can('org:read');
  const { load, reload } = useLoad(async (signal) => {
    const [users, sites] = await Promise.all([readAllUsers(signal), readsSites ? readSites(signal) : []]);
    return { users, sites };
  }, 'users');
  const [announced, announce] = useAnnouncer();
  const headingId = useId();

  return (
    <div className="admin-page">
      <h2 id={headingId}>{t('admin.users.title')}</h2>
      <p className="muted">{t('admin.users.intro')}</p>
      <Announcer message={announced} />
      <Loaded load={load} retry={reload}>
        {({ users, sites }) => (
          <UserTable
            users={users}
            sites={sites}
            manage={manage}
            labelledBy={headingId}
            onSaved={(name) => {
              announce(t('admin.users.saved', { name }));
              reload();
            }}
          />
        )}
      </Loaded>
      {manage && load.state === 'ready' && (
        <UserForm
          sites={load.value.sites}
          onCreated={(user) => {
            announce(t('admin.users.created', { name: user.name }));
            reload();
          }}
        />
      )}
    </div>
  );
};

const UserTable = ({
  users,
  sites,
  manage,
  labelledBy,
  onSaved,
}: {
  users: readonly UserDto[];
  sites: readonly SiteDto[];
  manage: boolean;
  labelledBy: string;
  onSaved: (name: string) => void;
}) => {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const siteName = useSiteName(sites);
  const [editing, setEditing] = useState<string | null>(null);
  const edited = users.find((user) => user.id === editing);
  if (users.length === 0) return <p className="muted">{t('admin.common.empty')}</p>;
  return (
    <>
      <div className="table-scroll">
        <table className="admin-table" aria-labelledby={labelledBy}>
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.email')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.language')}</th>
              <th scope="col">{t('admin.users.site')}</th>
              <th scope="col">{t('admin.users.status')}</th>
              {manage && <th scope="col">{t('admin.common.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <th scope="row">{user.id === me.id ? t('admin.users.you', { name: user.name }) : user.name}</th>
                <td>{user.email}</td>
                <td>{t(`roles.${user.role}`)}</td>
                <td lang={user.locale}>{LANGUAGE_NAMES[user.locale]}</td>
                <td>{siteName(user.siteId)}</td>
                <td>
                  <span className={`badge ${user.disabled ? 'badge-off' : 'badge-on'}`}>
                    {user.disabled ? t('admin.users.disabled') : t('admin.users.active')}
                  </span>
                </td>
                {manage && (
                  <td>
                    <button
                      type="button"
                      className="button-quiet"
                      aria-expanded={editing === user.id}
                      onClick={() => setEditing(editing === user.id ? null : user.id)}
                    >
                      {t('admin.common.editNamed', { name: user.name })}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {edited && (
        <UserEdit
          key={edited.id}
          user={edited}
          sites={sites}
          self={edited.id === me.id}
          onCancel={() => setEditing(null)}
          onSaved={(user) => {
            setEditing(null);
            onSaved(user.name);
          }}
        />
      )}
    </>
  );
};
