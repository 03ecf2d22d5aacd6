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
 * One queue's cases as a table with a header per column. Short cells keep to one line and the
 * subject wraps; a table still too wide scrolls sideways inside a focusable, labelled region, so
 * keyboard users can scroll it too. On a phone each row stacks as a card, every cell under its
 * column's name (`data-label`). Urgency is said in words (the countdown, the severity, the
 * escalation level), never by colour alone.
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
  const column = {
    ref: t('queues.columns.ref'),
    subject: t('queues.columns.subject'),
    customer: t('queues.columns.customer'),
    status: t('queues.columns.status'),
    severity: t('queues.columns.severity'),
    priority: t('queues.columns.priority'),
    escalation: t('queues.columns.escalation'),
    channel: t('queues.columns.channel'),
    due: t('queues.columns.due'),
    updated: t('queues.columns.updated'),
  };
  return (
    <div
      className="queue-table-wrap"
      role="region"
      aria-label={t('queues.tableLabel', { queue: caption })}
      tabIndex={0}
    >
      <table className="queue-table" aria-busy={busy || undefined}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {Object.entries(column).map(([key, name]) => (
              <th key={key} scope="col">
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const rank = item.escalationRank ?? 0;
            return (
              <tr key={item.id}>
                <th scope="row" data-label={column.ref}>
                  <Link id={caseLinkId(item.id)} to={`/cases/${item.id}`} className="queue-ref">
                    {item.ref}
                  </Link>
                </th>
                <td className="queue-subject" data-label={column.subject}>
                  {item.subject ?? <span className="muted">{t('queues.noSubject')}</span>}
                </td>
                <td className="queue-words" data-label={column.customer}>
                  {item.customerName ?? <span className="muted">{t('queues.unknownCustomer')}</span>}
                </td>
                <td className="queue-words" data-label={column.status}>
                  {vocab.status(item.status)}
                </td>
                <td className="queue-severity" data-label={column.severity}>
                  <span className={`severity severity-${item.severity}`}>{vocab.severity(item.severity)}</span>
                  {item.safety && <span className="safety-flag">{vocab.safety()}</span>}
                </td>
                <td data-label={column.priority}>{vocab.priority(item.priority)}</td>
                <td className={rank > 0 ? 'escalated' : 'muted'} data-label={column.escalation}>
                  {vocab.escalation(rank)}
                </td>
                <td data-label={column.channel}>{vocab.channel(item.channel)}</td>
                <td data-label={column.due}>
                  {item.nextDueAt ? (
                    <Countdown dueAt={item.nextDueAt} now={now} />
                  ) : (
                    <span className="muted">{t('queues.noClock')}</span>
                  )}
                </td>
                <td className="queue-updated" data-label={column.updated}>
                  {/* Date and time each kept whole; the line may break between them. */}
                  <time dateTime={item.updatedAt}>
                    <span>{formatDate(item.updatedAt, { style: 'date' })}</span>{' '}
                    <span>{formatDate(item.updatedAt, { style: 'time' })}</span>
                  </time>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
};
