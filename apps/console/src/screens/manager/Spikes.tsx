import type { EarlyWarningDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import { useFormatDate, useLocale } from '../../preferences-context.tsx';
import { CaseLink, SectionHeading, ShownOf } from './manager-ui.tsx';

/** Bursts of similar complaints: one of many? (article 003) */
export const SpikesSection = ({ board }: { board: EarlyWarningDto }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  const formatDate = useFormatDate();
  const { spikes } = board;
  return (
    <section className="board-section" aria-labelledby="board-spikes">
      <SectionHeading id="board-spikes" count={spikes.total}>
        {t('manager.spikes.title')}
      </SectionHeading>
      {spikes.items.length === 0 ? (
        <p className="muted">{t('manager.spikes.none')}</p>
      ) : (
        <ul className="board-cards">
          {spikes.items.map((spike) => (
            <li key={spike.spikeId} className="board-card">
              <p className="board-card-head">
                <CaseLink caseId={spike.caseId} caseRef={spike.caseRef} />
                <span className="board-text">{spike.subject ?? t('manager.spikes.noSubject')}</span>
              </p>
              <p>
                {t('manager.spikes.counts', {
                  count: spike.currentCount,
                  usual: formatNumber(spike.baselineAverage, locale, { maximumFractionDigits: 1 }),
                })}
              </p>
              <p className="muted">
                {t('manager.spikes.atMySites', { count: spike.atMySites })}{' '}
                {t('manager.spikes.detected', { date: formatDate(spike.detectedAt, { style: 'dateTime' }) })}
              </p>
            </li>
          ))}
        </ul>
      )}
      <ShownOf shown={spikes.items.length} total={spikes.total} />
    </section>
  );
};
