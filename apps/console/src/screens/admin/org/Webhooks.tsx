import { ALL_EVENTS, type WebhookDto } from '@redress/contract';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../../../auth/permissions.ts';
import { useLoad } from '../../../hooks/use-load.ts';
import { useFormatDate } from '../../../preferences-context.tsx';
import { adminApi, readWebhooks } from './admin-api.ts';
import { describeAdminError, type AdminMessage } from './admin-errors.ts';
import { Announcer, ConfirmButton, FormAlert, useAnnouncer } from './admin-ui.tsx';
import { Loaded } from '../../../components/Loaded.tsx';
import { WebhookDeliveries } from './WebhookDeliveries.tsx';
import { WebhookForm } from './WebhookForm.tsx';

/** Webhook subscriptions: where events are sent, their delivery log, and adding or deleting one. */
export const Webhooks = () => {
  const { t } = useTranslation();
  const manage = useCan()('config:manage');
  const { load, reload } = useLoad(readWebhooks, 'webhooks');
  const [announced, announce] = useAnnouncer();
  const [open, setOpen] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [failure, setFailure] = useState<AdminMessage | null>(null);
  const headingId = useId();

  const remove = async (hook: WebhookDto) => {
    setFailure(null);
    try {
      await adminApi.delete(`/webhooks/${hook.id}`);
      if (open === hook.id) setOpen(null);
      announce(t('admin.webhooks.deleted', { url: hook.url }));
      reload();
    } catch (error) {
      setFailure(describeAdminError(error));
    }
  };

  return (
    <div className="admin-page">
      <h2 id={headingId}>{t('admin.webhooks.title')}</h2>
      <p className="muted">{t('admin.webhooks.intro')}</p>
      <Announcer message={announced} />
      <FormAlert error={failure} />
      {secret && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
      <Loaded load={load} retry={reload}>
        {(hooks) => {
          const opened = hooks.find((hook) => hook.id === open);
          return (
            <>
              <WebhookTable
                hooks={hooks}
                manage={manage}
                open={open}
                onToggle={(id) => setOpen(open === id ? null : id)}
                onDelete={(hook) => remove(hook)}
                labelledBy={headingId}
              />
              {opened && <WebhookDeliveries key={opened.id} hook={opened} manage={manage} announce={announce} />}
            </>
          );
        }}
      </Loaded>
      {manage && (
        <WebhookForm
          onCreated={(created) => {
            announce(t('admin.webhooks.created', { url: created.url }));
            // Shown once: the API never returns it again.
            setSecret(created.secret ?? null);
            reload();
          }}
        />
      )}
    </div>
  );
};

const WebhookTable = ({
  hooks,
  manage,
  open,
  onToggle,
  onDelete,
  labelledBy,
}: {
  hooks: readonly WebhookDto[];
  manage: boolean;
  open: string | null;
  onToggle: (id: string) => void;
  onDelete: (hook: WebhookDto) => Promise<void>;
  labelledBy: string;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  if (hooks.length === 0) return <p className="muted">{t('admin.common.empty')}</p>;
  return (
    <div className="table-scroll">
      <table className="admin-table" aria-labelledby={labelledBy}>
        <thead>
          <tr>
            <th scope="col">{t('admin.webhooks.url')}</th>
            <th scope="col">{t('admin.webhooks.events')}</th>
            <th scope="col">{t('admin.webhooks.status')}</th>
            <th scope="col">{t('admin.common.created')}</th>
            <th scope="col">{t('admin.common.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {hooks.map((hook) => (
            <tr key={hook.id}>
              <th scope="row" className="reason">
                {hook.url}
              </th>
              <td>
                {hook.eventTypes.includes(ALL_EVENTS) ? (
                  t('admin.webhooks.allEvents')
                ) : (
                  <>
                    {t('admin.webhooks.eventCount', { count: hook.eventTypes.length })}
                    <span className="cell-detail">{hook.eventTypes.join(', ')}</span>
                  </>
                )}
              </td>
              <td>
                <span className={`badge ${hook.enabled ? 'badge-on' : 'badge-off'}`}>
                  {hook.enabled ? t('admin.common.on') : t('admin.common.off')}
                </span>
              </td>
              <td>{formatDate(hook.createdAt)}</td>
              <td>
                <span className="cell-actions">
                  <button
                    type="button"
                    className="button-quiet"
                    aria-expanded={open === hook.id}
                    onClick={() => onToggle(hook.id)}
                  >
                    {open === hook.id ? t('admin.webhooks.hideDeliveries') : t('admin.webhooks.deliveries')}{' '}
                    <span className="visually-hidden">{hook.url}</span>
                  </button>
                  {manage && (
                    <ConfirmButton
                      label={
                        <>
                          {t('admin.common.delete')} <span className="visually-hidden">{hook.url}</span>
                        </>
                      }
                      question={t('admin.webhooks.confirmDelete', { url: hook.url })}
                      confirmLabel={t('admin.common.yesDelete')}
                      onConfirm={() => onDelete(hook)}
                    />
                  )}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

/** The signing secret, shown once after creation, with the focus on it so it is not missed. */
const SecretOnce = ({ secret, onDone }: { secret: string; onDone: () => void }) => {
  const { t } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <section className="secret-box" aria-labelledby={headingId}>
      <h3 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('admin.webhooks.secretTitle')}
      </h3>
      <p>{t('admin.webhooks.secretHint')}</p>
      <code>{secret}</code>
      <button type="button" className="button-quiet" onClick={onDone}>
        {t('admin.webhooks.secretDone')}
      </button>
    </section>
  );
};
