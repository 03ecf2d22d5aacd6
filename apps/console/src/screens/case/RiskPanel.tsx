import type { CaseRiskDto } from '@redress/contract';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../format.ts';
import type { Load } from '../../hooks/use-load.ts';
import { useLocale } from '../../preferences-context.tsx';
import { LoadView, Panel } from './case-ui.tsx';

/**
 * The case's risk in words and as a score, and each signal heard in the customer's words with
 * the words that raised it (the same words are marked where they stand in the text).
 */
export const RiskPanel = ({ load, onRetry }: { load: Load<CaseRiskDto>; onRetry: () => void }) => {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <Panel id="case-risk" title={t('case.risk.title')}>
      <LoadView load={load} onRetry={onRetry}>
        {({ risk, signals, facts }) => (
          <>
            <p className={`case-risk-level case-risk-${risk.level}`}>
              <strong>{t(`case.risk.level.${risk.level}`)}</strong>{' '}
              <span className="muted">{t('case.risk.score', { score: risk.score })}</span>
            </p>
            {signals.length === 0 ? (
              <p className="muted">{t('case.risk.noSignals')}</p>
            ) : (
              <ul className="case-list case-signals">
                {signals.map((signal) => (
                  <li key={`${signal.kind}-${signal.eventId ?? 'description'}-${signal.start}`}>
                    <strong>{t(`case.signal.${signal.kind}`)}</strong>
                    {': '}
                    <q>
                      <mark>{signal.evidence}</mark>
                    </q>{' '}
                    <span className="muted">
                      {signal.source === 'description' ? t('case.risk.inComplaint') : t('case.risk.inMessage')}
                      {' · '}
                      {t('case.risk.confidence', {
                        percent: formatNumber(signal.confidence, locale, { style: 'percent' }),
                      })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
            {(facts.inboundContacts > 0 || facts.reopened || facts.safety) && (
              <ul className="case-chips">
                {facts.inboundContacts > 0 && <li>{t('case.risk.contacts', { count: facts.inboundContacts })}</li>}
                {facts.reopened && <li>{t('case.risk.reopened')}</li>}
                {facts.safety && <li>{t('case.risk.safety')}</li>}
              </ul>
            )}
          </>
        )}
      </LoadView>
    </Panel>
  );
};
