import { useTranslation } from 'react-i18next';
import { useNow } from '../hooks/use-now.ts';
import { useFormatDate } from '../preferences-context.tsx';
import { countdownParts } from './countdown.ts';

interface CountdownProps {
  dueAt: string;
  /** Fixed "now", for lists that tick once for all rows; else the countdown ticks by itself. */
  now?: Date;
  /** How close a due time turns amber, in milliseconds (default 4 h). */
  soonMs?: number;
}

/**
 * "due in 2 hr 5 min" / "overdue by 1 day 3 hr", coloured by urgency, with the exact due time
 * (in the reader's calendar) as the `<time>` element's title and machine-readable `dateTime`.
 * Shows at most two units: the largest two that are not zero.
 */
export const Countdown = ({ dueAt, now, soonMs }: CountdownProps) =>
  now ? <CountdownAt dueAt={dueAt} now={now} soonMs={soonMs} /> : <TickingCountdown dueAt={dueAt} soonMs={soonMs} />;

/** A countdown on its own, with its own clock (a single panel's few rows). */
const TickingCountdown = ({ dueAt, soonMs }: Omit<CountdownProps, 'now'>) => (
  <CountdownAt dueAt={dueAt} now={useNow()} soonMs={soonMs} />
);

/** The countdown against a given now: lists pass one clock for all their rows, so no row keeps a timer. */
const CountdownAt = ({ dueAt, now, soonMs }: CountdownProps & { now: Date }) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const parts = countdownParts(dueAt, now, soonMs);
  const units = [
    parts.days > 0 ? t('time.days', { n: parts.days }) : null,
    parts.hours > 0 ? t('time.hours', { n: parts.hours }) : null,
    parts.days === 0 && parts.minutes > 0 ? t('time.minutes', { n: parts.minutes }) : null,
  ].filter((unit): unit is string => unit !== null);
  const duration = units.length === 0 ? t('time.lessThanMinute') : units.slice(0, 2).join(' ');
  const exact = formatDate(dueAt, { style: 'dateTime' });
  return (
    <time className={`countdown countdown-${parts.tone}`} dateTime={dueAt} title={exact}>
      {parts.overdue ? t('time.overdueBy', { duration }) : t('time.dueIn', { duration })}
    </time>
  );
};
