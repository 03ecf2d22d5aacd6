import type { CaseSummaryDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Countdown } from '../../components/Countdown.tsx';
import { useNow } from '../../hooks/use-now.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { useCaseVocabulary } from './vocabulary.ts';

/** The id of a row's reference link, so "show more" can move the focus to the first new row. */
export const caseLinkId = (caseId: string) => `queue-case-${caseId}`;

/**
 * One queue's cases as a table with a header per column. Wide tables scroll sideways inside a
 * focusable region, so keyboard users can scroll it too. Urgency is said in words (the countdown,
 * the severity, the escalation level), never by colour alone.
 */
export const QueueTable = ({
  caption,
  items,
  busy,
}: {
  caption: string;
  items: readonly CaseSummaryDto[];
  busy: boolean;
}) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const vocab = useCaseVocabulary();
  // One clock for the whole list rather than one per row.
  const now = useNow(30_000);
  return (
    <div className="queue-table-wrap" role="region" aria-label={caption} tabIndex={0}>
      <table className="queue-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('queues.columns.ref')}</th>
            <th scope="col">{t('queues.columns.subject')}</th>
            <th scope="col">{t('queues.columns.customer')}</th>
            <th scope="col">{t('queues.columns.status')}</th>
            <th scope="col">{t('queues.columns.severity')}</th>
            <th scope="col">{t('queues.columns.priority')}</th>
            <th scope="col">{t('queues.columns.escalation')}</th>
            <th scope="col">{t('queues.columns.channel')}</th>
            <th scope="col">{t('queues.columns.due')}</th>
            <th scope="col">{t('queues.columns.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const rank = item.escalationRank ?? 0;
            return (
              <tr key={item.id}>
                <th scope="row">
                  <Link id={caseLinkId(item.id)} to={`/cases/${item.id}`} className="queue-ref">
                    {item.ref}
                  </Link>
                </th>
                <td className="queue-subject">
                  {item.subject ?? <span className="muted">{t('queues.noSubject')}</span>}
                </td>
                <td>{item.customerName ?? <span className="muted">{t('queues.unknownCustomer')}</span>}</td>
                <td>{vocab.status(item.status)}</td>
                <td>
                  <span className={`severity severity-${item.severity}`}>{vocab.severity(item.severity)}</span>
                  {item.safety && <span className="safety-flag">{vocab.safety()}</span>}
                </td>
                <td>{vocab.priority(item.priority)}</td>
                <td className={rank > 0 ? 'escalated' : 'muted'}>{vocab.escalation(rank)}</td>
                <td>{vocab.channel(item.channel)}</td>
                <td>
                  {item.nextDueAt ? (
                    <Countdown dueAt={item.nextDueAt} now={now} />
                  ) : (
                    <span className="muted">{t('queues.noClock')}</span>
                  )}
                </td>
                <td>
                  <time dateTime={item.updatedAt}>{formatDate(item.updatedAt, { style: 'dateTime' })}</time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
