import type { Health } from '@redress/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { useFormatDate } from '../preferences-context.tsx';

type Status = { phase: 'checking' } | { phase: 'ok' | 'down'; checkedAt: Date };

/** Reads `/healthz` on arrival and on demand, and says in words (not colour alone) how it went. */
export const StatusPanel = () => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const [status, setStatus] = useState<Status>({ phase: 'checking' });
  const current = useRef<AbortController | null>(null);

  const check = useCallback(() => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setStatus({ phase: 'checking' });
    api.get<Health>('/healthz', controller.signal).then(
      (body) => setStatus({ phase: body.status === 'ok' ? 'ok' : 'down', checkedAt: new Date() }),
      () => {
        if (!controller.signal.aborted) setStatus({ phase: 'down', checkedAt: new Date() });
      },
    );
  }, []);

  useEffect(() => {
    check();
    return () => current.current?.abort();
  }, [check]);

  return (
    <section className="card" aria-labelledby="status-title">
      <h2 id="status-title">{t('status.title')}</h2>
      <div role="status" className={`status status-${status.phase}`}>
        <span className="status-dot" aria-hidden="true" />
        <span>{status.phase === 'checking' ? t('status.checking') : t(`status.${status.phase}`)}</span>
      </div>
      {status.phase !== 'checking' && (
        <p className="muted">{t('status.checkedAt', { time: formatDate(status.checkedAt, { style: 'dateTime' }) })}</p>
      )}
      <button type="button" className="button-quiet" onClick={check} disabled={status.phase === 'checking'}>
        {t('status.refresh')}
      </button>
    </section>
  );
};
