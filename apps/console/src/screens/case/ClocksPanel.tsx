import type { ClockDto, ClockList } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { Countdown } from '../../components/Countdown.tsx';
import type { Load } from '../../hooks/use-load.ts';
import { useFormatDate } from '../../preferences-context.tsx';
import { LoadView, Panel } from './case-ui.tsx';

interface ClocksPanelProps {
  load: Load<ClockList>;
  onRetry: () => void;
  /** What a task or commitment clock times, in words (the question, the promise). */
  subjectOf: (clock: ClockDto) => string | null;
}

const ClockRow = ({ clock, subject }: { clock: ClockDto; subject: string | null }) => {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  return (
    <li className={`case-clock case-clock-${clock.state}${clock.breached ? ' case-clock-breached' : ''}`}>
      <span className="case-clock-name">
        {t(`case.clocks.kind.${clock.kind}`)}
        {subject && <span className="muted"> · {subject}</span>}
      </span>
      <span className="case-clock-time">
        {clock.state === 'running' && <Countdown dueAt={clock.dueAt} />}
        {clock.state === 'paused' && (
          <span>{t('case.clocks.paused', { due: formatDate(clock.dueAt, { style: 'dateTime' }) })}</span>
        )}
        {clock.state === 'met' && (
          <span>
            {clock.breached ? t('case.clocks.metLate') : t('case.clocks.met')}
            {clock.settledAt && <> · {formatDate(clock.settledAt, { style: 'dateTime' })}</>}
          </span>
        )}
        {clock.state === 'cancelled' && <span className="muted">{t('case.clocks.cancelled')}</span>}
      </span>
      {clock.state !== 'cancelled' && clock.state !== 'met' && (
        <span className="case-clock-used">
          {clock.breached ? (
            <strong className="case-warning">{t('case.clocks.breached')}</strong>
          ) : (
            t('case.clocks.used', { percent: clock.percentUsed })
          )}
        </span>
      )}
    </li>
  );
};

/** The case's service clocks: what is running out first at the top. */
export const ClocksPanel = ({ load, onRetry, subjectOf }: ClocksPanelProps) => {
  const { t } = useTranslation();
  return (
    <Panel id="case-clocks" title={t('case.clocks.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {({ items }) => {
          const live = items
            .filter((clock) => clock.state === 'running' || clock.state === 'paused')
            .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
          const settled = items.filter((clock) => clock.state === 'met' || clock.state === 'cancelled');
          return (
            <>
              {live.length === 0 ? (
                <p className="muted">{t('case.clocks.none')}</p>
              ) : (
                <ul className="case-list case-clocks">
                  {live.map((clock) => (
                    <ClockRow key={clock.id} clock={clock} subject={subjectOf(clock)} />
                  ))}
                </ul>
              )}
              {settled.length > 0 && (
                <details>
                  <summary>{t('case.clocks.settled', { count: settled.length })}</summary>
                  <ul className="case-list case-clocks">
                    {settled.map((clock) => (
                      <ClockRow key={clock.id} clock={clock} subject={subjectOf(clock)} />
                    ))}
                  </ul>
                </details>
              )}
            </>
          );
        }}
      </LoadView>
    </Panel>
  );
};
