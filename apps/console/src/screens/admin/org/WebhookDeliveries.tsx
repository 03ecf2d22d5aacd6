import type { WebhookDeliveryDto, WebhookDeliveryList, WebhookDeliveryStatus, WebhookDto } from '@redress/contract';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLoad } from '../../../hooks/use-load.ts';
import { formatNumber } from '../../../format.ts';
import { useFormatDate, useLocale } from '../../../preferences-context.tsx';
import { adminApi } from './admin-api.ts';
import { describeAdminError, type AdminMessage } from './admin-errors.ts';
import { FormAlert } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';

const STATUS_BADGE: Record<WebhookDeliveryStatus, string> = {
  pending: 'badge-wait',
  delivered: 'badge-on',
  failed: 'badge-bad',
};

/** One subscription's delivery log, newest first, with "send again" for finished deliveries. */
export const WebhookDeliveries = ({
  hook,
  manage,
  announce,
}: {
  hook: WebhookDto;
  manage: boolean;
  announce: (message: string) => void;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const locale = useLocale();
  const headingId = useId();
  const { load, reload } = useLoad(
    async (signal) => (await adminApi.get<WebhookDeliveryList>(`/webhooks/${hook.id}/deliveries`, signal)).items,
    `deliveries:${hook.id}`,
  );
  const [changed, setChanged] = useState<Record<string, WebhookDeliveryDto>>({});
  const [failure, setFailure] = useState<AdminMessage | null>(null);

  const redeliver = async (delivery: WebhookDeliveryDto) => {
    setFailure(null);
    try {
      const updated = await adminApi.post<WebhookDeliveryDto>(`/webhooks/deliveries/${delivery.id}/redeliver`);
      setChanged((current) => ({ ...current, [delivery.id]: updated }));
      announce(t('admin.webhooks.redelivered'));
    } catch (error) {
      setFailure(describeAdminError(error));
    }
  };

  return (
    <section className="admin-form admin-form-edit" aria-labelledby={headingId}>
      <h3 id={headingId} className="reason">
        {t('admin.webhooks.deliveriesTitle', { url: hook.url })}
      </h3>
      <FormAlert error={failure} />
      <Loaded load={load} retry={reload}>
        {(deliveries) =>
          deliveries.length === 0 ? (
            <p className="muted">{t('admin.webhooks.noDeliveries')}</p>
          ) : (
            <div className="table-scroll">
              <table className="admin-table" aria-labelledby={headingId}>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.webhooks.event')}</th>
                    <th scope="col">{t('admin.webhooks.status')}</th>
                    <th scope="col">{t('admin.webhooks.attempts')}</th>
                    <th scope="col">{t('admin.webhooks.answer')}</th>
                    {manage && <th scope="col">{t('admin.common.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {deliveries.map((original) => {
                    const delivery = changed[original.id] ?? original;
                    return (
                      <tr key={delivery.id}>
                        <th scope="row">
                          <code>{delivery.eventType}</code>
                          <span className="cell-detail">{formatDate(delivery.createdAt, { style: 'dateTime' })}</span>
                        </th>
                        <td>
                          <span className={`badge ${STATUS_BADGE[delivery.status]}`}>
                            {t(`admin.webhooks.deliveryStatuses.${delivery.status}`)}
                          </span>
                          {delivery.status === 'pending' && delivery.nextAttemptAt && (
                            <span className="cell-detail">
                              {t('admin.webhooks.nextAttempt', {
                                time: formatDate(delivery.nextAttemptAt, { style: 'dateTime' }),
                              })}
                            </span>
                          )}
                        </td>
                        <td>{formatNumber(delivery.attempts, locale)}</td>
                        <td>
                          {delivery.lastStatusCode !== null &&
                            t('admin.webhooks.httpStatus', { code: String(delivery.lastStatusCode) })}
                          {/* The receiving side's or the network's own words, as recorded. */}
                          {delivery.lastError && delivery.lastError !== `HTTP ${delivery.lastStatusCode}` && (
                            <span className="cell-detail reason" lang="en">
                              {delivery.lastError}
                            </span>
                          )}
                          {delivery.lastStatusCode === null && !delivery.lastError && t('admin.common.none')}
                        </td>
                        {manage && (
                          <td>
                            {delivery.status !== 'pending' && (
                              <button type="button" className="button-quiet" onClick={() => void redeliver(delivery)}>
                                {t('admin.webhooks.redeliver')}{' '}
                                <span className="visually-hidden">
                                  {delivery.eventType} {formatDate(delivery.createdAt, { style: 'dateTime' })}
                                </span>
                              </button>
                            )}
                          </td>
                        )}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </section>
  );
};
