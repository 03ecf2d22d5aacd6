import type { IntakeChannelDto, SiteDto, UserDto } from '@redress/contract';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { LANGUAGE_NAMES } from '../../../i18n/i18n.ts';
import { useFormatDate } from '../../../preferences-context.tsx';
import { readAllUsers, readChannels, readSites } from './admin-api.ts';
import { Announcer, useAnnouncer } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import { ChannelForm } from './ChannelForm.tsx';
import { useSiteName, userName } from './options.tsx';

/** Intake channels: where complaints arrive, and the site, owner and language their cases get. */
export const Channels = () => {
  const { t } = useTranslation();
  const can = useCan();
  const manage = can('config:manage') && can('user:read');
  const { load, reload } = useLoad(async (signal) => {
    const [channels, sites, users] = await Promise.all([
      readChannels(signal),
      can('org:read') ? readSites(signal) : [],
      can('user:read') ? readAllUsers(signal) : [],
    ]);
    return { channels, sites, users };
  }, 'channels');
  const [announced, announce] = useAnnouncer();
  const [editing, setEditing] = useState<string | null>(null);
  const headingId = useId();

  return (
    <div className="admin-page">
      <h2 id={headingId}>{t('admin.channels.title')}</h2>
      <p className="muted">{t('admin.channels.intro')}</p>
      <Announcer message={announced} />
      <Loaded load={load} retry={reload}>
        {({ channels, sites, users }) => {
          const edited = channels.find((channel) => channel.id === editing);
          return (
            <>
              <ChannelTable
                channels={channels}
                sites={sites}
                users={users}
                manage={manage}
                editing={editing}
                onEdit={setEditing}
                labelledBy={headingId}
              />
              {edited && (
                <ChannelForm
                  key={edited.id}
                  channel={edited}
                  sites={sites}
                  users={users}
                  onCancel={() => setEditing(null)}
                  onSaved={(saved) => {
                    setEditing(null);
                    announce(t('admin.channels.saved', { name: saved.name }));
                    reload();
                  }}
                />
              )}
              {manage && (
                <ChannelForm
                  sites={sites}
                  users={users}
                  onSaved={(saved) => {
                    announce(t('admin.channels.created', { name: saved.name }));
                    reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </div>
  );
};

const ChannelTable = ({
  channels,
  sites,
  users,
  manage,
  editing,
  onEdit,
  labelledBy,
}: {
  channels: readonly IntakeChannelDto[];
  sites: readonly SiteDto[];
  users: readonly UserDto[];
  manage: boolean;
  editing: string | null;
  onEdit: (id: string | null) => void;
  labelledBy: string;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const siteName = useSiteName(sites);
  if (channels.length === 0) return <p className="muted">{t('admin.common.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="admin-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('admin.channels.name')}</th>
            <th scope="col">{t('admin.channels.kind')}</th>
            <th scope="col">{t('admin.channels.site')}</th>
            <th scope="col">{t('admin.channels.ownerColumn')}</th>
            <th scope="col">{t('admin.channels.languageColumn')}</th>
            <th scope="col">{t('admin.channels.enabled')}</th>
            <th scope="col">{t('admin.channels.mailbox')}</th>
            {manage && <th scope="col">{t('admin.common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {channels.map((channel) => (
            <tr key={channel.id}>
              <th scope="row">
                {channel.name}
                {channel.address && <span className="cell-detail">{channel.address}</span>}
              </th>
              <td>{t(`admin.channels.kinds.${channel.kind}`)}</td>
              <td>{siteName(channel.siteId)}</td>
              <td>{userName(users, channel.ownerId)}</td>
              <td lang={channel.language ?? undefined}>
                {channel.language ? LANGUAGE_NAMES[channel.language] : t('admin.channels.detect')}
              </td>
              <td>
                <span className={`badge ${channel.enabled ? 'badge-on' : 'badge-off'}`}>
                  {channel.enabled ? t('admin.common.on') : t('admin.common.off')}
                </span>
              </td>
              <td>
                {channel.imap ? (
                  <>
                    {channel.imap.host}:{channel.imap.port} · {channel.imap.user} · {channel.imap.mailbox}
                    <span className="cell-detail">
                      {t('admin.channels.passwordIs', {
                        state: channel.imap.passwordSet ? t('admin.channels.set') : t('admin.channels.notSet'),
                      })}
                    </span>
                    <span className="cell-detail">
                      {channel.imap.lastPolledAt
                        ? t('admin.channels.lastPolled', {
                            time: formatDate(channel.imap.lastPolledAt, { style: 'dateTime' }),
                          })
                        : t('admin.channels.neverPolled')}
                    </span>
                    {channel.imap.lastError && (
                      <span className="cell-detail reason">
                        {t('admin.channels.lastError', { error: channel.imap.lastError })}
                      </span>
                    )}
                  </>
                ) : (
                  t('admin.common.none')
                )}
              </td>
              {manage && (
                <td>
                  <button
                    type="button"
                    className="button-quiet"
                    aria-expanded={editing === channel.id}
                    onClick={() => onEdit(editing === channel.id ? null : channel.id)}
                  >
                    {t('admin.common.editNamed', { name: channel.name })}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
