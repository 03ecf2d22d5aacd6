import type { EarlyWarningDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { useFormatCount } from './manager-ui.tsx';

type CountKey = keyof EarlyWarningDto['counts'];

/** The strip's order: what has already gone wrong first. `alarm` marks counts that are bad news. */
const ITEMS: readonly { key: CountKey; section: string; alarm: boolean }[] = [
  { key: 'clocksBreached', section: 'board-clocks', alarm: true },
  { key: 'clocksDueSoon', section: 'board-clocks', alarm: false },
  { key: 'commitmentsOverdue', section: 'board-promises', alarm: true },
  { key: 'commitmentsDueSoon', section: 'board-promises', alarm: false },
  { key: 'escalationsWaiting', section: 'board-escalations', alarm: false },
  { key: 'approvalsWaiting', section: 'board-approvals', alarm: false },
  { key: 'spikes', section: 'board-spikes', alarm: false },
];

/**
 * The board's counts in one strip, each a link to its section; a count that is bad news is framed
 * in the danger colour, and its words ("clocks breached") say so without the colour.
 */
export const BoardSummary = ({ counts }: { counts: EarlyWarningDto['counts'] }) => {
  const { t } = useTranslation();
  const formatCount = useFormatCount();
  return (
    <ul className="board-summary" aria-label={t('manager.summary.label')}>
      {ITEMS.map(({ key, section, alarm }) => (
        <li key={key} className={alarm && counts[key] > 0 ? 'board-summary-alarm' : undefined}>
          <a href={`#${section}`}>
            <strong>{formatCount(counts[key])}</strong>{' '}
            <span>{t(`manager.summary.${key}`, { count: counts[key] })}</span>
          </a>
        </li>
      ))}
    </ul>
  );
};
