import {
  InboundMailStatuses,
  type InboundMailDto,
  type InboundMailStatus,
  type IntakeChannelDto,
} from '@redress/contract';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { formatNumber } from '../../../format.ts';
import { useFormatDate, useLocale } from '../../../preferences-context.tsx';
import { adminApi, readChannels, readInboundMail } from './admin-api.ts';
import { describeAdminError, type AdminMessage } from './admin-errors.ts';
import { Announcer, FormAlert, useAnnouncer } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';

const PAGE = 50;

const STATUS_BADGE: Record<InboundMailStatus, string> = {
  received: 'badge-wait',
  threaded: 'badge-on',
  ignored: 'badge-off',
  unparsed: 'badge-bad',
};

/** The incoming mail log, newest first: what became of each e-mail and why; reprocessing. */
export const InboundMail = () => {
  const { t } = useTranslation();
  const manage = useCan()('config:manage');
  const [status, setStatus] = useState<InboundMailStatus | ''>('');
  const query = (cursor: string | null) =>
    `?limit=${PAGE}${status === '' ? '' : `&status=${status}`}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
  const { load, reload } = useLoad(async (signal) => {
    const [page, channels] = await Promise.all([readInboundMail(query(null), signal), readChannels(signal)]);
    return { page, channels };
  }, `inbound-mail:${status}`);
  // Later pages and rows changed here since the last read, kept until the next read.
  const [more, setMore] = useState<{ key: string; items: InboundMailDto[]; cursor: string | null } | null>(null);
  const [changed, setChanged] = useState<Record<string, InboundMailDto>>({});
  const [failure, setFailure] = useState<AdminMessage | null>(null);
  const [announced, announce] = useAnnouncer();
  const headingId = useId();
  const filterId = useId();

  const loadMore = async (cursor: string) => {
    setFailure(null);
    try {
      const page = await readInboundMail(query(cursor));
      setMore((current) => ({
        key: status,
        items: [...(current?.key === status ? current.items : []), ...page.items],
        cursor: page.nextCursor,
      }));
    } catch (error) {
      setFailure(describeAdminError(error));
    }
  };

  const reprocess = async (email: InboundMailDto) => {
    setFailure(null);
    try {
      const updated = await adminApi.post<InboundMailDto>(`/inbound-mail/${email.id}/reprocess`);
      setChanged((current) => ({ ...current, [email.id]: updated }));
      announce(t('admin.inbound.reprocessed'));
    } catch (error) {
      setFailure(describeAdminError(error, { conflict: 'admin.inbound.notReprocessable' }));
    }
  };

  return (
    <div className="admin-page">
      <h2 id={headingId}>{t('admin.inbound.title')}</h2>
      <p className="muted">{t('admin.inbound.intro')}</p>
      <Announcer message={announced} />
      <FormAlert error={failure} />
      <div className="admin-filter">
        <label htmlFor={filterId}>{t('admin.inbound.filter')}</label>
        <select
          id={filterId}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as InboundMailStatus | '');
            setMore(null);
          }}
        >
          <option value="">{t('admin.inbound.all')}</option>
          {InboundMailStatuses.map((value) => (
            <option key={value} value={value}>
              {t(`admin.inbound.statuses.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <Loaded load={load} retry={reload}>
        {({ page, channels }) => {
          const extra = more?.key === status ? more : null;
          const items = [...page.items, ...(extra?.items ?? [])].map((email) => changed[email.id] ?? email);
          const cursor = extra ? extra.cursor : page.nextCursor;
          return (
            <>
              <MailTable
                items={items}
                channels={channels}
                manage={manage}
                labelledBy={headingId}
                onReprocess={(email) => void reprocess(email)}
              />
              {cursor !== null && (
                <button type="button" className="button-quiet" onClick={() => void loadMore(cursor)}>
                  {t('admin.common.loadMore')}
                </button>
              )}
            </>
          );
        }}
      </Loaded>
    </div>
  );
};

const MailTable = ({
  items,
  channels,
  manage,
  labelledBy,
  onReprocess,
}: {
  items: readonly InboundMailDto[];
  channels: readonly IntakeChannelDto[];
  manage: boolean;
  labelledBy: string;
  onReprocess: (email: InboundMailDto) => void;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const locale = useLocale();
  if (items.length === 0) return <p className="muted">{t('admin.common.empty')}</p>;
  const channelName = (id: string | null) =>
    id === null ? t('admin.common.none') : (channels.find((channel) => channel.id === id)?.name ?? id);
  return (
    <div className="table-scroll">
      <table className="admin-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('admin.inbound.received')}</th>
            <th scope="col">{t('admin.inbound.status')}</th>
            <th scope="col">{t('admin.inbound.reason')}</th>
            <th scope="col">{t('admin.inbound.channel')}</th>
            <th scope="col">{t('admin.inbound.case')}</th>
            <th scope="col">{t('admin.inbound.details')}</th>
            {manage && <th scope="col">{t('admin.common.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((email) => (
            <tr key={email.id}>
              <th scope="row">{formatDate(email.createdAt, { style: 'dateTime' })}</th>
              <td>
                <span className={`badge ${STATUS_BADGE[email.status]}`}>
                  {t(`admin.inbound.statuses.${email.status}`)}
                </span>
              </td>
              {/* Reasons are the server's diagnostic notes, written in English. */}
              <td className="reason" lang="en">
                {email.reason ?? t('admin.common.none')}
              </td>
              <td>{channelName(email.channelId)}</td>
              <td>
                {email.caseId ? (
                  <Link to={`/cases/${email.caseId}`}>
                    {t('admin.inbound.openCase')} <span className="visually-hidden">{email.caseId}</span>
                  </Link>
                ) : (
                  t('admin.common.none')
                )}
              </td>
              <td>
                {email.rawSize !== null && (
                  <span className="cell-detail">
                    {t('admin.inbound.size', {
                      size: formatNumber(Math.max(1, Math.round(email.rawSize / 1024)), locale),
                    })}
                  </span>
                )}
                <span className="cell-detail">{t('admin.inbound.attachments', { count: email.attachmentCount })}</span>
                <span className="cell-detail">
                  {email.viaImap ? t('admin.inbound.viaImap') : t('admin.inbound.viaSmtp')}
                </span>
              </td>
              {manage && (
                <td>
                  {(email.status === 'ignored' || email.status === 'unparsed') && (
                    <button type="button" className="button-quiet" onClick={() => onReprocess(email)}>
                      {t('admin.inbound.reprocess')}{' '}
                      <span className="visually-hidden">{formatDate(email.createdAt, { style: 'dateTime' })}</span>
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};
