import { QueueKeys, type CaseSummaryDto, type QueueCountsDto, type QueueKey } from '@redress/contract';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useParams } from 'react-router';
import { describeError, type ErrorMessage } from '../../errors.ts';
import { formatNumber } from '../../format.ts';
import { useLoad, type Load } from '../../hooks/use-load.ts';
import { useLiveReload, useLiveStatus } from '../../live/live-feed.tsx';
import { useLocale } from '../../preferences-context.tsx';
import { StatusPanel } from '../StatusPanel.tsx';
import { agentApi, QUEUE_PAGE } from './agent-api.ts';
import { caseLinkId, QueueTable } from './QueueTable.tsx';
import './agent.css';

const isQueueKey = (value: string): value is QueueKey => (QueueKeys as readonly string[]).includes(value);

/** What a queue shows: the cases read so far and where the next page starts. */
interface Listing {
  queue: QueueKey;
  items: CaseSummaryDto[];
  nextCursor: string | null;
}

/** The six queues with their counts; the selected one is marked for assistive technology too. */
const QueueNav = ({ selected, counts }: { selected: QueueKey; counts: Load<QueueCountsDto> }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <nav className="queue-nav" aria-label={t('queues.listLabel')}>
      <ul>
        {QueueKeys.map((key) => {
          const count = counts.state === 'ready' ? counts.value.counts[key] : undefined;
          return (
            <li key={key}>
              <Link to={`/queues/${key}`} aria-current={key === selected ? 'page' : undefined}>
                <span>{t(`queues.names.${key}`)}</span>
                {count !== undefined && (
                  <>
                    <span className="queue-count" aria-hidden="true">
                      {formatNumber(count, locale)}
                    </span>
                    <span className="visually-hidden">{t('queues.count', { count })}</span>
                  </>
                )}
              </Link>
            </li>
          );
        })}
      </ul>
      {counts.state === 'failed' && <p className="muted queue-nav-note">{t('queues.countsFailed')}</p>}
    </nav>
  );
};

/** Says, discreetly, whether the lists update by themselves, so nobody trusts a stale list. */
const LiveIndicator = () => {
  const { t } = useTranslation();
  const status = useLiveStatus();
  return (
    <p className={`live-indicator live-${status}`} role="status">
      <span className="live-dot" aria-hidden="true" />
      {t(`queues.live.${status}`)}
    </p>
  );
};

/**
 * The agent's home: the six queues with counts, the chosen one's cases (default: my cases), more
 * on request, and live updates of both while the page is open.
 */
export const Queues = () => {
  const { queue: param } = useParams();
  const queue: QueueKey | undefined = param === undefined ? 'mine' : isQueueKey(param) ? param : undefined;
  if (!queue) return <Navigate to="/" replace />;
  return <QueueScreen queue={queue} />;
};

const QueueScreen = ({ queue }: { queue: QueueKey }) => {
  const { t } = useTranslation();
  const counts = useLoad(agentApi.queueCounts, 'counts');
  const list = useLoad<Listing>(async (signal) => {
    // A reload keeps as many rows as are shown, so a live update never takes back "show more".
    const shown = list.load.state === 'ready' && list.load.value.queue === queue ? list.load.value.items.length : 0;
    const page = await agentApi.queuePage(queue, { limit: Math.max(QUEUE_PAGE, shown) }, signal);
    return { queue, items: page.items, nextCursor: page.nextCursor };
  }, queue);
  const [more, setMore] = useState<{ pending: boolean; error: ErrorMessage | null }>({ pending: false, error: null });
  const [focusCase, setFocusCase] = useState<string | null>(null);

  useLiveReload(() => {
    counts.reload();
    list.reload();
  });

  useEffect(() => setMore({ pending: false, error: null }), [queue]);
  useEffect(() => {
    if (focusCase) document.getElementById(caseLinkId(focusCase))?.focus();
  }, [focusCase]);

  const showMore = (cursor: string) => {
    setMore({ pending: true, error: null });
    agentApi.queuePage(queue, { cursor }).then(
      (page) => {
        list.setLoad((previous) => {
          if (previous.state !== 'ready' || previous.value.queue !== queue) return previous;
          const known = new Set(previous.value.items.map((item) => item.id));
          const added = page.items.filter((item) => !known.has(item.id));
          return {
            ...previous,
            value: { queue, items: [...previous.value.items, ...added], nextCursor: page.nextCursor },
          };
        });
        setMore({ pending: false, error: null });
        // Keyboard and screen-reader users continue from the first case just added.
        setFocusCase(page.items[0]?.id ?? null);
      },
      (error: unknown) => setMore({ pending: false, error: describeError(error) }),
    );
  };

  const name = t(`queues.names.${queue}`);
  const load = list.load;
  return (
    <div className="queues">
      <header className="queues-head">
        <h1>{t('queues.title')}</h1>
        <LiveIndicator />
      </header>
      <div className="queues-layout">
        <QueueNav selected={queue} counts={counts.load} />
        <section className="queue-list" aria-labelledby="queue-heading">
          <h2 id="queue-heading">{name}</h2>
          {load.state === 'loading' && (
            <p className="muted" role="status">
              {t('queues.loading')}
            </p>
          )}
          {load.state === 'failed' && (
            <div className="alert" role="alert">
              <p>{t(load.error.key, load.error.values)}</p>
              <button type="button" className="button-quiet" onClick={list.reload}>
                {t('common.retry')}
              </button>
            </div>
          )}
          {load.state === 'ready' && load.value.items.length === 0 && (
            <p className="queue-empty">{t(`queues.empty.${queue}`)}</p>
          )}
          {load.state === 'ready' && load.value.items.length > 0 && (
            <>
              <QueueTable caption={name} items={load.value.items} busy={load.reloading} />
              {more.error && (
                <p className="alert" role="alert">
                  {t(more.error.key, more.error.values)}
                </p>
              )}
              {load.value.nextCursor !== null && (
                <button
                  type="button"
                  className="button-quiet queue-more"
                  disabled={more.pending}
                  onClick={() => load.value.nextCursor !== null && showMore(load.value.nextCursor)}
                >
                  {more.pending ? t('queues.loadingMore') : t('queues.showMore')}
                </button>
              )}
            </>
          )}
        </section>
        <aside className="queues-aside">
          <StatusPanel />
        </aside>
      </div>
    </div>
  );
};
