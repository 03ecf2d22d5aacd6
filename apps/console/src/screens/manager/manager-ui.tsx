import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { countdownParts } from '../../components/countdown.ts';
import { formatNumber } from '../../format.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';

/** A case reference that opens the case page. */
export const CaseLink = ({ caseId, caseRef }: { caseId: string; caseRef: string }) => (
  <Link to={`/cases/${encodeURIComponent(caseId)}`} className="case-ref">
    {caseRef}
  </Link>
);

/** "2 days 3 hr": the time since `since`, at most two units, in the reader's language. */
export const useElapsed = () => {
  const { t } = useTranslation();
  return (since: string, now: Date): string => {
    const parts = countdownParts(since, now);
    const units = [
      parts.days > 0 ? t('time.days', { n: parts.days }) : null,
      parts.hours > 0 ? t('time.hours', { n: parts.hours }) : null,
      parts.days === 0 && parts.minutes > 0 ? t('time.minutes', { n: parts.minutes }) : null,
    ].filter((unit): unit is string => unit !== null);
    return units.length === 0 ? t('time.lessThanMinute') : units.slice(0, 2).join(' ');
  };
};

/** How long something has waited, with the exact time as the `<time>` element's title. */
export const Waited = ({ since, now }: { since: string; now: Date }) => {
  const { t } = useTranslation();
  const elapsed = useElapsed();
  const formatDate = useFormatDate();
  return (
    <time dateTime={since} title={formatDate(since, { style: 'dateTime' })}>
      {t('manager.board.waitingFor', { duration: elapsed(since, now) })}
    </time>
  );
};

/** A number formatted for the reader. */
export const useFormatCount = () => {
  const locale = useLocale();
  return (value: number) => formatNumber(value, locale);
};

/** A section heading with its count beside it ("Approvals waiting 3"). */
export const SectionHeading = ({
  id,
  level = 2,
  count,
  children,
}: {
  id?: string;
  level?: 2 | 3;
  count?: number;
  children: ReactNode;
}) => {
  const formatCount = useFormatCount();
  const Tag = level === 2 ? 'h2' : 'h3';
  return (
    <Tag id={id} tabIndex={id === undefined ? undefined : -1}>
      {children}
      {count !== undefined && <span className="board-count">{formatCount(count)}</span>}
    </Tag>
  );
};

/** "Showing 50 of 73" under a list cut at the board's limit; nothing when all are shown. */
export const ShownOf = ({ shown, total }: { shown: number; total: number }) => {
  const { t } = useTranslation();
  if (shown >= total) return null;
  return <p className="muted">{t('manager.board.shownOf', { shown, total })}</p>;
};
